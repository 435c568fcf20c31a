/**
 * Calendar arithmetic for `<kw-calendar>`: days as `YYYY-MM-DD` keys (zone-free, so a day is a day on both
 * sides of a daylight-saving change), the weeks of a month, and the instants that bound a day in the zone the
 * calendar is shown in. Turning wall times into instants is the core's job (shared/ical/time.ts).
 */
import { formatDate, isValidTimeZone, localTimeZone, parseTime, wallFromUtc, wallTimeAt, wallTimeToEpoch } from '../../shared/ical/time.ts';

/** A calendar day, `YYYY-MM-DD`. */
export type DayKey = string;

const DAY_MS = 86_400_000;
const KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The key of a UTC midnight (used only as a day counter, never as an instant). */
function keyOfUtc(ms: number): DayKey {
  return formatDate(wallFromUtc(ms));
}

/** A day key as the UTC midnight of that date (a counter for day arithmetic). */
function utcOfKey(key: DayKey): number {
  const match = KEY.exec(key);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** True for a real date written as `YYYY-MM-DD`. */
export function isDayKey(value: unknown): value is DayKey {
  return typeof value === 'string' && KEY.test(value) && keyOfUtc(utcOfKey(value)) === value;
}

export function addDays(key: DayKey, days: number): DayKey {
  return keyOfUtc(utcOfKey(key) + days * DAY_MS);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: DayKey, b: DayKey): number {
  return Math.round((utcOfKey(b) - utcOfKey(a)) / DAY_MS);
}

/** The same day of the month `months` later, clamped to the month's length (31 January + 1 month = 28/29 February). */
export function addMonths(key: DayKey, months: number): DayKey {
  const date = new Date(utcOfKey(key));
  const day = date.getUTCDate();
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
  const length = new Date(Date.UTC(new Date(first).getUTCFullYear(), new Date(first).getUTCMonth() + 1, 0)).getUTCDate();
  return keyOfUtc(first + (Math.min(day, length) - 1) * DAY_MS);
}

export function startOfMonth(key: DayKey): DayKey {
  return `${key.slice(0, 8)}01`;
}

/** `YYYY-MM` of a day. */
export function monthOf(key: DayKey): string {
  return key.slice(0, 7);
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function weekday(key: DayKey): number {
  return ((new Date(utcOfKey(key)).getUTCDay() + 6) % 7) + 1;
}

/** The first day of the week containing `key`, for weeks starting on `firstDay` (1 Monday … 7 Sunday). */
export function startOfWeek(key: DayKey, firstDay: number): DayKey {
  return addDays(key, -((weekday(key) - firstDay + 7) % 7));
}

/** The weeks the month of `key` touches, each seven day keys, starting on `firstDay`. */
export function monthWeeks(key: DayKey, firstDay: number): DayKey[][] {
  const first = startOfMonth(key);
  const last = addDays(addMonths(first, 1), -1);
  const weeks: DayKey[][] = [];
  for (let day = startOfWeek(first, firstDay); day <= last; day = addDays(day, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
  }
  return weeks;
}

/**
 * The first day of the week for a locale: from `Intl.Locale` week data when the tag names a region
 * (`en-US` starts on Sunday), else Monday, as in the Netherlands and ISO 8601.
 */
export function firstDayOfWeek(locale: string): number {
  if (!/-[A-Za-z]{2}\b|-\d{3}\b/.test(locale)) return 1;
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const firstDay = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    return firstDay && firstDay >= 1 && firstDay <= 7 ? firstDay : 1;
  } catch {
    return 1;
  }
}

/** The zone a calendar is shown in: `requested` when `Intl` knows it, else the viewer's own. */
export function displayZone(requested: string | null | undefined): { zone: string; invalid: boolean } {
  const wanted = requested?.trim();
  if (wanted && isValidTimeZone(wanted)) return { zone: wanted, invalid: false };
  return { zone: localTimeZone(), invalid: Boolean(wanted) };
}

/** Today in `zone`. */
export function todayIn(zone: string, now: number = Date.now()): DayKey {
  return formatDate(wallTimeAt(zone, now));
}

/** The instant a day begins in `zone` (midnight, or the first moment after a gap at midnight). */
export function startOfDayIn(key: DayKey, zone: string): number {
  const match = KEY.exec(key);
  if (!match) return Number.NaN;
  return wallTimeToEpoch(zone, { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: 0, minute: 0, second: 0 });
}

/**
 * A `from` or `to` attribute: a date (the start of that day in `zone`) or a date-time (with an offset it is
 * that instant; without, a wall time in `zone`). Undefined when it is neither.
 */
export function readBound(value: string | null | undefined, zone: string): { day: DayKey; epoch: number } | undefined {
  const parsed = parseTime(value?.trim());
  if (!parsed) return undefined;
  const epoch = parsed.kind === 'instant' ? parsed.epoch : wallTimeToEpoch(zone, parsed.wall);
  return { day: todayIn(zone, epoch), epoch };
}

/** The day key of an ISO start or end as the core writes it (in the display zone), or of a date. */
export function dayOf(value: string): DayKey {
  return value.slice(0, 10);
}

/**
 * The days an occurrence covers: all-day ends are exclusive (the day after), timed events that end exactly
 * at midnight do not reach into the next day.
 */
export function spanDays(start: string, end: string, allDay: boolean): { first: DayKey; last: DayKey } {
  const first = dayOf(start);
  let last = dayOf(end || start);
  if (allDay) last = addDays(last, -1);
  else if (end.length >= 19 && end.slice(11, 19) === '00:00:00' && last > first) last = addDays(last, -1);
  return { first, last: last < first ? first : last };
}
