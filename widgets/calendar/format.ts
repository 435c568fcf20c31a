/**
 * Dates and times of occurrences in the reader's language (`Intl`), in the zone the calendar is shown in.
 * All-day dates are zone-free: they are formatted as UTC midnights so no zone can move them a day.
 */
import type { Catalog, LocalizedText } from '../../shared/catalog/types.ts';
import type { Occurrence } from '../../shared/ical/expand.ts';
import { textOf } from '../shared/item-parts.ts';
import type { KwElement } from '../shared/kw-element.ts';
import { addDays, isDayKey, spanDays } from './dates.ts';
import type { DayKey } from './dates.ts';
import type { CalendarMessages } from './strings.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached `Intl.DateTimeFormat` (creating one per occurrence would dominate render time). */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      format = new Intl.DateTimeFormat('nl', { ...options, timeZone: options.timeZone ?? 'UTC' });
    }
    if (formatters.size > 200) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

/** A day key as a Date at UTC midnight, to format with `timeZone: 'UTC'`. */
export function dayDate(key: DayKey): Date {
  return new Date(`${key}T00:00:00Z`);
}

/** "maandag 23 november 2026" (style `full`), "23 nov 2026" (`medium`), … */
export function formatDay(key: DayKey, locale: string, style: 'full' | 'long' | 'medium' = 'full'): string {
  return dateFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(dayDate(key));
}

/** "november 2026". */
export function formatMonth(key: DayKey, locale: string): string {
  return dateFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dayDate(key));
}

/** "23 november – 22 december 2026" for a range of days (both included). */
export function formatDayRange(first: DayKey, last: DayKey, locale: string): string {
  const format = dateFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return first === last ? format.format(dayDate(first)) : formatRange(format, dayDate(first), dayDate(last));
}

/** Two dates or instants as one range in `format` ("23 november – 22 december 2026"). */
export function formatRange(format: Intl.DateTimeFormat, start: Date, end: Date): string {
  try {
    return format.formatRange(start, end);
  } catch {
    return `${format.format(start)} – ${format.format(end)}`;
  }
}

/** "10:00" in `zone`. */
export function formatClock(date: Date, locale: string, zone: string): string {
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(date);
}

/** The time line of an occurrence in a list: "10:00 – 11:30", "Hele dag", "23 nov 10:00 t/m 25 nov 16:00". */
export interface WhenParts {
  /** What the first `<time>` shows. */
  startText: string;
  /** What the second `<time>` shows, if any. */
  endText?: string;
  /** `datetime` of the second `<time>`. */
  endValue?: string;
  /** The word between them. */
  joiner?: string;
}

export function whenParts(occurrence: Occurrence, locale: string, zone: string, m: CalendarMessages, showStartDay: boolean): WhenParts {
  const { first, last } = spanDays(occurrence.start, occurrence.end, occurrence.allDay);
  if (occurrence.allDay) {
    if (first === last) return { startText: showStartDay ? `${formatDay(first, locale, 'medium')}, ${m.allDay.toLowerCase()}` : m.allDay };
    return { startText: formatDay(first, locale, 'medium'), endText: formatDay(last, locale, 'medium'), endValue: last, joiner: m.until };
  }
  const startClock = formatClock(occurrence.startDate, locale, zone);
  const endClock = formatClock(occurrence.endDate, locale, zone);
  const sameInstant = occurrence.endDate.getTime() <= occurrence.startDate.getTime();
  if (first === last) {
    const startText = showStartDay ? `${formatDay(first, locale, 'medium')}, ${startClock}` : startClock;
    return sameInstant ? { startText } : { startText, endText: endClock, endValue: occurrence.end, joiner: '–' };
  }
  return {
    startText: `${formatDay(first, locale, 'medium')}, ${startClock}`,
    endText: `${formatDay(dayOfEnd(occurrence), locale, 'medium')}, ${endClock}`,
    endValue: occurrence.end,
    joiner: m.until,
  };
}

function dayOfEnd(occurrence: Occurrence): DayKey {
  return occurrence.end.slice(0, 10);
}

/**
 * Where a changed occurrence was first planned, when it moved: the occurrence id ends in its original start
 * (`@2026-11-23` for all-day, `@2026-11-23T09:00:00Z` for timed events). Undefined when it did not move or
 * that cannot be told (floating times).
 */
export function originalStart(occurrence: Occurrence): { day?: DayKey; date?: Date } | undefined {
  if (!occurrence.changed) return undefined;
  const original = occurrence.id.slice(occurrence.id.lastIndexOf('@') + 1);
  if (isDayKey(original)) return original !== occurrence.start.slice(0, 10) || !occurrence.allDay ? { day: original } : undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(original)) {
    const date = new Date(original);
    return date.getTime() !== occurrence.startDate.getTime() ? { date } : undefined;
  }
  return undefined;
}

/** The status words of an occurrence ("Gaat niet door", "Verplaatst, eerst gepland op …"), most important first. */
export function statusWords(occurrence: Occurrence, locale: string, zone: string, m: CalendarMessages): string[] {
  const words: string[] = [];
  if (occurrence.cancelled) words.push(m.cancelled);
  else if (occurrence.status === 'postponed') words.push(m.postponed);
  else if (occurrence.status === 'tentative') words.push(m.tentative);
  const moved = originalStart(occurrence);
  if (moved && !occurrence.cancelled) {
    const was = moved.day ? formatDay(moved.day, locale, 'long') : dateFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: zone }).format(moved.date!);
    words.push(m.movedFrom(was));
  } else if (occurrence.changed && !occurrence.cancelled && words.length === 0) {
    words.push(m.changed);
  }
  return words;
}

/** The day after `key` (for exclusive ends). */
export function nextDay(key: DayKey): DayKey {
  return addDays(key, 1);
}

/**
 * Feed text in the reader's language, with the language to mark it with when it differs. Calendars say
 * nothing about their language (`und`), and an undetermined language is better left unmarked.
 */
export function feedText(host: KwElement, value: LocalizedText | undefined, catalog?: Pick<Catalog, 'language'>): { text: string; lang: string | undefined } {
  const resolved = textOf(host, value, catalog);
  return resolved.lang && resolved.lang.toLowerCase() !== 'und' ? resolved : { text: resolved.text, lang: undefined };
}
