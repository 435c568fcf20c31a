/**
 * Languages: every visible word exists in Dutch and English. The element's language comes from its own
 * `lang`, then the closest `[lang]` ancestor (also across shadow roots), then the page, then Dutch.
 */

export type UiLang = 'nl' | 'en';

/** A table of texts, the same keys in both languages (TypeScript checks that with `satisfies`). */
export type Messages<T> = Record<UiLang, T>;

/** The language tag that applies to `element`, or `''` when none is set anywhere. */
export function languageTagOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const withLang = node.closest('[lang]');
    const tag = withLang?.getAttribute('lang')?.trim();
    if (tag) return tag;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.getAttribute('lang')?.trim() ?? '';
}

/** Dutch (and Frisian) pages get Dutch; any other set language gets English; nothing set means Dutch. */
export function uiLangFor(tag: string): UiLang {
  const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  if (!base || base === 'nl' || base === 'fy' || base === 'li') return 'nl';
  return 'en';
}

/** A date (`YYYY-MM-DD`) or date-time as a readable date, in the reader's language. */
export function formatDate(value: string | Date | undefined, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
  if (!value) return '';
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}
