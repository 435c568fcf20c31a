import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Catalog, CatalogEvent, Item, Media, Practice, Resource } from '../../shared/catalog/types.ts';
import { FeedController } from '../shared/feed-controller.ts';
import { formatList, formatSize, languageName } from '../shared/format.ts';
import { formatDate } from '../shared/i18n.ts';
import { formatLabel, labelsOf, localized, saveButton, SavedController, textOf } from '../shared/item-parts.ts';
import { KwElement } from '../shared/kw-element.ts';
import { safeUrl } from '../shared/links.ts';
import { common } from '../shared/strings.ts';
import { getStore, itemKey } from '../shared/store.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import { itemStyles } from './kw-item.styles.ts';
import { strings } from './strings.ts';

const RELATED_COUNT = 3;

function isAllDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/**
 * One practice, resource or event in full: steps and evidence, media (saying whether there are captions),
 * event time and place, source, topics, related items and the Markdown body (rendered safely, loaded as a
 * separate chunk). It has a share link (the Web Share API where there is one, else copy to the clipboard),
 * "Save offline", and for practices "Add to my action plan".
 *
 * @tagname kw-item
 * @summary One catalog item in full, with share, save offline and add to action plan.
 *
 * @attr item - The item's id. Without it, the `kw-item` parameter of the page address is used.
 * @attr src - Feed URLs, space separated. Default: the catalog published next to kanswijzer.js.
 * @attr lang - Language of the interface (`nl` or `en`); default the closest `lang` on the page, else Dutch.
 * @attr heading-level - Level of the item's title (default 2); its sections are one deeper.
 * @attr share-url - The address to share. Default: this page with `?kw-item=<id>`.
 * @attr compact - Leave out the type, title, summary and save button (for use under a list entry that shows them).
 * @attr theme - `light` or `dark` to fix the colour scheme; default follows the reader's setting.
 *
 * @event kw-load - The feeds finished loading. `detail: { state, feeds }`.
 * @event kw-select - A related item is opened. `detail: { item }`. Cancelable: it then does not open here.
 * @event kw-save - "Save offline" was pressed. `detail: { item, key }`. Cancelable.
 * @event kw-remove - The saved item is un-saved with the same button. `detail: { item, key }`. Cancelable.
 * @event kw-share - The share button was used. `detail: { item, url, method }` (`share`, `clipboard` or `manual`).
 * @event kw-plan-add - "Add to my action plan" was pressed (practices). `detail: { item, key }`. Cancelable: the element then does not add it to the most recent plan itself.
 *
 * @csspart base - The wrapper of everything.
 * @csspart title - The item's heading.
 * @csspart summary - The summary.
 * @csspart body - The Markdown body.
 * @csspart steps - The list of steps of a practice.
 * @csspart media - The list of media of a resource.
 * @csspart related - The related items.
 * @csspart save-button - The "Save offline" button.
 * @csspart share-button - The share button.
 * @csspart plan-button - The "Add to my action plan" button.
 * @csspart status - The loading message.
 * @csspart notice - Messages about the feed or a missing item.
 *
 * @cssproperty --kw-font - Font family.
 * @cssproperty --kw-font-size - Base font size.
 * @cssproperty --kw-color-text - Text colour.
 * @cssproperty --kw-color-background - Background colour.
 * @cssproperty --kw-color-surface - Background of notices and tags.
 * @cssproperty --kw-color-accent - Links, buttons and pressed states.
 * @cssproperty --kw-color-on-accent - Text on the accent colour.
 * @cssproperty --kw-color-muted - Secondary text.
 * @cssproperty --kw-color-border - Borders.
 * @cssproperty --kw-color-danger - Error notices and "cancelled".
 * @cssproperty --kw-radius - Corner radius.
 * @cssproperty --kw-spacing - Space between blocks.
 * @cssproperty --kw-focus-ring - Focus outline.
 */
export class KwItem extends KwElement {
  static override styles = [themeStyles, itemStyles];

  @property({ attribute: 'item' }) itemId = '';
  @property() src = '';
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;
  @property({ attribute: 'share-url' }) shareUrl = '';
  @property({ type: Boolean }) compact = false;
  /** The item itself, when the host page (or a list) already has it; no feed is loaded then. */
  @property({ attribute: false }) data: Item | undefined;
  /** The catalog the item is from (topic labels, related items); with `item`, no feed is loaded then either. */
  @property({ attribute: false }) catalog: Catalog | undefined;

  @state() private note = '';
  @state() private manualCopy = '';

  private feed: FeedController | undefined;
  private bodyKey = '';

  constructor() {
    super();
    new SavedController(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A feed is needed only when the item is not handed over as a property.
    if (!this.data && !this.feed) this.feed = new FeedController(this);
    if (changed.has('itemId') || changed.has('data')) {
      this.note = '';
      this.manualCopy = '';
    }
  }

  private get wantedId(): string {
    return this.itemId || new URLSearchParams(location.search).get('kw-item') || '';
  }

  private get currentCatalog(): Catalog | undefined {
    return this.catalog ?? this.feed?.catalog;
  }

  private get current(): Item | undefined {
    if (this.data) return this.data;
    const id = this.wantedId;
    const items = this.currentCatalog?.items ?? [];
    return items.find((item) => item.id === id) ?? items.find((item) => item.provenance?.originalId === id);
  }

  private level(offset = 0): number {
    return Math.min(6, Math.max(1, this.headingLevel) + offset);
  }

  // ── Body ──────────────────────────────────────────────────────────────────────────────────────────

  protected override updated(): void {
    const item = this.current;
    const target = this.renderRoot.querySelector<HTMLElement>('.body');
    if (!item || !target) {
      this.bodyKey = '';
      return;
    }
    const body = textOf(this, item.body, this.currentCatalog).text;
    const first = this.level(this.compact ? 0 : 1);
    const key = `${item.id}\u0000${first}\u0000${body}`;
    if (key === this.bodyKey) return;
    this.bodyKey = key;
    target.textContent = strings[this.uiLang].bodyLoading;
    import('../shared/markdown.ts').then(
      ({ renderMarkdown }) => {
        if (this.bodyKey !== key) return;
        const rendered = renderMarkdown(body, first);
        if (rendered === undefined) {
          target.classList.add('plain');
          target.textContent = body;
        } else {
          target.classList.remove('plain');
          // TrustedHTML from the kanswijzer policy under Trusted Types; sanitised HTML either way.
          target.innerHTML = rendered as string;
        }
      },
      () => {
        if (this.bodyKey !== key) return;
        target.classList.add('plain');
        target.textContent = body;
      },
    );
  }

  // ── Actions ───────────────────────────────────────────────────────────────────────────────────────

  private defaultShareUrl(item: Item): string {
    const url = new URL(location.href);
    url.searchParams.set('kw-item', item.provenance?.originalId ?? item.id);
    url.hash = '';
    return url.href;
  }

  private async share(item: Item): Promise<void> {
    const m = strings[this.uiLang];
    const url = this.shareUrl || this.defaultShareUrl(item);
    const title = textOf(this, item.title, this.currentCatalog).text;
    this.manualCopy = '';
    this.note = '';
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url });
        this.emit('kw-share', { item, url, method: 'share' });
        return;
      } catch (error) {
        if ((error as { name?: string })?.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      this.note = m.copied;
      this.emit('kw-share', { item, url, method: 'clipboard' });
    } catch {
      // No clipboard access (an insecure page, or permission denied): show the link to copy by hand.
      this.manualCopy = url;
      this.emit('kw-share', { item, url, method: 'manual' });
      await this.updateComplete;
      const input = this.renderRoot.querySelector<HTMLInputElement>('.copy input');
      input?.focus();
      input?.select();
    }
  }

  private async addToPlan(item: Practice): Promise<void> {
    const m = strings[this.uiLang];
    const key = itemKey(item);
    if (!this.emit('kw-plan-add', { item, key }, true)) return;
    try {
      const store = await getStore();
      const latest = (await store.listPlans())[0];
      if (latest?.entries.some((entry) => entry.itemKey === key)) {
        this.note = m.alreadyInPlan(latest.title || m.defaultPlanTitle);
        return;
      }
      // Every step starts in the plan, as in the extension's panel; the plan builder lets the reader drop some.
      const entry = { itemKey: key, item, steps: (item.steps ?? []).map((_, index) => ({ index, done: false })) };
      const plan = await store.putPlan(latest ? { ...latest, entries: [...latest.entries, entry] } : { title: m.defaultPlanTitle, entries: [entry] });
      this.note = m.addedToPlan(plan.title || m.defaultPlanTitle);
    } catch {
      this.note = m.planFailed;
    }
  }

  private openRelated(item: Item): void {
    if (!this.emit('kw-select', { item }, true)) return;
    if (this.data) this.data = item;
    else this.itemId = item.id;
    void this.updateComplete.then(() => {
      // The title takes focus so keyboard and screen-reader users start reading the new item; compact
      // items have no title of their own, so their first heading is made focusable for this.
      const heading = this.renderRoot.querySelector<HTMLElement>('.title, [role=heading]');
      if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading?.focus();
    });
  }

  // ── Rendering ─────────────────────────────────────────────────────────────────────────────────────

  private heading(offset: number, text: string | TemplateResult, part?: string): TemplateResult {
    return html`<div role="heading" aria-level=${this.level(offset)} part=${ifDefined(part)}>${text}</div>`;
  }

  private renderEventDetails(event: CatalogEvent): TemplateResult {
    const m = strings[this.uiLang];
    const locale = this.intlLocale;
    let when: string;
    if (isAllDay(event.start)) {
      const options: Intl.DateTimeFormatOptions = { dateStyle: 'full' };
      when = event.end && event.end !== event.start ? `${formatDate(event.start, locale, options)} – ${formatDate(event.end, locale, options)}` : formatDate(event.start, locale, options);
    } else {
      const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
      try {
        const format = new Intl.DateTimeFormat(locale, options);
        const start = new Date(event.start);
        const end = event.end ? new Date(event.end) : undefined;
        when = end && end > start ? format.formatRange(start, end) : format.format(start);
      } catch {
        when = event.start;
      }
    }
    const location = event.location;
    const onlineUrl = safeUrl(location?.url);
    const past = new Date(event.end ?? event.start).getTime() < Date.now();
    const register = safeUrl(event.registration);
    const recording = safeUrl(event.recording);
    const status = event.status && event.status !== 'scheduled' ? m[event.status] : '';
    return html`
      ${status ? html`<p class="status-flag">${status}</p>` : nothing}
      <dl>
        <dt>${m.when}</dt>
        <dd><time datetime=${event.start}>${when}</time>${event.rrule ? html` <span class="muted">${m.recurring}</span>` : nothing}</dd>
        ${location
          ? html`<dt>${m.where}</dt>
              <dd>
                ${location.online ? html`${m.online}${location.name || location.address ? html`<br />` : nothing}` : nothing}
                ${location.name ? html`<span dir="auto">${location.name}</span><br />` : nothing}
                ${location.address ? html`<span dir="auto">${location.address}</span>` : nothing}
              </dd>`
          : nothing}
      </dl>
      <p class="actions">
        ${register && !past && event.status !== 'cancelled' ? html`<a href=${register} rel="noopener noreferrer">${m.register}</a>` : nothing}
        ${onlineUrl && !past ? html`<a href=${onlineUrl} rel="noopener noreferrer">${m.joinOnline}</a>` : nothing}
        ${recording ? html`<a href=${recording} rel="noopener noreferrer">${m.recording}</a>` : nothing}
      </p>
    `;
  }

  private captionsText(media: Media): string {
    const m = strings[this.uiLang];
    if (Array.isArray(media.captions)) {
      return media.captions.length ? m.captionsIn(formatList(media.captions.map((tag) => languageName(tag, this.intlLocale)), this.intlLocale)) : m.captionsNo;
    }
    if (media.captions === true) return m.captionsYes;
    if (media.captions === false) return m.captionsNo;
    return /^(video|audio)\//.test(media.type ?? '') ? m.captionsUnknown : '';
  }

  private renderMedia(resource: Resource, catalog: Catalog | undefined): TemplateResult | typeof nothing {
    const media = (resource.media ?? []).map((entry) => ({ entry, href: safeUrl(entry.url) })).filter((x) => x.href);
    if (!media.length) return nothing;
    const m = strings[this.uiLang];
    return html`<section>
      ${this.heading(this.compact ? 0 : 1, m.media)}
      <ul part="media">
        ${media.map(({ entry, href }) => {
          const label = entry.title ? textOf(this, entry.title, catalog) : { text: entry.type || href!, lang: undefined };
          const facts = [entry.type, entry.size ? formatSize(entry.size, this.intlLocale) : '', this.captionsText(entry)].filter(Boolean);
          return html`<li><a href=${href!} rel="noopener noreferrer" lang=${ifDefined(label.lang)}>${label.text}</a>${facts.length ? html` <span class="muted">(${facts.join(', ')})</span>` : nothing}</li>`;
        })}
      </ul>
    </section>`;
  }

  private related(item: Item, catalog: Catalog | undefined): Item[] {
    if (!catalog || !item.topics.length) return [];
    return catalog.items
      .filter((other) => other.id !== item.id)
      .map((other, index) => ({ other, index, shared: other.topics.filter((t) => item.topics.includes(t)).length }))
      .filter((x) => x.shared > 0)
      .sort((a, b) => b.shared - a.shared || a.index - b.index)
      .slice(0, RELATED_COUNT)
      .map((x) => x.other);
  }

  private renderItem(item: Item): TemplateResult {
    const m = strings[this.uiLang];
    const catalog = this.currentCatalog;
    const title = textOf(this, item.title, catalog);
    const summary = textOf(this, item.summary, catalog);
    const body = textOf(this, item.body, catalog);
    const sectionLevel = this.compact ? 0 : 1;
    const url = safeUrl(item.url);
    const sourceUrl = safeUrl(item.source?.url);
    const topics = labelsOf(this, item.topics, catalog?.topics, catalog);
    const audiences = labelsOf(this, item.audiences, catalog?.audiences, catalog);
    const sectors = labelsOf(this, item.sectors, catalog?.sectors, catalog);
    const related = this.related(item, catalog);
    const practice = item.type === 'practice' ? item : undefined;
    const steps = practice?.steps ?? [];
    const meta = [common[this.uiLang].types[item.type], item.type === 'resource' ? formatLabel(this, item.format) : ''].filter(Boolean).join(' · ');
    return html`
      ${this.compact
        ? nothing
        : html`<p class="meta">${meta}</p>
            <div class="title" role="heading" aria-level=${this.level()} part="title" tabindex="-1" lang=${ifDefined(title.lang)}>${title.text}</div>
            ${summary.text ? html`<p class="summary" part="summary" lang=${ifDefined(summary.lang)}>${summary.text}</p>` : nothing}`}
      ${item.type === 'event' ? this.renderEventDetails(item) : nothing}
      ${steps.length
        ? html`<section>
            ${this.heading(sectionLevel, m.steps)}
            <ol part="steps">${steps.map((step) => html`<li>${localized(this, step, catalog)}</li>`)}</ol>
          </section>`
        : nothing}
      ${practice?.evidence ? html`<section>${this.heading(sectionLevel, m.evidence)}<p>${localized(this, practice.evidence, catalog)}</p></section>` : nothing}
      ${item.type === 'resource' ? this.renderMedia(item, catalog) : nothing}
      ${body.text ? html`<div class="body" part="body" lang=${ifDefined(body.lang)}></div>` : nothing}
      <dl>
        ${item.source?.name || sourceUrl
          ? html`<dt>${m.source}</dt>
              <dd>${sourceUrl ? html`<a href=${sourceUrl} rel="noopener noreferrer" dir="auto">${item.source?.name || sourceUrl}</a>` : html`<span dir="auto">${item.source?.name}</span>`}</dd>`
          : nothing}
        ${item.published ? html`<dt>${m.published}</dt><dd>${formatDate(item.published, this.intlLocale)}</dd>` : nothing}
        ${item.updated ? html`<dt>${m.updated}</dt><dd>${formatDate(item.updated, this.intlLocale)}</dd>` : nothing}
        ${audiences.length ? html`<dt>${m.audiences}</dt><dd>${formatList(audiences, this.intlLocale)}</dd>` : nothing}
        ${sectors.length ? html`<dt>${m.sectors}</dt><dd>${formatList(sectors, this.intlLocale)}</dd>` : nothing}
      </dl>
      ${topics.length ? html`<ul class="tags" aria-label=${m.topics}>${topics.map((t) => html`<li>${t}</li>`)}</ul>` : nothing}
      <div class="actions">
        ${url ? html`<a href=${url} rel="noopener noreferrer">${m.openSource}<span class="visually-hidden">: ${title.text}</span></a>` : nothing}
        ${this.compact ? nothing : saveButton(this, item, catalog)}
        <button type="button" part="share-button" @click=${() => this.share(item)}>${m.share}<span class="visually-hidden">: ${title.text}</span></button>
        ${practice ? html`<button type="button" part="plan-button" @click=${() => this.addToPlan(practice)}>${m.addToPlan}<span class="visually-hidden">: ${title.text}</span></button>` : nothing}
      </div>
      <p role="status" class="note">${this.note}</p>
      ${this.manualCopy
        ? html`<p class="copy"><label for="copy">${m.copyThis}</label><input id="copy" type="url" readonly .value=${this.manualCopy} /></p>`
        : nothing}
      ${related.length
        ? html`<section class="related" part="related">
            ${this.heading(sectionLevel, m.related)}
            <ul>
              ${related.map((other) => {
                const t = textOf(this, other.title, catalog);
                return html`<li><button type="button" lang=${ifDefined(t.lang)} @click=${() => this.openRelated(other)}>${t.text}</button> <span class="muted">(${common[this.uiLang].types[other.type]})</span></li>`;
              })}
            </ul>
          </section>`
        : nothing}
    `;
  }

  override render(): TemplateResult {
    const m = strings[this.uiLang];
    const item = this.current;
    let content: TemplateResult | typeof nothing;
    if (item) content = html`${this.feed?.state === 'ready' ? this.feed.renderState() : nothing}${this.renderItem(item)}`;
    else if (this.feed && this.feed.state !== 'ready') content = this.feed.renderState();
    else content = html`<div class="notice error" part="notice" role="alert"><p>${this.wantedId ? m.notFound(this.wantedId) : m.noItem}</p></div>`;
    // Under a list entry the item is part of that entry's article; on its own it is an article itself.
    return this.compact
      ? html`<div class="base" part="base" lang=${this.uiLang}>${content}${this.renderAnnouncer()}</div>`
      : html`<article class="base" part="base" lang=${this.uiLang}>${content}${this.renderAnnouncer()}</article>`;
  }
}
