/**
 * Following one RRULE with ical.js's RecurIterator, on the wall clock of the event's zone, for expand.ts. This
 * module carries ical.js (statically imported), so browsers load both together, and only for calendars with
 * rules (ical-loader.ts); Node code provides it up front (occurrences.ts).
 */
import ICAL from 'ical.js';
import type { Clock, EventTiming } from './event-time.ts';
import { addDays, type WallTime } from './time.ts';

export { ICAL };

const DAY = 86_400_000;

class IterationBudgetExceeded extends Error {}

function toIcalTime(wall: WallTime, isDate: boolean): InstanceType<typeof ICAL.Time> {
  return ICAL.Time.fromData({ year: wall.year, month: wall.month, day: wall.day, hour: isDate ? 0 : wall.hour, minute: isDate ? 0 : wall.minute, second: isDate ? 0 : wall.second, isDate });
}

function fromIcalTime(time: InstanceType<typeof ICAL.Time>): WallTime {
  return { year: time.year, month: time.month, day: time.day, hour: time.isDate ? 0 : time.hour, minute: time.isDate ? 0 : time.minute, second: time.isDate ? 0 : time.second };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * ical.js sometimes lets an impossible date roll over (29 February in a common year becomes 1 March, 30
 * February becomes 2 March); RFC 5545 says such dates are skipped. This re-checks the month and day the rule
 * asks for, explicitly (BYMONTH, BYMONTHDAY) or implicitly (the day of DTSTART).
 */
function satisfiesRule(wall: WallTime, recur: InstanceType<typeof ICAL.Recur>, dtstart: WallTime): boolean {
  const parts = recur.parts as Record<string, number[] | string[] | undefined>;
  const has = (name: string) => (parts[name]?.length ?? 0) > 0;
  const months = parts.BYMONTH as number[] | undefined;
  if (months && months.length > 0 && !months.includes(wall.month)) return false;
  const monthDays = parts.BYMONTHDAY as number[] | undefined;
  if (monthDays && monthDays.length > 0) {
    const length = daysInMonth(wall.year, wall.month);
    if (!monthDays.some((day) => (day > 0 ? day === wall.day : length + day + 1 === wall.day))) return false;
  }
  const dayImplied = !has('BYMONTHDAY') && !has('BYDAY') && !has('BYYEARDAY') && !has('BYWEEKNO');
  if (recur.freq === 'YEARLY' && dayImplied) {
    if (wall.day !== dtstart.day) return false;
    if (!has('BYMONTH') && wall.month !== dtstart.month) return false;
  }
  if (recur.freq === 'MONTHLY' && dayImplied && wall.day !== dtstart.day) return false;
  return true;
}

/** Period in days of rules that can safely start later (DAILY and WEEKLY without COUNT or BYSETPOS). */
function skippablePeriodDays(recur: InstanceType<typeof ICAL.Recur>): number | undefined {
  if (recur.count) return undefined;
  const parts = recur.parts as Record<string, unknown>;
  if (parts.BYSETPOS || parts.BYWEEKNO || parts.BYYEARDAY) return undefined;
  const interval = recur.interval || 1;
  if (recur.freq === 'DAILY') return interval;
  if (recur.freq === 'WEEKLY') return 7 * interval;
  return undefined;
}

/** One rule to follow, with what expand.ts knows about the event and the range. */
export interface RuleWalk {
  /** The RRULE text (without `RRULE:`). */
  rule: string;
  timing: Pick<EventTiming, 'allDay' | 'floating' | 'start'>;
  /** The clock recurrence runs on. */
  clock: Clock;
  /** The instant of a wall time on that clock. */
  instantOf: (wall: WallTime) => number;
  /** Occurrences starting before this cannot reach the range (daily and weekly rules may skip ahead to it). */
  earliestUseful: number;
  /** Occurrences starting at or after this cannot reach the range: the walk stops there. */
  latestStart: number;
  maxIterations: number;
  budget: { left: number };
  /** Takes one occurrence; false stops the walk (a limit was reached). */
  consider: (wall: WallTime, epoch: number) => boolean;
}

/** Walks the rule's occurrences in order; true when a bound (limit, iteration cap) stopped it. */
export function followRule({ rule, timing, clock, instantOf, earliestUseful, latestStart, maxIterations, budget, consider }: RuleWalk): boolean {
  let recur: InstanceType<typeof ICAL.Recur>;
  try {
    recur = ICAL.Recur.fromString(rule);
    if (!recur.freq) return false;
    // A yearly rule from 29 February: ical.js rolls common years over to 1 March (and counts them); with the
    // month and day spelt out it skips them, as RFC 5545 wants.
    const parts = recur.parts as Record<string, unknown[] | undefined>;
    if (recur.freq === 'YEARLY' && timing.start.month === 2 && timing.start.day === 29 && !parts.BYMONTH && !parts.BYMONTHDAY && !parts.BYDAY && !parts.BYYEARDAY && !parts.BYWEEKNO) {
      recur.parts.BYMONTH = [2];
      recur.parts.BYMONTHDAY = [29];
    }
  } catch {
    return false;
  }

  // UNTIL in UTC (as RFC 5545 asks for zoned starts) is compared on the event's wall clock.
  if (recur.until) {
    const until = recur.until;
    if (timing.allDay) {
      // Dates have no zone; a date-time UNTIL (invalid here, but common) counts by the date it names.
      recur.until = toIcalTime(fromIcalTime(until), true);
    } else if (until.isDate) {
      // A date UNTIL for a date-time start: the whole of that day still counts.
      recur.until = toIcalTime({ ...fromIcalTime(until), hour: 23, minute: 59, second: 59 }, false);
    } else if (until.zone === ICAL.Timezone.utcTimezone) {
      recur.until = toIcalTime(timing.floating ? fromIcalTime(until) : clock.wallAt(until.toUnixTime() * 1000), false);
    } else {
      recur.until = toIcalTime(fromIcalTime(until), false);
    }
  }

  // Long-running daily and weekly rules start close to the range instead of at their first date.
  let start = timing.start;
  const period = skippablePeriodDays(recur);
  if (period) {
    const gapDays = Math.floor((earliestUseful - instantOf(start)) / DAY) - period;
    if (gapDays > period) {
      const periods = Math.floor(gapDays / period);
      start = addDays(start, periods * period);
    }
  }

  let iterator: InstanceType<typeof ICAL.RecurIterator>;
  let steps = 0;
  try {
    iterator = recur.iterator(toIcalTime(start, timing.allDay));
    // ical.js can loop without end inside one step on a rule no date satisfies; count its inner steps.
    const check = iterator.check_contracting_rules.bind(iterator);
    iterator.check_contracting_rules = () => {
      steps++;
      budget.left--;
      if (steps > maxIterations || budget.left < 0) throw new IterationBudgetExceeded();
      return check();
    };
  } catch {
    return false;
  }

  try {
    for (;;) {
      const next = iterator.next();
      if (!next) break;
      steps++;
      if (steps > maxIterations) throw new IterationBudgetExceeded();
      const wall = fromIcalTime(next);
      if (!satisfiesRule(wall, recur, timing.start)) continue;
      const epoch = instantOf(wall);
      if (epoch >= latestStart) break;
      if (!consider(wall, epoch)) return true;
    }
  } catch (error) {
    if (error instanceof IterationBudgetExceeded) return true;
    // Any other failure inside ical.js: keep what was found so far.
  }
  return false;
}
