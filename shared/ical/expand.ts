/**
 * Every occurrence of a catalog's events in a time range: recurrence rules (walked on the wall clock of the
 * event's zone by rrule-walker.ts; the rare rules it does not read by ical.js's RecurIterator in recurrence.ts,
 * which ical-loader.ts loads only for calendars that have them), extra dates (RDATE), excluded dates (EXDATE) and changed or
 * cancelled occurrences (`overrides`). Wall times become instants with `Intl`, so 10:00 stays 10:00 on both
 * sides of a daylight-saving change, and a local time that does not exist or happens twice is read as
 * RFC 5545 says.
 *
 * Bounded: each event's rule may take at most `maxIterations` steps and the result holds at most `limit`
 * occurrences, so an endless or impossible rule, or a calendar with a million events, cannot hang a page.
 * When a bound cuts the answer short, `truncated` says so.
 */
import type { Catalog, CatalogEvent, EventStatus, LocalizedText, Location } from '../catalog/types.ts';
import { eventTiming, readWall, zoneClock, type Clock } from './event-time.ts';
import { loadedRecurrence } from './ical-loader.ts';
import { canWalkRule, walkRule } from './rrule-walker.ts';
import { addDays, formatDate, formatOffset, formatWallTime, localTimeZone, parseTime, utcFromWall, wallFromUtc, type WallTime } from './time.ts';

export interface Occurrence {
  /** Stable id of this occurrence: the item id and the original (unmoved) start. */
  id: string;
  itemId: string;
  item: CatalogEvent;
  /** The title of this occurrence (a changed occurrence may have its own). */
  title: LocalizedText;
  /** ISO 8601 with the offset of `timeZone`, or `YYYY-MM-DD` for all-day events. */
  start: string;
  /** Like `start`; for all-day events the day after the last day (exclusive, as in the catalog). */
  end: string;
  startDate: Date;
  endDate: Date;
  allDay: boolean;
  cancelled: boolean;
  /** The zone `start` and `end` are written in (the event's own, or the one asked for). */
  timeZone: string;
  /** The event's status for this occurrence, when it has one. */
  status?: EventStatus;
  summary?: LocalizedText;
  location?: Location;
  /** True when this occurrence was changed (moved, retitled or cancelled) by an override. */
  changed?: boolean;
}

export interface ExpandOptions {
  /**
   * The viewer's zone: floating times and all-day dates are read in it, and when given, every start and end
   * is written with its offset. Default: the event's own zone (floating times: the runtime's zone).
   */
  timeZone?: string;
  /** At most this many occurrences (default 10,000). */
  limit?: number;
  /** At most this many recurrence steps per event (default 50,000). */
  maxIterations?: number;
}

export interface ExpandResult {
  occurrences: Occurrence[];
  /**
   * True when a bound (limit or iteration cap) cut the result short, or when an event's RRULE could not be
   * followed because ical.js was not loaded (see needsIcal).
   */
  truncated: boolean;
}

const DAY = 86_400_000;
const TOTAL_ITERATION_FACTOR = 40;

interface Override {
  recurrenceId?: unknown;
  /** `thisAndFuture`: the change also applies to all later occurrences (iCalendar RANGE=THISANDFUTURE). */
  range?: unknown;
  start?: unknown;
  end?: unknown;
  status?: EventStatus;
  title?: LocalizedText;
  summary?: LocalizedText;
  location?: Location;
}

interface Candidate {
  /** The original start as a wall time on the event's clock. */
  wall: WallTime;
  /** Its instant, when already known. */
  epoch?: number;
  override?: Override;
}

/** A cheap identity for a wall time (its digits read as UTC). */
function wallKey(wall: WallTime): number {
  return utcFromWall(wall);
}

interface Span {
  startMs: number;
  endMs: number;
}

/** Expands one event; pushes occurrences that overlap [from, to) and returns whether a bound was hit. */
function expandEvent(
  event: CatalogEvent,
  from: number,
  to: number,
  context: { viewerZone: string | undefined; fallbackZone: string; maxIterations: number; perEventLimit: number; budget: { left: number } },
  out: Occurrence[],
): boolean {
  const timing = eventTiming(event);
  if (!timing) return false;
  let truncated = false;

  // The clock recurrence runs on: the event's zone; for floating times and all-day dates, the viewer's.
  const viewerClock = zoneClock(context.viewerZone ?? context.fallbackZone) ?? timing.clock;
  const ownZone = typeof event.timeZone === 'string' ? zoneClock(event.timeZone) : undefined;
  let clock: Clock = timing.clock;
  if (timing.floating) clock = viewerClock;
  else if (timing.allDay) clock = context.viewerZone || !ownZone ? viewerClock : ownZone;
  const displayClock: Clock = context.viewerZone ? viewerClock : clock;

  const instantOf = (wall: WallTime) => clock.toEpoch(timing.allDay ? { ...wall, hour: 0, minute: 0, second: 0 } : wall);
  const spanOf = (start: WallTime, ownEnd?: WallTime, knownStart?: number): Span => {
    const startMs = knownStart ?? instantOf(start);
    if (timing.allDay) {
      const endWall = ownEnd ?? addDays(start, timing.duration);
      return { startMs, endMs: Math.max(startMs, instantOf(endWall)) };
    }
    if (ownEnd) return { startMs, endMs: Math.max(startMs, instantOf(ownEnd)) };
    return { startMs, endMs: startMs + timing.duration };
  };
  const overlaps = (span: Span) => (span.endMs > span.startMs ? span.startMs < to && span.endMs > from : span.startMs >= from && span.startMs < to);

  const formatTimed = (epoch: number): string => {
    const offset = Math.round(displayClock.offsetAt(epoch) / 60_000) * 60_000;
    const local = epoch + offset;
    // toISOString is fast and exact for years 0–9999; other years take the long way.
    const wall = local >= -62167219200000 && local < 253402300800000 ? new Date(local).toISOString().slice(0, 19) : formatWallTime(wallFromUtc(local));
    return wall + formatOffset(offset);
  };

  const exdates = new Set<number>();
  for (const value of Array.isArray(event.exdate) ? event.exdate : []) {
    const wall = readWall(value, timing);
    if (wall) exdates.add(wallKey(wall));
  }
  const overrides = new Map<number, Override>();
  for (const raw of Array.isArray(event.overrides) ? (event.overrides as unknown[]) : []) {
    if (!raw || typeof raw !== 'object') continue;
    const override = raw as Override;
    const wall = readWall(override.recurrenceId, timing);
    if (wall) overrides.set(wallKey(wall), override);
  }

  let emitted = 0;
  /** Start and end of an occurrence whose override changes its kind (a timed event made all-day, or back). */
  const crossKindSpan = (override: Override): { allDay: boolean; span: Span; startText: string; endText: string } | undefined => {
    const ownStart = parseTime(override.start);
    if (!ownStart || (ownStart.kind === 'date') === timing.allDay) return undefined;
    const ownEnd = parseTime(override.end);
    if (ownStart.kind === 'date') {
      const dayClock = context.viewerZone || !ownZone ? viewerClock : ownZone;
      const endWall = ownEnd?.kind === 'date' && compareWall(ownEnd.wall, ownStart.wall) > 0 ? ownEnd.wall : addDays(ownStart.wall, 1);
      return { allDay: true, span: { startMs: dayClock.toEpoch(ownStart.wall), endMs: dayClock.toEpoch(endWall) }, startText: formatDate(ownStart.wall), endText: formatDate(endWall) };
    }
    const epochOf = (time: NonNullable<ReturnType<typeof parseTime>>) => (time.kind === 'instant' ? time.epoch : viewerClock.toEpoch(time.wall));
    const startMs = epochOf(ownStart);
    const endMs = ownEnd && ownEnd.kind !== 'date' ? Math.max(startMs, epochOf(ownEnd)) : startMs;
    return { allDay: false, span: { startMs, endMs }, startText: formatTimed(startMs), endText: formatTimed(endMs) };
  };

  const emit = (candidate: Candidate) => {
    const override = candidate.override;
    let allDay = timing.allDay;
    let span: Span;
    let startText: string;
    let endText: string;
    const crossed = override ? crossKindSpan(override) : undefined;
    if (crossed) {
      ({ allDay, span, startText, endText } = crossed);
    } else {
      const ownStart = override ? readWall(override.start, timing) : undefined;
      // A changed occurrence without its own end keeps the event's length.
      const ownEnd = override ? readWall(override.end, timing) : undefined;
      const startWall = ownStart ?? candidate.wall;
      const endWall = ownEnd && compareWall(ownEnd, startWall) >= 0 ? ownEnd : undefined;
      span = spanOf(startWall, endWall, ownStart ? undefined : candidate.epoch);
      startText = timing.allDay ? formatDate(startWall) : formatTimed(span.startMs);
      endText = timing.allDay ? formatDate(endWall ?? addDays(startWall, timing.duration)) : formatTimed(span.endMs);
    }
    if (!overlaps(span)) return;
    const status = override?.status ?? event.status;
    const originalMs = override ? instantOf(candidate.wall) : span.startMs;
    const idPart = timing.allDay ? formatDate(candidate.wall) : timing.floating ? formatWallTime(candidate.wall) : `${new Date(originalMs).toISOString().slice(0, 19)}Z`;
    const occurrence: Occurrence = {
      id: `${event.id}@${idPart}`,
      itemId: event.id,
      item: event,
      title: override?.title ?? event.title,
      start: startText,
      end: endText,
      startDate: new Date(span.startMs),
      endDate: new Date(span.endMs),
      allDay,
      cancelled: status === 'cancelled',
      timeZone: displayClock.name,
    };
    if (status) occurrence.status = status;
    const summary = override?.summary ?? event.summary;
    if (summary !== undefined) occurrence.summary = summary;
    const location = override?.location ?? event.location;
    if (location !== undefined) occurrence.location = location;
    if (override) occurrence.changed = true;
    out.push(occurrence);
    emitted++;
  };

  // Changed occurrences appear at their own time, wherever the original one was: moved into or out of
  // the range alike. Their original instance is not shown again.
  for (const override of overrides.values()) emit({ wall: readWall(override.recurrenceId, timing)!, override });

  // Changes to "this and all later occurrences" (RFC 5545 §3.8.4.4): later occurrences without a change of
  // their own are shifted by the same time and take the same length and texts.
  const futureChanges = [...overrides.entries()]
    .filter(([, override]) => typeof override.range === 'string' && override.range.toLowerCase() === 'thisandfuture')
    .map(([key, override]) => {
      const recurrence = readWall(override.recurrenceId, timing)!;
      const newStart = readWall(override.start, timing) ?? recurrence;
      const newEnd = readWall(override.end, timing);
      const shift = timing.allDay || timing.floating ? utcFromWall(newStart) - utcFromWall(recurrence) : instantOf(newStart) - instantOf(recurrence);
      const length = newEnd ? (timing.allDay || timing.floating ? utcFromWall(newEnd) - utcFromWall(newStart) : instantOf(newEnd) - instantOf(newStart)) : undefined;
      return { key, override, shift, length };
    })
    .sort((a, b) => a.key - b.key);
  const futureChangeFor = (key: number) => {
    let found: (typeof futureChanges)[number] | undefined;
    for (const change of futureChanges) if (change.key <= key) found = change;
    return found;
  };
  const writeShifted = (wall: WallTime, ms: number): string => {
    if (timing.allDay) return formatDate(wallFromUtc(utcFromWall(wall) + ms));
    if (timing.floating) return formatWallTime(wallFromUtc(utcFromWall(wall) + ms));
    return new Date(instantOf(wall) + ms).toISOString();
  };

  const seen = new Set<number>();
  const consider = (wall: WallTime, epoch?: number): boolean => {
    const key = wallKey(wall);
    if (seen.has(key)) return true;
    seen.add(key);
    if (exdates.has(key) || overrides.has(key)) return true;
    const change = futureChanges.length > 0 ? futureChangeFor(key) : undefined;
    if (change) {
      const { recurrenceId: _recurrenceId, range: _range, start: _start, end: _end, ...texts } = change.override;
      const start = writeShifted(wall, change.shift);
      const derived: Override = { ...texts, start };
      if (change.length !== undefined) derived.end = writeShifted(wall, change.shift + change.length);
      emit({ wall, override: derived });
    } else emit(epoch === undefined ? { wall } : { wall, epoch });
    if (emitted >= context.perEventLimit) {
      truncated = true;
      return false;
    }
    return true;
  };

  const rruleText = typeof event.rrule === 'string' ? event.rrule.trim().replace(/^RRULE:/i, '') : '';
  // Nothing starting at or after `to` can overlap the range (allowing for occurrences shifted earlier).
  const earliestShift = Math.min(0, ...futureChanges.map((c) => c.shift));
  const latestShift = Math.max(0, ...futureChanges.map((c) => c.shift + (c.length ?? 0)));
  const latestStart = to - earliestShift;
  const earliestUseful = from - latestShift - (timing.allDay ? (timing.duration + 2) * DAY : timing.duration + 2 * DAY);

  // RDATEs and the start itself.
  const extra: WallTime[] = [timing.start];
  for (const value of Array.isArray(event.rdate) ? event.rdate : []) {
    const wall = readWall(value, timing);
    if (wall) extra.push(wall);
  }
  for (const wall of extra) {
    if (!consider(wall)) return true;
  }

  if (!rruleText) return truncated;
  const walk = { rule: rruleText, timing, clock, instantOf, earliestUseful, latestStart, maxIterations: context.maxIterations, budget: context.budget, consider };
  // Common rules are walked here; the others need ical.js.
  const walked = walkRule(walk);
  if (walked !== undefined) return walked || truncated;
  const recurrence = loadedRecurrence();
  // Without ical.js the rule cannot be followed; the caller should have loaded it (needsIcal, loadRecurrence).
  if (!recurrence) return true;
  return recurrence.followRule(walk) || truncated;
}

function compareWall(a: WallTime, b: WallTime): number {
  return utcFromWall(a) - utcFromWall(b);
}

function toEpoch(value: Date | string | number): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const parsed = parseTime(value);
  if (parsed?.kind === 'instant') return parsed.epoch;
  return Number.NaN;
}

/**
 * True when the catalog has events with a recurrence rule that rrule-walker.ts does not follow and ical.js,
 * which does, is not loaded yet.
 */
export function needsIcal(catalog: Catalog | undefined): boolean {
  if (loadedRecurrence()) return false;
  const items = Array.isArray(catalog?.items) ? catalog.items : [];
  return items.some((item) => {
    if (item?.type !== 'event' || typeof item.rrule !== 'string' || item.rrule.trim() === '') return false;
    const timing = eventTiming(item);
    return timing !== undefined && !canWalkRule(item.rrule.trim().replace(/^RRULE:/i, ''), timing.start);
  });
}

/**
 * Every occurrence of the catalog's events that overlaps [from, to), sorted by start. Occurrences that
 * started before `from` and are still going on are included; cancelled occurrences are included and marked.
 */
export function expandOccurrences(catalog: Catalog, from: Date, to: Date, options: ExpandOptions = {}): ExpandResult {
  const fromMs = toEpoch(from);
  let toMs = toEpoch(to);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs <= fromMs) return { occurrences: [], truncated: false };
  const limit = Math.max(1, Math.floor(options.limit ?? 10_000));
  const maxIterations = Math.max(1, Math.floor(options.maxIterations ?? 50_000));
  const viewerZone = options.timeZone && zoneClock(options.timeZone) ? options.timeZone : undefined;
  const fallbackZone = localTimeZone();
  const items = Array.isArray(catalog?.items) ? catalog.items : [];
  const budget = { left: maxIterations * TOTAL_ITERATION_FACTOR };
  let truncated = false;

  const collected: Occurrence[] = [];
  const sort = (list: Occurrence[]) =>
    list.sort((a, b) => a.startDate.getTime() - b.startDate.getTime() || Number(b.allDay) - Number(a.allDay) || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));

  for (const item of items) {
    if (!item || typeof item !== 'object' || item.type !== 'event') continue;
    if (budget.left <= 0) {
      truncated = true;
      break;
    }
    try {
      if (expandEvent(item as CatalogEvent, fromMs, toMs, { viewerZone, fallbackZone, maxIterations, perEventLimit: limit, budget }, collected)) truncated = true;
    } catch {
      // One broken event must not hide the others.
    }
    // Keep memory bounded: once well over the limit, keep the earliest and stop looking past them.
    if (collected.length > 2 * limit) {
      sort(collected);
      collected.length = limit;
      truncated = true;
      toMs = Math.min(toMs, collected[limit - 1]!.startDate.getTime() + 1);
    }
  }
  sort(collected);
  if (collected.length > limit) {
    collected.length = limit;
    truncated = true;
  }
  return { occurrences: collected, truncated };
}

