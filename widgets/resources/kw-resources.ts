import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Catalog, Item } from '../../shared/catalog/types.ts';
import { FeedController } from '../shared/feed-controller.ts';
import { formatDate } from '../shared/i18n.ts';
import { formatLabel, labelsOf, localized, saveButton, SavedController, textOf } from '../shared/item-parts.ts';
import { KwElement, words } from '../shared/kw-element.ts';
import { common } from '../shared/strings.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import { resourcesStyles } from './kw-resources.styles.ts';
import type { SearchFunction } from './search.ts';
import { strings } from './strings.ts';

type Facet = 'type' | 'topic' | 'audience' | 'sector';
const FACETS: Facet[] = ['type', 'topic', 'audience', 'sector'];
const FIELD: Record<Exclude<Facet, 'type'>, 'topics' | 'audiences' | 'sectors'> = { topic: 'topics', audience: 'audiences', sector: 'sectors' };
const TYPE_ORDER = ['practice', 'resource', 'event'];
const COUNT_DELAY_MS = 500;

/** What the reader chose; kept in the page URL with `url-state`. */
export interface ResourcesFilterDetail {
  query: string;
  topics: string[];
  audiences: string[];
  sectors: string[];
  types: string[];
  /** How many items match. */
  count: number;
}

function valuesOf(item: Item, facet: Facet): readonly string[] {
  return facet === 'type' ? [item.type] : (item[FIELD[facet]] ?? []);
}

/**
 * The catalog as a searchable, filterable list. Search uses the relevance engine's Dutch and English
 * analysis (stems and compounds). Filters are native checkboxes in fieldsets; the number of results is
 * announced politely; "Show more" adds `limit` items at a time. Each item opens in place as a
 * `<kw-item>` (or links to `item-href`) and has a "Save offline" button.
 *
 * @tagname kw-resources
 * @summary Searchable, filterable list of practices, resources and events from one or more feeds.
 *
 * @attr src - Feed URLs, space separated. Default: the catalog published next to kanswijzer.js.
 * @attr lang - Language of the interface (`nl` or `en`); default the closest `lang` on the page, else Dutch.
 * @attr topics - Only items on these topic ids (space separated).
 * @attr audiences - Only items for these audience ids.
 * @attr sectors - Only items for these sector ids (`vmbo`, `mbo`, `ho`, `buitenschools`).
 * @attr types - Only these item types (`practice`, `resource`, `event`).
 * @attr limit - How many items show at first and per "Show more" (default 10).
 * @attr url-state - Keep the search and filters in the page address (`?kw-q=…&kw-topic=…`) so a filtered view can be shared. A value (`url-state="list2"`) prefixes the parameters (`kw-list2-q`) when a page has more than one list.
 * @attr item-href - Link each title to a detail page instead of opening it in place; `{id}` is replaced by the item id (`/praktijk.html?kw-item={id}`).
 * @attr heading-level - Heading level of the item titles (default 3).
 * @attr theme - `light` or `dark` to fix the colour scheme; default follows the reader's setting.
 *
 * @event kw-load - The feeds finished loading. `detail: { state, feeds }` (state `ready`, `error` or `offline`).
 * @event kw-filter-change - The search or filters changed. `detail: { query, topics, audiences, sectors, types, count }`.
 * @event kw-select - An item is opened. `detail: { item }`. Cancelable: `preventDefault()` stops it opening in place (or following `item-href`).
 * @event kw-save - "Save offline" was pressed. `detail: { item, key }`. Cancelable: the element then does not save.
 * @event kw-remove - A saved item is un-saved with the same button. `detail: { item, key }`. Cancelable.
 *
 * @csspart base - The wrapper of everything.
 * @csspart search - The search form.
 * @csspart filters - The filter disclosure (`<details>`).
 * @csspart count - The number of results (a polite live region).
 * @csspart list - The list of results.
 * @csspart item - One result (`<article>`).
 * @csspart title - A result's heading.
 * @csspart summary - A result's summary.
 * @csspart save-button - The "Save offline" button of a result.
 * @csspart more-button - The "Show more" button.
 * @csspart detail - The `<kw-item>` opened under a result.
 * @csspart status - The loading message.
 * @csspart notice - Messages about the feed (error, offline copy) and empty results.
 *
 * @cssproperty --kw-font - Font family.
 * @cssproperty --kw-font-size - Base font size (default 1rem).
 * @cssproperty --kw-color-text - Text colour.
 * @cssproperty --kw-color-background - Background colour.
 * @cssproperty --kw-color-surface - Background of notices and tags.
 * @cssproperty --kw-color-accent - Links, buttons and pressed states.
 * @cssproperty --kw-color-on-accent - Text on the accent colour.
 * @cssproperty --kw-color-muted - Secondary text.
 * @cssproperty --kw-color-border - Borders of fields and cards.
 * @cssproperty --kw-color-danger - Error notices.
 * @cssproperty --kw-radius - Corner radius.
 * @cssproperty --kw-spacing - Space between blocks (default 1rem).
 * @cssproperty --kw-focus-ring - Focus outline (default `3px solid #c24e00`).
 */
export class KwResources extends KwElement {
  static override styles = [themeStyles, resourcesStyles];

  @property() src = '';
  @property() topics = '';
  @property() audiences = '';
  @property() sectors = '';
  @property() types = '';
  @property({ type: Number }) limit = 10;
  @property({ attribute: 'url-state' }) urlState: string | null = null;
  @property({ attribute: 'item-href' }) itemHref = '';
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;
  /** A catalog to show instead of loading `src` (the extension's panel hands over its merged catalog). */
  @property({ attribute: false }) catalog: Catalog | undefined;

  @state() private query = '';
  @state() private selected: Record<Facet, Set<string>> = { type: new Set(), topic: new Set(), audience: new Set(), sector: new Set() };
  @state() private shown = 0;
  @state() private opened = new Set<string>();
  @state() private scores: Map<string, number> | undefined;
  @state() private countText = '';

  private readonly feed = new FeedController(this);
  private search: { catalog: Catalog; run: SearchFunction } | undefined;
  private searchLoading: Promise<void> | undefined;
  private countTimer: ReturnType<typeof setTimeout> | undefined;
  private results: Item[] = [];
  private countKey = '';
  private scoped: Item[] = [];
  private readonly onPopState = () => this.readUrl();

  constructor() {
    super();
    new SavedController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.urlState !== null) {
      this.readUrl();
      window.addEventListener('popstate', this.onPopState);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    clearTimeout(this.countTimer);
  }

  private get pageSize(): number {
    return Number.isFinite(this.limit) && this.limit > 0 ? Math.floor(this.limit) : 10;
  }

  // ── URL state ─────────────────────────────────────────────────────────────────────────────────────

  private param(name: string): string {
    return `kw-${this.urlState ? `${this.urlState}-` : ''}${name}`;
  }

  private readUrl(): void {
    const params = new URLSearchParams(location.search);
    this.query = params.get(this.param('q')) ?? '';
    const selected = {} as Record<Facet, Set<string>>;
    for (const facet of FACETS) selected[facet] = new Set(words(params.get(this.param(facet))));
    this.selected = selected;
    const item = params.get(this.param('item'));
    this.opened = new Set(item ? [item] : []);
    if (item) void import('../item/define.ts');
    if (this.query) void this.runSearch();
  }

  private writeUrl(): void {
    if (this.urlState === null) return;
    const url = new URL(location.href);
    const set = (name: string, value: string) => (value ? url.searchParams.set(this.param(name), value) : url.searchParams.delete(this.param(name)));
    set('q', this.query.trim());
    for (const facet of FACETS) set(facet, [...this.selected[facet]].join(','));
    set('item', [...this.opened].at(-1) ?? '');
    if (url.href !== location.href) history.replaceState(history.state, '', url);
  }

  /** The address that opens `item` in this list (its share link). */
  private shareUrl(item: Item): string {
    const url = new URL(location.href);
    url.searchParams.set(this.param('item'), item.id);
    return url.href;
  }

  // ── Search and filters ────────────────────────────────────────────────────────────────────────────

  /** Loads the search chunk (when the reader first goes to the search field) and builds the index. */
  private prepareSearch(): Promise<void> {
    const catalog = this.feed.catalog;
    if (!catalog) return Promise.resolve();
    if (this.search?.catalog === catalog) return Promise.resolve();
    if (!this.searchLoading) {
      this.searchLoading = import('./search.ts').then(
        ({ createSearch }) => {
          this.searchLoading = undefined;
          const current = this.feed.catalog;
          if (current) this.search = { catalog: current, run: createSearch(current) };
        },
        () => {
          // The search chunk did not load (a dropped connection): plain word search still works.
          this.searchLoading = undefined;
          const current = this.feed.catalog;
          if (current) this.search = { catalog: current, run: (query) => this.plainSearch(current, query) };
        },
      );
    }
    return this.searchLoading;
  }

  /** Items whose title or summary (any language) contain every word of the query, ignoring case and accents. */
  private plainSearch(catalog: Catalog, query: string): Map<string, number> | undefined {
    const fold = (text: string) => text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
    const queryWords = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!queryWords.length) return undefined;
    const scores = new Map<string, number>();
    for (const item of catalog.items) {
      const text = fold([item.title, item.summary].flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v ?? {}))).join(' '));
      if (queryWords.every((word) => text.includes(word))) scores.set(item.id, 1);
    }
    return scores;
  }

  private async runSearch(): Promise<void> {
    const query = this.query;
    if (!query.trim()) {
      this.scores = undefined;
      return;
    }
    await this.prepareSearch();
    if (query === this.query && this.search) this.scores = this.search.run(query);
  }

  private inScope(item: Item): boolean {
    const scope: Array<[Facet, string]> = [
      ['topic', this.topics],
      ['audience', this.audiences],
      ['sector', this.sectors],
      ['type', this.types],
    ];
    return scope.every(([facet, value]) => {
      const wanted = words(value);
      return wanted.length === 0 || valuesOf(item, facet).some((v) => wanted.includes(v));
    });
  }

  private matchesFacets(item: Item, except?: Facet): boolean {
    return FACETS.every((facet) => facet === except || this.selected[facet].size === 0 || valuesOf(item, facet).some((v) => this.selected[facet].has(v)));
  }

  private matchesQuery(item: Item): boolean {
    return !this.scores || this.scores.has(item.id);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('limit') || this.shown === 0) this.shown = this.pageSize;
    const catalog = this.feed.catalog;
    if (this.search && this.search.catalog !== catalog) this.search = undefined;
    // A query from the page address (or typed before the feed arrived) is run once there is a catalog.
    const pending = Boolean(this.query.trim()) && (!this.search || !this.scores);
    if (catalog && pending && !this.searchLoading) void this.runSearch();
    this.scoped = catalog ? catalog.items.filter((item) => this.inScope(item)) : [];
    let results = this.scoped.filter((item) => this.matchesQuery(item) && this.matchesFacets(item));
    const scores = this.scores;
    if (scores) results = results.map((item, index) => ({ item, index })).sort((a, b) => scores.get(b.item.id)! - scores.get(a.item.id)! || a.index - b.index).map((r) => r.item);
    this.results = results;
    // The count changes with the results or the query, and once more when the language changes.
    const countKey = `${results.length}\u0000${this.query.trim()}\u0000${this.uiLang}`;
    if (this.feed.state === 'ready' && !pending && countKey !== this.countKey) {
      this.countKey = countKey;
      this.scheduleCount((changed as Map<string, unknown>).has('query') ? COUNT_DELAY_MS : 0);
    }
  }

  /** The count is a live region: while the reader types it waits for a pause, so it is read once. */
  private scheduleCount(delay: number): void {
    clearTimeout(this.countTimer);
    const update = () => {
      const m = strings[this.uiLang];
      const query = this.query.trim();
      this.countText = query ? m.resultsFor(this.results.length, query) : m.results(this.results.length);
    };
    if (delay === 0) update();
    else this.countTimer = setTimeout(update, delay);
  }

  private changed(): void {
    this.shown = this.pageSize;
    this.writeUrl();
    void this.updateComplete.then(() => {
      const detail: ResourcesFilterDetail = {
        query: this.query.trim(),
        topics: [...this.selected.topic],
        audiences: [...this.selected.audience],
        sectors: [...this.selected.sector],
        types: [...this.selected.type],
        count: this.results.length,
      };
      this.emit('kw-filter-change', detail);
    });
  }

  private onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    void this.runSearch();
    this.changed();
  }

  private toggleOption(facet: Facet, value: string, on: boolean): void {
    const next = new Set(this.selected[facet]);
    if (on) next.add(value);
    else next.delete(value);
    this.selected = { ...this.selected, [facet]: next };
    this.changed();
  }

  private clearFilters(): void {
    this.selected = { type: new Set(), topic: new Set(), audience: new Set(), sector: new Set() };
    this.query = '';
    this.scores = undefined;
    this.changed();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[type=search]')?.focus());
  }

  private showMore(): void {
    const firstNew = this.shown;
    this.shown += this.pageSize;
    // Keyboard and screen-reader users continue at the first item that was added.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-index="${firstNew}"] .title > *`)?.focus());
  }

  private toggleItem(item: Item, event: Event): void {
    const opening = !this.opened.has(item.id);
    if (opening && !this.emit('kw-select', { item }, true)) {
      event.preventDefault();
      return;
    }
    if (this.itemHref) return;
    const next = new Set(this.opened);
    if (opening) {
      next.add(item.id);
      void import('../item/define.ts');
    } else next.delete(item.id);
    this.opened = next;
    this.writeUrl();
  }

  // ── Rendering ─────────────────────────────────────────────────────────────────────────────────────

  /** The options of a facet that occur in the items in scope, with how many results each would give. */
  private facetOptions(facet: Facet, catalog: Catalog): Array<{ value: string; label: TemplateResult | string; count: number }> {
    const present = new Set(this.scoped.flatMap((item) => valuesOf(item, facet)));
    let options: Array<{ value: string; label: TemplateResult | string }>;
    if (facet === 'type') {
      options = TYPE_ORDER.filter((t) => present.has(t)).map((t) => ({ value: t, label: common[this.uiLang].types[t as Item['type']] }));
    } else {
      const list = catalog[FIELD[facet]];
      options = list.filter((entry) => present.has(entry.id)).map((entry) => ({ value: entry.id, label: localized(this, entry.label, catalog) }));
    }
    const base = this.scoped.filter((item) => this.matchesQuery(item) && this.matchesFacets(item, facet));
    return options.map((o) => ({ ...o, count: base.filter((item) => valuesOf(item, facet).includes(o.value)).length }));
  }

  private renderFilters(catalog: Catalog): TemplateResult {
    const m = strings[this.uiLang];
    const active = FACETS.reduce((n, facet) => n + this.selected[facet].size, 0);
    const fieldsets = FACETS.map((facet) => {
      const options = this.facetOptions(facet, catalog);
      if (options.length < 2 && this.selected[facet].size === 0) return nothing;
      return html`<fieldset>
        <legend>${m.facets[facet]}</legend>
        ${options.map(
          (o) => html`<label class="option">
            <input type="checkbox" .checked=${this.selected[facet].has(o.value)} @change=${(e: Event) => this.toggleOption(facet, o.value, (e.target as HTMLInputElement).checked)} />
            <span>${o.label} <span class="muted">(${o.count})</span></span>
          </label>`,
        )}
      </fieldset>`;
    });
    return html`<details class="filters" part="filters" ?open=${active > 0}>
      <summary>${m.filters}${active ? html` <span class="muted">(${m.activeFilters(active)})</span>` : nothing}</summary>
      <div class="facets">${fieldsets}</div>
      ${active || this.query ? html`<p><button type="button" @click=${this.clearFilters}>${m.clearFilters}</button></p>` : nothing}
    </details>`;
  }

  private renderMeta(item: Item): TemplateResult {
    const type = common[this.uiLang].types[item.type];
    let extra = '';
    if (item.type === 'resource' && item.format) extra = formatLabel(this, item.format);
    if (item.type === 'event') extra = formatDate(item.start, this.intlLocale, { dateStyle: 'medium' });
    return html`<p class="meta"><span part="type">${type}</span>${extra ? html` · ${extra}` : nothing}</p>`;
  }

  private renderItem(item: Item, index: number, catalog: Catalog): TemplateResult {
    const m = strings[this.uiLang];
    const title = textOf(this, item.title, catalog);
    const open = this.opened.has(item.id);
    const detailId = `detail-${index}`;
    const href = this.itemHref ? this.itemHref.replaceAll('{id}', encodeURIComponent(item.id)) : '';
    const topics = labelsOf(this, item.topics, catalog.topics, catalog);
    const summary = item.summary ? textOf(this, item.summary, catalog) : undefined;
    return html`<li data-index=${index}>
      <article part="item" aria-labelledby="title-${index}">
        ${this.renderMeta(item)}
        <div class="title" role="heading" aria-level=${this.headingLevel} part="title" id="title-${index}">
          ${href
            ? html`<a href=${href} lang=${ifDefined(title.lang)} @click=${(e: Event) => this.toggleItem(item, e)}>${title.text}</a>`
            : html`<button type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${detailId} lang=${ifDefined(title.lang)} @click=${(e: Event) => this.toggleItem(item, e)}>${title.text}</button>`}
        </div>
        ${summary?.text ? html`<p part="summary" lang=${ifDefined(summary.lang)}>${summary.text}</p>` : nothing}
        ${topics.length ? html`<ul class="tags" aria-label=${m.topicsLabel}>${topics.map((t) => html`<li>${t}</li>`)}</ul>` : nothing}
        <div class="actions">${saveButton(this, item, catalog)}</div>
        <div id=${detailId}>
          ${open
            ? html`<kw-item part="detail" compact .data=${item} .catalog=${catalog} heading-level=${Math.min(6, this.headingLevel + 1)} share-url=${this.shareUrl(item)}></kw-item>`
            : nothing}
        </div>
      </article>
    </li>`;
  }

  override render(): TemplateResult {
    const m = strings[this.uiLang];
    const catalog = this.feed.catalog;
    const ready = this.feed.state === 'ready' && catalog;
    const visible = this.results.slice(0, this.shown);
    const scopeSet = [
      ['topics', this.topics],
      ['audiences', this.audiences],
      ['sectors', this.sectors],
      ['types', this.types],
    ].filter(([, v]) => v);
    let empty: TemplateResult | typeof nothing = nothing;
    if (ready && this.scoped.length === 0) {
      empty = html`<div class="notice" part="notice empty"><p>${catalog.items.length && scopeSet.length ? m.emptyScope(scopeSet.map(([k, v]) => `${k}="${v}"`).join(' ')) : m.emptyCatalog}</p></div>`;
    } else if (ready && this.results.length === 0) {
      empty = html`<div class="notice" part="notice empty"><p>${m.noResults}</p><button type="button" @click=${this.clearFilters}>${m.clearFilters}</button></div>`;
    }
    return html`<div class="base" part="base" lang=${this.uiLang}>
      ${ready && this.scoped.length
        ? html`<form class="search" part="search" role="search" @submit=${(e: Event) => e.preventDefault()}>
              <label for="q">${m.search}</label>
              <p class="hint muted" id="q-hint">${m.searchHint}</p>
              <input id="q" type="search" autocomplete="off" aria-describedby="q-hint" .value=${this.query} @input=${this.onInput} @focus=${() => void this.prepareSearch()} />
            </form>
            ${this.renderFilters(catalog)}`
        : nothing}
      ${this.feed.renderState()}
      <p class="count" part="count" role="status">${ready && this.scoped.length ? this.countText : ''}</p>
      ${empty}
      ${ready && visible.length
        ? html`<ul class="results" part="list" aria-label=${m.itemsList}>${visible.map((item, index) => this.renderItem(item, index, catalog))}</ul>`
        : nothing}
      ${ready && this.results.length > this.shown
        ? html`<p class="actions">
            <button type="button" part="more-button" aria-describedby="shown" @click=${this.showMore}>${m.showMore}</button>
            <span class="muted" id="shown">${m.shownOf(visible.length, this.results.length)}</span>
          </p>`
        : nothing}
      ${this.renderAnnouncer()}
    </div>`;
  }
}
