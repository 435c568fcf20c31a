/**
 * Time-zone arithmetic on top of `Intl`, so the core needs no bundled time-zone database: the browser's (or
 * Node's) own IANA data answers "what is the UTC offset of zone Z at instant T". Offsets are looked up in
 * per-zone, per-year transition tables, because asking `Intl` for every occurrence would be slow.
 *
 * Wall time → instant follows RFC 5545 §3.3.5: a local time that does not exist (skipped by a
 * daylight-saving jump) is read with the offset from before the gap, and a local time that happens twice is
 * the first of the two.
 */

/** A local calendar date and clock time, without a zone. Months run 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** One change of UTC offset: from `at` (epoch ms) on, the zone is `offsetTo` ahead of UTC. */
export interface OffsetTransition {
  at: number;
  offsetFrom: number;
  offsetTo: number;
}

interface YearTable {
  /** Offset in effect at the start of the (UTC) year, in ms. */
  initial: number;
  transitions: OffsetTransition[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat | null>();
const tables = new Map<string, Map<number, YearTable>>();
const lastLookup = new Map<string, { from: number; to: number; table: YearTable }>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      formatter = null;
    }
    // A bounded cache: hostile feeds could name thousands of zones.
    if (formatters.size > 1000) formatters.clear();
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True when `zone` is a time zone this runtime's `Intl` knows (IANA names such as `Europe/Amsterdam`, or `UTC`). */
export function isValidTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length > 0 && zone.length < 100 && formatterFor(zone) !== null;
}

/** The canonical spelling `Intl` uses for a zone (`europe/amsterdam` → `Europe/Amsterdam`), or undefined. */
export function canonicalTimeZone(zone: string): string | undefined {
  const formatter = formatterFor(zone);
  return formatter ? formatter.resolvedOptions().timeZone : undefined;
}

function offsetFromIntl(formatter: Intl.DateTimeFormat, epoch: number): number {
  const parts = formatter.formatToParts(new Date(epoch));
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of parts) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value); break;
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
      case 'era': bc = part.value.startsWith('B'); break;
      default: break;
    }
  }
  if (bc) year = 1 - year;
  const asUtc = utcFromWall({ year, month, day, hour, minute, second });
  const flooredEpoch = Math.floor(epoch / 1000) * 1000;
  return asUtc - flooredEpoch;
}

/** Epoch ms of a wall time read as if it were UTC. Works for any year, including 0–99. */
export function utcFromWall(wall: WallTime): number {
  if (wall.year >= 100) return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

/** The wall time of an epoch read as UTC. */
export function wallFromUtc(epoch: number): WallTime {
  const date = new Date(epoch);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

function buildYearTable(formatter: Intl.DateTimeFormat, year: number): YearTable {
  const start = utcFromWall({ year, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
  const end = utcFromWall({ year: year + 1, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
  const initial = offsetFromIntl(formatter, start);
  const transitions: OffsetTransition[] = [];
  // Sample twice a day; real zones never change offset twice within twelve hours.
  const step = 12 * HOUR;
  let previousTime = start;
  let previousOffset = initial;
  for (let t = start + step; t <= end; t += step) {
    const time = Math.min(t, end);
    const offset = offsetFromIntl(formatter, time);
    if (offset !== previousOffset) {
      // Binary search to the second the offset changed.
      let low = previousTime;
      let high = time;
      while (high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (offsetFromIntl(formatter, middle) === previousOffset) low = middle;
        else high = middle;
      }
      if (high < end) transitions.push({ at: high, offsetFrom: previousOffset, offsetTo: offset });
      previousOffset = offset;
    }
    previousTime = time;
  }
  return { initial, transitions };
}

function yearTable(zone: string, year: number): YearTable | undefined {
  let byYear = tables.get(zone);
  if (!byYear) {
    if (tables.size > 500) tables.clear();
    byYear = new Map();
    tables.set(zone, byYear);
  }
  let table = byYear.get(year);
  if (!table) {
    const formatter = formatterFor(zone);
    if (!formatter) return undefined;
    table = buildYearTable(formatter, year);
    if (byYear.size > 400) byYear.clear();
    byYear.set(year, table);
  }
  return table;
}

/** The zone's offset at one instant asked of `Intl` directly (no tables): cheap for a few samples of many zones. */
export function sampleOffset(zone: string, epoch: number): number | undefined {
  const formatter = formatterFor(zone);
  return formatter ? offsetFromIntl(formatter, epoch) : undefined;
}

/** The zone's UTC offset at an instant, in milliseconds (positive east of Greenwich). 0 for unknown zones. */
export function offsetAt(zone: string, epoch: number): number {
  if (!Number.isFinite(epoch)) return 0;
  // Most lookups fall in the same year as the previous one for the zone: skip the date arithmetic then.
  const last = lastLookup.get(zone);
  let table: YearTable | undefined;
  if (last && epoch >= last.from && epoch < last.to) table = last.table;
  else {
    const year = new Date(epoch).getUTCFullYear();
    table = yearTable(zone, year);
    if (!table) return 0;
    if (lastLookup.size > 500) lastLookup.clear();
    lastLookup.set(zone, { from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1), table });
  }
  let offset = table.initial;
  for (const transition of table.transitions) {
    if (transition.at <= epoch) offset = transition.offsetTo;
    else break;
  }
  return offset;
}

/** Every offset change of the zone between two instants (epoch ms, `from` inclusive, `to` exclusive). */
export function transitionsBetween(zone: string, from: number, to: number): OffsetTransition[] {
  const result: OffsetTransition[] = [];
  if (!isValidTimeZone(zone) || !(from < to)) return result;
  const firstYear = new Date(from).getUTCFullYear();
  const lastYear = new Date(to).getUTCFullYear();
  for (let year = firstYear; year <= lastYear; year++) {
    const table = yearTable(zone, year);
    if (!table) break;
    // A year boundary can hide a change (offset at Jan 1 differs from the end of the previous year).
    if (year > firstYear) {
      const before = offsetAt(zone, utcFromWall({ year, month: 1, day: 1, hour: 0, minute: 0, second: 0 }) - 1000);
      const at = utcFromWall({ year, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
      if (before !== table.initial && at >= from && at < to) result.push({ at, offsetFrom: before, offsetTo: table.initial });
    }
    for (const transition of table.transitions) {
      if (transition.at >= from && transition.at < to) result.push(transition);
    }
  }
  return result;
}

/** The wall time in a zone at an instant. */
export function wallTimeAt(zone: string, epoch: number): WallTime {
  return wallFromUtc(epoch + offsetAt(zone, epoch));
}

/**
 * The instant a wall time in a zone denotes (RFC 5545 §3.3.5): nonexistent local times (in a spring-forward
 * gap) use the offset from before the gap, so 02:30 on the day clocks jump from 02:00 to 03:00 is 03:30;
 * repeated local times (in a fall-back overlap) are the first of the two.
 */
export function wallTimeToEpoch(zone: string, wall: WallTime): number {
  const asUtc = utcFromWall(wall);
  const before = offsetAt(zone, asUtc - DAY);
  const after = offsetAt(zone, asUtc + DAY);
  const candidates = before === after ? [before] : [before, after];
  let best: number | undefined;
  for (const offset of candidates) {
    const instant = asUtc - offset;
    if (offsetAt(zone, instant) === offset && (best === undefined || instant < best)) best = instant;
  }
  if (best !== undefined) return best;
  // Also try the offset at the naive instant itself (zones with more than one change near this time).
  const here = offsetAt(zone, asUtc - offsetAt(zone, asUtc));
  if (offsetAt(zone, asUtc - here) === here) return asUtc - here;
  return asUtc - before;
}

function pad(value: number, length = 2): string {
  const text = String(Math.abs(value)).padStart(length, '0');
  return value < 0 ? `-${text}` : text;
}

function padYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return (year < 0 ? '-' : '+') + pad(Math.abs(year), 6);
}

/** `+02:00`, `-05:00`, `Z`-less form of an offset in ms (rounded to the minute). */
export function formatOffset(offsetMs: number, separator = ':'): string {
  const minutes = Math.round(offsetMs / MINUTE);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${separator}${pad(abs % 60)}`;
}

/** `YYYY-MM-DD` of a wall time. */
export function formatDate(wall: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${padYear(wall.year)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** `YYYY-MM-DDTHH:MM:SS` of a wall time (no offset). */
export function formatWallTime(wall: WallTime): string {
  return `${formatDate(wall)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

/** ISO 8601 with the zone's offset at that instant, such as `2024-03-31T10:00:00+02:00`. */
export function formatInstantInZone(epoch: number, zone: string): string {
  const offset = Math.round(offsetAt(zone, epoch) / MINUTE) * MINUTE;
  return formatWallTime(wallFromUtc(epoch + offset)) + formatOffset(offset);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** A moment as catalogs write it: a date (all day), a date-time with offset, or a date-time without one. */
export type ParsedTime =
  | { kind: 'date'; wall: WallTime }
  | { kind: 'instant'; epoch: number; wall: WallTime; offset: number }
  | { kind: 'local'; wall: WallTime };

function validWall(wall: WallTime): boolean {
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.hour > 23 || wall.minute > 59 || wall.second > 60) return false;
  const check = wallFromUtc(utcFromWall({ ...wall, second: Math.min(wall.second, 59) }));
  return check.day === wall.day && check.month === wall.month;
}

/** Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]`; undefined when it is none of those or not a real date. */
export function parseTime(value: unknown): ParsedTime | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const text = value.trim();
  let match = DATE_ONLY.exec(text);
  if (match) {
    const wall = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: 0, minute: 0, second: 0 };
    return validWall(wall) ? { kind: 'date', wall } : undefined;
  }
  match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const wall: WallTime = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Math.min(Number(match[6] ?? 0), 59),
  };
  if (!validWall(wall)) return undefined;
  const zone = match[7];
  if (!zone) return { kind: 'local', wall };
  let offset = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * MINUTE;
  }
  return { kind: 'instant', epoch: utcFromWall(wall) - offset, wall, offset };
}

/** Adds whole days to a date's wall time (calendar arithmetic, no zone). */
export function addDays(wall: WallTime, days: number): WallTime {
  return wallFromUtc(utcFromWall(wall) + days * DAY);
}

/** Whole calendar days from `a` to `b` (dates only). */
export function daysBetween(a: WallTime, b: WallTime): number {
  const da = utcFromWall({ ...a, hour: 0, minute: 0, second: 0 });
  const db = utcFromWall({ ...b, hour: 0, minute: 0, second: 0 });
  return Math.round((db - da) / DAY);
}

/** The machine's (or browser's) own time zone, `UTC` when it cannot be told. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
