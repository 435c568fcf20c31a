/**
 * The base of every Kanswijzer element: its language (and updates when the page's language changes),
 * events that cross shadow roots, and the version other copies compare against.
 */
import { html, LitElement } from 'lit';
import type { TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { KANSWIJZER_VERSION } from './config.ts';
import { languageTagOf, uiLangFor } from './i18n.ts';
import type { UiLang } from './i18n.ts';

const connected = new Set<KwElement>();
let languageObserver: MutationObserver | undefined;

/** One observer for the whole page: a `lang` change anywhere re-renders the elements it may affect. */
function watchLanguage(): void {
  if (languageObserver || typeof MutationObserver === 'undefined') return;
  languageObserver = new MutationObserver(() => {
    for (const element of connected) element.requestUpdate();
  });
  languageObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/** Space- or comma-separated words of an attribute value, without duplicates. */
export function words(value: string | null | undefined): string[] {
  return [...new Set((value ?? '').split(/[\s,]+/).filter(Boolean))];
}

/** Every Kanswijzer event bubbles and crosses shadow roots, so the host page hears it on any ancestor. */
function kanswijzerEvent<T>(name: string, detail: T, cancelable: boolean): CustomEvent<T> {
  return new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable });
}

export class KwElement extends LitElement {
  /** The Kanswijzer version of this class, compared when a tag is already defined. */
  static version = KANSWIJZER_VERSION;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    watchLanguage();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  /** The language tag in effect (own `lang`, an ancestor's, the page's), `nl` when none is set. */
  get locale(): string {
    return languageTagOf(this) || 'nl';
  }

  /** The language of the interface: `nl` or `en`. */
  get uiLang(): UiLang {
    return uiLangFor(this.locale);
  }

  /** Locale for `Intl`: the page's tag when it is Dutch or English (`nl-BE`), else the interface language. */
  get intlLocale(): string {
    const tag = this.locale;
    return uiLangFor(tag) === this.uiLang && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(tag) ? tag : this.uiLang;
  }

  /** The text in the element's polite live region (see `announce`). */
  @state() protected announcement = '';

  /** Says `text` to screen-reader users through the element's polite live region. */
  announce(text: string): void {
    // Clearing first makes the same message be read again when it repeats.
    this.announcement = '';
    setTimeout(() => {
      this.announcement = text;
    }, 100);
  }

  /** The live region `announce` writes to; every element renders it once. */
  protected renderAnnouncer(): TemplateResult {
    return html`<div class="visually-hidden" role="status">${this.announcement}</div>`;
  }

  /**
   * Dispatches a bubbling, composed event from the element. Returns false when a listener called
   * `preventDefault()` (for cancelable events), so the element skips its own default action.
   */
  emit<T>(name: string, detail: T, cancelable = false): boolean {
    return this.dispatchEvent(kanswijzerEvent(name, detail, cancelable));
  }
}
