/** Small text helpers for the store: search folding and picking a language. */
import type { LocalizedText } from '../catalog/types.ts';
import type { SavedItem } from './types.ts';

/** Every text of a localised value, in all its languages. */
export function textsOf(value: LocalizedText | undefined | null): string[] {
  if (value == null) return [];
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object') return [];
  return Object.values(value).filter((text): text is string => typeof text === 'string');
}

/** The text in `lang` (or its base language), else Dutch, else English, else any. */
export function pickText(value: LocalizedText | undefined | null, lang: string): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  const entries = Object.entries(value).filter(([, text]) => typeof text === 'string' && text.length > 0);
  const base = (tag: string) => tag.toLowerCase().split('-')[0];
  for (const wanted of [lang, 'nl', 'en']) {
    const found = entries.find(([tag]) => tag.toLowerCase() === wanted.toLowerCase()) ?? entries.find(([tag]) => base(tag) === base(wanted));
    if (found) return found[1];
  }
  return entries[0]?.[1] ?? '';
}

/** Lower case without diacritics or ligatures, so "Curaçao", "CURACAO" and "curacao" match. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** True when every word of the query occurs in the item's title, summary or note, in any language. */
export function matchesQuery(saved: SavedItem, query: string): boolean {
  const words = fold(query).split(/[\s\p{P}]+/u).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([...textsOf(saved.item.title), ...textsOf(saved.item.summary), saved.note ?? ''].join('\n'));
  return words.every((word) => haystack.includes(word));
}

/** A size for people: "1.5 MB", "12 KB", "800 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
