/** Number, language and list formatting with Intl, for the elements that show sizes, languages and lists. */

/** A byte count as "1,2 MB" / "1.2 MB". */
export function formatSize(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
  } catch {
    return `${Math.round(value)} ${['B', 'kB', 'MB', 'GB'][unit]}`;
  }
}

/** A language tag as its name in the reader's language ("Engels" for `en` in Dutch). */
export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** "a, b en c" / "a, b and c". */
export function formatList(parts: string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
  } catch {
    return parts.join(', ');
  }
}
