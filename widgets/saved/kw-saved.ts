import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Catalog } from '../../shared/catalog/types.ts';
import type { ImportResult, KanswijzerStore, SavedItem } from '../../shared/store/index.ts';
import { config } from '../shared/config.ts';
import { FeedController } from '../shared/feed-controller.ts';
import { download, today } from '../shared/download.ts';
import { formatSize } from '../shared/format.ts';
import { formatDate } from '../shared/i18n.ts';
import { inScope, textOf } from '../shared/item-parts.ts';
import { KwElement } from '../shared/kw-element.ts';
import { common } from '../shared/strings.ts';
import { getStore } from '../shared/store.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import { savedStyles } from './kw-saved.styles.ts';
import { strings } from './strings.ts';

const FILE_URL_LIFETIME_MS = 5 * 60_000;

/**
 * The items saved on this device ("Save offline" anywhere), readable without a network: each opens in
 * full, a stored file (a resource's PDF, video, …) opens offline from IndexedDB, and each has a personal
 * note and a remove button. Everything can be exported (JSON; events also as .ics for a calendar app) and
 * imported again without duplicates.
 *
 * @tagname kw-saved
 * @summary Saved items with notes, offline files, export and import.
 *
 * @attr lang - Language of the interface (`nl` or `en`); default the closest `lang` on the page, else Dutch.
 * @attr src - Feeds used only for topic labels and related items when an item is opened (default: the catalog next to kanswijzer.js). Saved items themselves never need the network.
 * @attr topics - Only saved items on these topic ids.
 * @attr audiences - Only saved items for these audience ids.
 * @attr sectors - Only saved items for these sector ids.
 * @attr types - Only these item types (`practice`, `resource`, `event`).
 * @attr limit - Show at most this many items (default: all).
 * @attr heading-level - Heading level of the item titles (default 3).
 * @attr theme - `light` or `dark` to fix the colour scheme; default follows the reader's setting.
 *
 * @event kw-select - A saved item is opened. `detail: { item }`. Cancelable.
 * @event kw-remove - "Remove" was pressed. `detail: { item, key }`. Cancelable: the element then keeps it.
 * @event kw-export - A file was exported. `detail: { format }` (`json` or `ics`).
 * @event kw-import - A file was imported. `detail: { result }` with `added`, `updated`, `skipped` and `problems`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart count - The number of saved items (a polite live region).
 * @csspart list - The list of saved items.
 * @csspart item - One saved item.
 * @csspart title - A saved item's heading.
 * @csspart file-button - "Open file".
 * @csspart note - The note field of an item.
 * @csspart remove-button - "Remove".
 * @csspart toolbar - Export and import.
 * @csspart detail - The `<kw-item>` of an opened item.
 * @csspart notice - Offline, empty and storage messages.
 *
 * @cssproperty --kw-font - Font family.
 * @cssproperty --kw-font-size - Base font size.
 * @cssproperty --kw-color-text - Text colour.
 * @cssproperty --kw-color-background - Background colour.
 * @cssproperty --kw-color-surface - Background of notices.
 * @cssproperty --kw-color-accent - Links, buttons.
 * @cssproperty --kw-color-on-accent - Text on the accent colour.
 * @cssproperty --kw-color-muted - Secondary text.
 * @cssproperty --kw-color-border - Borders.
 * @cssproperty --kw-color-danger - Error notices.
 * @cssproperty --kw-radius - Corner radius.
 * @cssproperty --kw-spacing - Space between blocks.
 * @cssproperty --kw-focus-ring - Focus outline.
 */
export class KwSaved extends KwElement {
  static override styles = [themeStyles, savedStyles];

  @property() src = '';
  @property() topics = '';
  @property() audiences = '';
  @property() sectors = '';
  @property() types = '';
  @property({ type: Number }) limit = 0;
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;
  /** A catalog for topic labels and related items in opened items (otherwise `src` is loaded when needed). */
  @property({ attribute: false }) catalog: Catalog | undefined;

  @state() private saved: SavedItem[] | undefined;
  @state() private storeError = '';
  @state() private query = '';
  @state() private opened = new Set<string>();
  @state() private notes = new Map<string, string>();
  @state() private importMessage: { text: string; problems: string[]; error: boolean } | undefined;
  @state() private online = navigator.onLine !== false;

  private store: KanswijzerStore | undefined;
  private stopListening: (() => void) | undefined;
  private feed: FeedController | undefined;
  private readonly onNetworkChange = () => {
    this.online = navigator.onLine !== false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onNetworkChange);
    window.addEventListener('offline', this.onNetworkChange);
    void this.open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onNetworkChange);
    window.removeEventListener('offline', this.onNetworkChange);
    this.stopListening?.();
    this.stopListening = undefined;
  }

  private async open(): Promise<void> {
    try {
      const store = await getStore();
      this.store = store;
      this.stopListening?.();
      this.stopListening = store.onChange(() => void this.reload());
      await this.reload();
    } catch (error) {
      this.storeError = (error as { messages?: Record<string, string> })?.messages?.[this.uiLang] ?? '';
      this.saved = [];
    }
  }

  private async reload(): Promise<void> {
    if (!this.store) return;
    try {
      this.saved = await this.store.search(this.query);
      this.storeError = '';
    } catch (error) {
      this.storeError = (error as { messages?: Record<string, string> })?.messages?.[this.uiLang] ?? '';
    }
  }

  private get catalogForLabels(): Catalog | undefined {
    return this.catalog ?? this.feed?.catalog;
  }

  private toggle(saved: SavedItem): void {
    const next = new Set(this.opened);
    if (next.has(saved.key)) next.delete(saved.key);
    else {
      if (!this.emit('kw-select', { item: saved.item }, true)) return;
      next.add(saved.key);
      void import('../item/define.ts');
      // Topic labels and related items come from the feed, loaded (or read from the cache) only now.
      if (!this.catalog && !this.feed && (this.src || config.defaultSrc)) this.feed = new FeedController(this);
    }
    this.opened = next;
  }

  private async openFile(saved: SavedItem): Promise<void> {
    const m = strings[this.uiLang];
    const blob = await this.store?.getFile(saved.key).catch(() => undefined);
    if (!blob) {
      this.announce(m.fileMissing);
      return;
    }
    const url = URL.createObjectURL(blob);
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), FILE_URL_LIFETIME_MS);
  }

  private async saveNote(saved: SavedItem): Promise<void> {
    const m = strings[this.uiLang];
    const text = this.notes.get(saved.key) ?? saved.note ?? '';
    try {
      await this.store?.setNote(saved.key, text);
      const next = new Map(this.notes);
      next.delete(saved.key);
      this.notes = next;
      this.announce(m.noteSaved);
    } catch (error) {
      this.announce(`${common[this.uiLang].saveFailed} ${(error as { messages?: Record<string, string> })?.messages?.[this.uiLang] ?? ''}`);
    }
  }

  private async removeSaved(saved: SavedItem, index: number): Promise<void> {
    const m = strings[this.uiLang];
    if (!this.emit('kw-remove', { item: saved.item, key: saved.key }, true)) return;
    const title = textOf(this, saved.item.title).text;
    try {
      await this.store?.remove(saved.key);
      await this.reload();
      this.announce(m.removedItem(title));
      // Focus goes to the item that took its place, or the count when the list is now empty.
      const next = this.renderRoot.querySelectorAll<HTMLElement>('.title button')[Math.min(index, (this.saved?.length ?? 1) - 1)];
      (next ?? this.renderRoot.querySelector<HTMLElement>('.count'))?.focus();
    } catch (error) {
      this.announce(`${common[this.uiLang].saveFailed} ${(error as { messages?: Record<string, string> })?.messages?.[this.uiLang] ?? ''}`);
    }
  }

  private async exportJson(): Promise<void> {
    if (!this.store) return;
    download(new Blob([await this.store.exportJson()], { type: 'application/json' }), `kanswijzer-bewaard-${today()}.json`);
    this.emit('kw-export', { format: 'json' });
  }

  private async exportIcs(): Promise<void> {
    if (!this.store) return;
    download(new Blob([await this.store.exportEventsIcs({ lang: this.uiLang })], { type: 'text/calendar' }), `kanswijzer-activiteiten-${today()}.ics`);
    this.emit('kw-export', { format: 'ics' });
  }

  private async importFile(event: Event): Promise<void> {
    const m = strings[this.uiLang];
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file || !this.store) return;
    let result: ImportResult;
    try {
      result = await this.store.importJson(await file.text());
    } catch {
      this.importMessage = { text: m.importFailed, problems: [], error: true };
      return;
    } finally {
      input.value = '';
    }
    this.importMessage = {
      text: result.error ? `${m.importFailed} ${result.error.messages[this.uiLang]}` : m.importResult(result.added, result.updated, result.skipped),
      problems: result.problems.slice(0, 5).map((p) => [p.index !== undefined ? `#${p.index + 1}` : '', p.field ?? '', p.message].filter(Boolean).join(' · ')),
      error: Boolean(result.error) || (result.added + result.updated === 0 && result.problems.length > 0),
    };
    this.emit('kw-import', { result });
    await this.reload();
  }

  private onSearch(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    void this.reload();
  }

  private renderFileLine(saved: SavedItem, title: string): TemplateResult | typeof nothing {
    const m = strings[this.uiLang];
    if (saved.file) {
      const kind = saved.file.type.split('/').pop()?.toUpperCase() ?? '';
      return html`<p class="actions">
        <button type="button" part="file-button" @click=${() => this.openFile(saved)}>
          ${m.openFile}<span class="visually-hidden">: ${title}</span>
        </button>
        <span class="muted">${[kind, formatSize(saved.file.size, this.intlLocale)].filter(Boolean).join(', ')}</span>
      </p>`;
    }
    if (saved.fileProblem) return html`<p class="muted">${m.fileProblem[saved.fileProblem.reason] ?? saved.fileProblem.message}</p>`;
    return nothing;
  }

  private renderItem(saved: SavedItem, index: number): TemplateResult {
    const m = strings[this.uiLang];
    const catalog = this.catalogForLabels;
    const title = textOf(this, saved.item.title, catalog);
    const summary = textOf(this, saved.item.summary, catalog);
    const open = this.opened.has(saved.key);
    const note = this.notes.get(saved.key) ?? saved.note ?? '';
    const noteChanged = note !== (saved.note ?? '');
    return html`<li>
      <article part="item" aria-labelledby="t${index}">
        <p class="meta">${common[this.uiLang].types[saved.item.type]} · ${m.savedOn(formatDate(saved.savedAt, this.intlLocale))}</p>
        <div class="title" role="heading" aria-level=${this.headingLevel} part="title" id="t${index}">
          <button type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls="d${index}" lang=${ifDefined(title.lang)} @click=${() => this.toggle(saved)}>${title.text}</button>
        </div>
        ${summary.text ? html`<p lang=${ifDefined(summary.lang)}>${summary.text}</p>` : nothing}
        ${this.renderFileLine(saved, title.text)}
        <div>
          <label for="n${index}">${m.note}<span class="visually-hidden">: ${title.text}</span></label>
          <textarea id="n${index}" part="note" .value=${note} @input=${(e: Event) => (this.notes = new Map(this.notes).set(saved.key, (e.target as HTMLTextAreaElement).value))}></textarea>
        </div>
        <p class="actions">
          <button type="button" ?disabled=${!noteChanged} @click=${() => this.saveNote(saved)}>${m.saveNote}<span class="visually-hidden">: ${title.text}</span></button>
          <button type="button" part="remove-button" @click=${() => this.removeSaved(saved, index)}>${m.remove}<span class="visually-hidden">: ${title.text}</span></button>
        </p>
        <div id="d${index}">${open ? html`<kw-item part="detail" compact .data=${saved.item} .catalog=${catalog} heading-level=${Math.min(6, this.headingLevel + 1)}></kw-item>` : nothing}</div>
      </article>
    </li>`;
  }

  override render(): TemplateResult {
    const m = strings[this.uiLang];
    const c = common[this.uiLang];
    if (!this.saved) return html`<div class="base" part="base" lang=${this.uiLang}><p class="loading" role="status">${c.loading}</p></div>`;
    const all = this.saved.filter((saved) => inScope(saved.item, this));
    const shown = this.limit > 0 ? all.slice(0, this.limit) : all;
    const hasEvents = all.some((saved) => saved.item.type === 'event');
    const warning = this.store?.warning?.messages[this.uiLang];
    return html`<div class="base" part="base" lang=${this.uiLang}>
      ${this.storeError ? html`<div class="notice error" part="notice" role="alert"><p><strong>${m.storeFailed}</strong></p><p>${this.storeError}</p></div>` : nothing}
      ${warning ? html`<div class="notice" part="notice"><p>${warning}</p></div>` : nothing}
      ${this.online ? nothing : html`<div class="notice" part="notice" role="status"><p>${m.offline}</p></div>`}
      <p class="count" part="count" role="status" tabindex="-1">${m.count(all.length)}</p>
      ${all.length === 0 && !this.query && !this.storeError ? html`<div class="notice" part="notice empty"><p>${m.empty}</p></div>` : nothing}
      ${this.saved.length > 1 || this.query
        ? html`<div><label for="q">${m.search}</label><input id="q" type="search" autocomplete="off" .value=${this.query} @input=${this.onSearch} /></div>`
        : nothing}
      ${all.length === 0 && this.query ? html`<div class="notice" part="notice empty"><p>${m.noMatch}</p></div>` : nothing}
      ${shown.length ? html`<ul class="list" part="list" aria-label=${m.listLabel}>${shown.map((saved, index) => this.renderItem(saved, index))}</ul>` : nothing}
      <fieldset class="toolbar no-print" part="toolbar">
        <legend>${m.actions}</legend>
        <p class="actions">
          <button type="button" ?disabled=${all.length === 0} @click=${this.exportJson}>${m.exportJson}</button>
          ${hasEvents ? html`<button type="button" @click=${this.exportIcs}>${m.exportIcs}</button>` : nothing}
        </p>
        <label for="import">${m.importLabel}</label>
        <input id="import" type="file" accept=".json,application/json" @change=${this.importFile} />
        ${this.importMessage
          ? html`<div class="notice ${this.importMessage.error ? 'error' : ''}" role="status">
              <p>${this.importMessage.text}</p>
              ${this.importMessage.problems.length ? html`<ul class="problems">${this.importMessage.problems.map((p) => html`<li>${p}</li>`)}</ul>` : nothing}
            </div>`
          : nothing}
      </fieldset>
      ${this.renderAnnouncer()}
    </div>`;
  }
}
