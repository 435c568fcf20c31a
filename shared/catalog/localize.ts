import type { LocalizedText } from './types.ts';

export interface ResolvedText {
  text: string;
  /** The language the text is actually in (for a `lang` attribute), when known. */
  lang: string | undefined;
}

function baseLanguage(tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? tag.toLowerCase();
}

/**
 * Picks the best text for a reader: the requested language (exact tag, then its base language), then the
 * catalog's language, then English, then whatever language there is. A plain string is in the catalog language.
 */
export function resolveText(
  value: LocalizedText | undefined | null,
  requested: string | readonly string[] | undefined,
  catalogLanguage?: string,
): ResolvedText {
  if (value == null) return { text: '', lang: undefined };
  if (typeof value === 'string') return { text: value, lang: catalogLanguage };
  const entries = Object.entries(value).filter(([, text]) => typeof text === 'string' && text.length > 0);
  if (entries.length === 0) return { text: '', lang: undefined };
  const wanted = [
    ...(Array.isArray(requested) ? requested : requested ? [requested] : []),
    ...(catalogLanguage ? [catalogLanguage] : []),
    'en',
  ] as string[];
  for (const tag of wanted) {
    const exact = entries.find(([lang]) => lang.toLowerCase() === tag.toLowerCase());
    if (exact) return { text: exact[1], lang: exact[0] };
    const base = baseLanguage(tag);
    const sameBase = entries.find(([lang]) => baseLanguage(lang) === base);
    if (sameBase) return { text: sameBase[1], lang: sameBase[0] };
  }
  const [lang, text] = entries[0]!;
  return { text, lang };
}

/** The best text for a reader; see `resolveText`. */
export function localize(value: LocalizedText | undefined | null, requested: string | readonly string[] | undefined, catalogLanguage?: string): string {
  return resolveText(value, requested, catalogLanguage).text;
}

/** Every text of a localised value, in all its languages (for search indexes). */
export function allTexts(value: LocalizedText | undefined | null): string[] {
  if (value == null) return [];
  if (typeof value === 'string') return [value];
  return Object.values(value).filter((t): t is string => typeof t === 'string');
}
