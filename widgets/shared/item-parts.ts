/**
 * Pieces of item display that several elements share: texts in the reader's language (marked with their
 * own language when they differ), taxonomy labels, and the "Save offline" button that every item has.
 */
import { html } from 'lit';
import type { ReactiveController, TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { resolveText } from '../../shared/catalog/localize.ts';
import type { Catalog, Item, LocalizedText } from '../../shared/catalog/types.ts';
import { words } from './kw-element.ts';
import type { KwElement } from './kw-element.ts';
import { common } from './strings.ts';
import { getStore, isSaved, itemKey, onSavedChange } from './store.ts';

/** Feed text in the reader's language, with a `lang` attribute value when it is in another language. */
export function textOf(host: KwElement, value: LocalizedText | undefined, catalog?: Pick<Catalog, 'language'>): { text: string; lang: string | undefined } {
  const resolved = resolveText(value, [host.locale, host.uiLang], catalog?.language);
  const lang = resolved.lang && resolved.lang.toLowerCase().split('-')[0] !== host.uiLang ? resolved.lang : undefined;
  return { text: resolved.text, lang };
}

/** A feed text as an inline element carrying its language when that differs from the interface. */
export function localized(host: KwElement, value: LocalizedText | undefined, catalog?: Pick<Catalog, 'language'>): TemplateResult {
  const { text, lang } = textOf(host, value, catalog);
  return lang ? html`<span lang=${lang} dir="auto">${text}</span>` : html`${text}`;
}

/** The labels of taxonomy ids (topics, audiences, sectors) from the catalog; the id itself when unknown. */
export function labelsOf(host: KwElement, ids: readonly string[] | undefined, list: Catalog['topics'] | Catalog['audiences'] | undefined, catalog?: Catalog): string[] {
  return (ids ?? []).map((id) => {
    const entry = list?.find((e) => e.id === id);
    return entry ? textOf(host, entry.label, catalog).text || id : id;
  });
}

/** A resource format (`webinar-recording`) in the reader's language, or as written when unknown. */
export function formatLabel(host: KwElement, format: string | undefined): string {
  if (!format) return '';
  return common[host.uiLang].formats[format] ?? format.replace(/[-_]+/g, ' ');
}

/** Re-renders the host when the set of saved items changes (here, in another element, or in another tab). */
export class SavedController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;
  private readonly host: KwElement;

  constructor(host: KwElement) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onSavedChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}

function messageOf(error: unknown, lang: 'nl' | 'en'): string {
  const messages = (error as { messages?: Record<string, string> })?.messages;
  return messages?.[lang] ?? (error instanceof Error ? error.message : '');
}

/**
 * Saves the item on this device, or removes it when it is saved. Fires `kw-save` / `kw-remove` first
 * (cancelable: a host page that handles saving itself calls `preventDefault()`), then announces the result.
 */
export async function toggleSaved(host: KwElement, item: Item): Promise<void> {
  const m = common[host.uiLang];
  const key = itemKey(item);
  const detail = { item, key };
  try {
    if (isSaved(key)) {
      if (!host.emit('kw-remove', detail, true)) return;
      await (await getStore()).remove(key);
      host.announce(m.removed);
      return;
    }
    if (!host.emit('kw-save', detail, true)) return;
    host.announce(m.saving);
    const store = await getStore();
    const saved = await store.save(item);
    host.announce([m.saved, saved.fileProblem ? m.fileNotStored : '', store.persistent ? '' : m.onlyThisSession].filter(Boolean).join(' '));
  } catch (error) {
    host.announce(`${m.saveFailed} ${messageOf(error, host.uiLang)}`);
  }
}

/** The "Save offline" toggle button; its accessible name includes the item's title. */
export function saveButton(host: KwElement, item: Item, catalog?: Catalog): TemplateResult {
  const m = common[host.uiLang];
  const pressed = isSaved(itemKey(item));
  const title = textOf(host, item.title, catalog);
  return html`<button type="button" part="save-button" class="save" aria-pressed=${pressed ? 'true' : 'false'} @click=${() => toggleSaved(host, item)}>
    <span aria-hidden="true">${pressed ? '✓ ' : ''}</span>${m.save}<span class="visually-hidden">: <span lang=${ifDefined(title.lang)}>${title.text}</span></span>
  </button>`;
}

/** The scoping attributes every element has: only items on these topics, for these audiences, … */
export interface ScopeAttributes {
  topics: string;
  audiences: string;
  sectors: string;
  types: string;
}

/** True when `item` fits the element's `topics`, `audiences`, `sectors` and `types` (each: any of the listed). */
export function inScope(item: Item, scope: ScopeAttributes): boolean {
  const fits = (value: string, has: readonly string[]) => {
    const wanted = words(value);
    return wanted.length === 0 || has.some((v) => wanted.includes(v));
  };
  return fits(scope.topics, item.topics ?? []) && fits(scope.audiences, item.audiences ?? []) && fits(scope.sectors, item.sectors ?? []) && fits(scope.types, [item.type]);
}

// Kept here too for the elements that import them from this module (the calendar).
export { download, today } from './download.ts';
