/** Small text helpers for the store: search folding and sizes in messages. */
import { allTexts } from '../catalog/localize.ts';
import type { SavedItem } from './types.ts';

/** Lower case without diacritics or ligatures, so "Curaçao", "CURACAO" and "curacao" match. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** True when every word of the query occurs in the item's title, summary or note, in any language. */
export function matchesQuery(saved: SavedItem, query: string): boolean {
  const words = fold(query).split(/[\s\p{P}]+/u).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([...allTexts(saved.item.title), ...allTexts(saved.item.summary), saved.note ?? ''].join('\n'));
  return words.every((word) => haystack.includes(word));
}

/** A size for people: "1.5 MB", "12 KB", "800 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
