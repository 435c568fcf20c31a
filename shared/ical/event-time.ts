/**
 * How a catalog event's times are read, shared by the iCalendar writer and the occurrence expansion.
 *
 * - All-day events have dates (`YYYY-MM-DD`) for `start`, `end`, `exdate`, `rdate`; `end` is the day after
 *   the last day (exclusive, as iCalendar's DTEND), so a single day needs no `end`.
 * - Timed events have date-times with offset and an IANA `timeZone`; the instant is what the string says,
 *   and recurrence runs on the wall clock of `timeZone`.
 * - Floating events (iCalendar local times without a zone, "10:00 wherever you are") have
 *   `timeZone: "floating"` and date-times without offset (`2024-03-31T10:00:00`), read in the viewer's zone.
 */
import type { CatalogEvent } from '../catalog/types.ts';
import { formatOffset, isValidTimeZone, offsetAt, parseTime, utcFromWall, wallFromUtc, wallTimeAt, wallTimeToEpoch, type WallTime } from './time.ts';

/** A way to turn wall times into instants and back: an IANA zone, or a fixed offset. */
export interface Clock {
  /** IANA name, or `±HH:MM` for a fixed offset. */
  name: string;
  offsetAt(epoch: number): number;
  toEpoch(wall: WallTime): number;
  wallAt(epoch: number): WallTime;
}

const clocks = new Map<string, Clock>();

/** A clock for an IANA zone (undefined for unknown zones). */
export function zoneClock(zone: string): Clock | undefined {
  const cached = clocks.get(zone);
  if (cached) return cached;
  if (!isValidTimeZone(zone)) return undefined;
  const clock: Clock = {
    name: zone,
    offsetAt: (epoch) => offsetAt(zone, epoch),
    toEpoch: (wall) => wallTimeToEpoch(zone, wall),
    wallAt: (epoch) => wallTimeAt(zone, epoch),
  };
  if (clocks.size > 500) clocks.clear();
  clocks.set(zone, clock);
  return clock;
}

/** A clock with one fixed offset (ms east of UTC). */
export function fixedClock(offset: number): Clock {
  return {
    name: offset === 0 ? 'UTC' : formatOffset(offset),
    offsetAt: () => offset,
    toEpoch: (wall) => utcFromWall(wall) - offset,
    wallAt: (epoch) => wallFromUtc(epoch + offset),
  };
}

/** The `timeZone` value of floating events. */
export const FLOATING = 'floating';

/** True when the event is floating (local time wherever the viewer is). */
export function isFloating(event: { timeZone?: unknown }): boolean {
  return event.timeZone === FLOATING;
}

export interface EventTiming {
  allDay: boolean;
  floating: boolean;
  /** The event's own clock (its zone, or its start's fixed offset when the zone is unknown); UTC for floating. */
  clock: Clock;
  /** Whether `clock` is a real IANA zone (written with TZID) rather than UTC or a fixed offset. */
  zoned: boolean;
  /** Start as a wall time on `clock` (for all-day events, the date at midnight). */
  start: WallTime;
  /** For timed events: the length in ms. For all-day events: the number of days (at least 1). */
  duration: number;
}

/** Reads one time value of an event (start, exdate, rdate, recurrence id) as a wall time on the event's clock. */
export function readWall(value: unknown, timing: Pick<EventTiming, 'allDay' | 'floating' | 'clock'>): WallTime | undefined {
  const parsed = parseTime(value);
  if (!parsed) return undefined;
  if (timing.allDay || parsed.kind === 'date') return { ...parsed.wall, hour: 0, minute: 0, second: 0 };
  if (timing.floating || parsed.kind === 'local') return parsed.wall;
  return timing.clock.wallAt(parsed.epoch);
}

/** How to read an event's times, or undefined when its start cannot be read. */
export function eventTiming(event: CatalogEvent): EventTiming | undefined {
  const start = parseTime(event.start);
  if (!start) return undefined;
  const floating = isFloating(event);
  if (start.kind === 'date') {
    const end = parseTime(event.end);
    let days = 1;
    if (end) {
      const endDay = utcFromWall({ ...end.wall, hour: 0, minute: 0, second: 0 });
      days = Math.max(1, Math.round((endDay - utcFromWall(start.wall)) / 86_400_000));
    }
    const clock = (typeof event.timeZone === 'string' && zoneClock(event.timeZone)) || fixedClock(0);
    return { allDay: true, floating, clock, zoned: false, start: start.wall, duration: days };
  }
  const zone = typeof event.timeZone === 'string' ? zoneClock(event.timeZone) : undefined;
  let clock: Clock;
  let zoned = false;
  if (floating || start.kind === 'local') clock = fixedClock(0);
  else if (zone) {
    clock = zone;
    zoned = !/^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(zone.name);
  } else clock = fixedClock(start.offset);
  const wall = floating || start.kind === 'local' ? start.wall : clock.wallAt(start.epoch);
  const startEpoch = clock.toEpoch(wall);
  let duration = 0;
  const end = parseTime(event.end);
  if (end) {
    const endEpoch = end.kind === 'date' ? clock.toEpoch(end.wall) : floating || end.kind === 'local' ? utcFromWall(end.wall) : end.epoch;
    duration = Math.max(0, endEpoch - startEpoch);
  }
  return { allDay: false, floating: floating || start.kind === 'local', clock, zoned, start: wall, duration };
}
