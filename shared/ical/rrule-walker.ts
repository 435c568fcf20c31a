/**
 * A small RRULE walker of our own for the rules calendars actually use (FREQ DAILY to YEARLY with INTERVAL,
 * COUNT, UNTIL, BYDAY with ordinals, BYMONTHDAY, BYMONTH, BYSETPOS, WKST), so a page whose calendar repeats
 * events need not download ical.js (about 23 kB). Rules it does not read (BYYEARDAY, BYWEEKNO, BYHOUR and
 * smaller, sub-daily frequencies, odd combinations) are left to ical.js (recurrence.ts). It walks the wall
 * clock of the event's zone, like recurrence.ts, and skips dates that do not exist (31 April, 29 February in
 * a common year), as RFC 5545 asks.
 */
import type { RuleWalk } from './recurrence.ts';
import type { WallTime } from './time.ts';
import { utcFromWall, wallFromUtc } from './time.ts';

const DAY = 86_400_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;

/** A rule the walker reads; weekdays run 0 (Sunday) to 6. */
export interface WalkableRule {
  freq: (typeof FREQS)[number];
  interval: number;
  count?: number;
  /** UNTIL as written: its wall time and whether it is a date, a UTC time or a local time. */
  until?: { wall: WallTime; kind: 'date' | 'utc' | 'local' };
  /** [ordinal (0: every), weekday] pairs. */
  byDay: Array<[number, number]>;
  byMonthDay: number[];
  byMonth: number[];
  bySetPos: number[];
  wkst: number;
}

/** Integers written plainly, each within [min, max] and not zero; undefined otherwise. */
function integers(value: string, min: number, max: number): number[] | undefined {
  const list = value.split(',').map((item) => (/^[+-]?\d{1,4}$/.test(item) ? Number(item) : Number.NaN));
  return list.every((item) => item >= min && item <= max && item !== 0) ? list : undefined;
}

function readUntil(value: string): WalkableRule['until'] {
  const match = /^(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)(Z?))?$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const wall = { year: year!, month: month!, day: day!, hour, minute, second };
  // Only real dates and times: anything else goes to ical.js, which has its own reading of them.
  const back = wallFromUtc(utcFromWall(wall));
  if (month! < 1 || month! > 12 || back.day !== day || back.month !== month || hour > 23 || minute > 59 || second > 59) return undefined;
  return { wall, kind: match[4] === undefined ? 'date' : match[7] ? 'utc' : 'local' };
}

/** The rule when the walker can follow it, else undefined (then ical.js does). */
export function readWalkableRule(text: string): WalkableRule | undefined {
  const rule: WalkableRule = { freq: 'DAILY', interval: 1, byDay: [], byMonthDay: [], byMonth: [], bySetPos: [], wkst: 1 };
  const seen = new Set<string>();
  for (const part of text.toUpperCase().split(';')) {
    if (part === '') continue;
    const [name = '', value = '', ...rest] = part.split('=');
    if (rest.length > 0 || value === '' || seen.has(name)) return undefined;
    seen.add(name);
    let numbers: number[] | undefined;
    switch (name) {
      case 'FREQ': {
        const freq = FREQS.find((candidate) => candidate === value);
        if (!freq) return undefined;
        rule.freq = freq;
        break;
      }
      case 'INTERVAL':
      case 'COUNT':
        numbers = integers(value, 1, 9999);
        if (numbers?.length !== 1) return undefined;
        if (name === 'INTERVAL') rule.interval = numbers[0]!;
        else rule.count = numbers[0]!;
        break;
      case 'UNTIL':
        rule.until = readUntil(value);
        if (!rule.until) return undefined;
        break;
      case 'WKST':
        rule.wkst = WEEKDAYS.indexOf(value);
        if (rule.wkst < 0) return undefined;
        break;
      case 'BYDAY':
        for (const item of value.split(',')) {
          const match = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(item);
          const ordinal = match?.[1] ? Number(match[1]) : 0;
          if (!match || Math.abs(ordinal) > 53 || (match[1] && ordinal === 0)) return undefined;
          rule.byDay.push([ordinal, WEEKDAYS.indexOf(match[2]!)]);
        }
        break;
      case 'BYMONTHDAY':
        numbers = integers(value, -31, 31);
        if (!numbers) return undefined;
        rule.byMonthDay = numbers;
        break;
      case 'BYMONTH':
        numbers = integers(value, 1, 12);
        if (!numbers) return undefined;
        rule.byMonth = numbers;
        break;
      case 'BYSETPOS':
        numbers = integers(value, -366, 366);
        if (!numbers) return undefined;
        rule.bySetPos = numbers;
        break;
      default:
        return undefined;
    }
  }
  if (!seen.has('FREQ') || (rule.count && rule.until)) return undefined;
  const ordinals = rule.byDay.some(([ordinal]) => ordinal !== 0);
  // Ordinal weekdays belong to MONTHLY and YEARLY rules; month days do not belong to WEEKLY ones (RFC 5545).
  if (ordinals && (rule.freq === 'DAILY' || rule.freq === 'WEEKLY')) return undefined;
  if (rule.byMonthDay.length > 0 && rule.freq === 'WEEKLY') return undefined;
  // Rare rules that ical.js reads its own way (a yearly rule with days but no month keeps DTSTART's month, a
  // daily one with month days misses some), or that need more than a list to pick from: ical.js follows them,
  // so every page gives the same answer. BYSETPOS is read for MONTHLY rules with plain weekdays ("the last workday").
  if (rule.freq === 'YEARLY' && rule.byMonth.length === 0 && (rule.byDay.length > 0 || rule.byMonthDay.length > 0)) return undefined;
  if (rule.freq === 'YEARLY' && rule.byMonthDay.some((day) => day < 0)) return undefined;
  if (rule.byMonth.length > 0 && rule.interval > 1 && rule.freq !== 'YEARLY') return undefined;
  if (rule.byMonth.some((month, index) => index > 0 && month <= rule.byMonth[index - 1]!)) return undefined;
  if ((rule.freq === 'DAILY' || rule.byDay.length > 0) && rule.byMonthDay.length > 0) return undefined;
  if (rule.bySetPos.length > 0 && (rule.freq !== 'MONTHLY' || rule.byDay.length === 0 || ordinals)) return undefined;
  return rule;
}

const dayNumber = (year: number, month: number, day: number) => Math.round(utcFromWall({ year, month, day, hour: 0, minute: 0, second: 0 }) / DAY);
const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;
const monthLength = (year: number, month: number) => new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 1 : 0);

/** The days (day numbers, sorted) of one month that the rule's BYMONTHDAY and BYDAY allow. */
function daysOfMonth(rule: WalkableRule, year: number, month: number, startDay: number): number[] {
  const length = monthLength(year, month);
  const first = dayNumber(year, month, 1);
  let days: number[];
  if (rule.byMonthDay.length > 0) days = rule.byMonthDay.map((day) => (day > 0 ? day : length + day + 1));
  else if (rule.byDay.length > 0) days = Array.from({ length }, (_, index) => index + 1);
  else days = [startDay];
  days = days.filter((day) => day >= 1 && day <= length);
  if (rule.byDay.length > 0) {
    days = days.filter((day) =>
      rule.byDay.some(([ordinal, weekday]) => weekdayOf(first + day - 1) === weekday && (ordinal === 0 || (ordinal > 0 ? Math.ceil(day / 7) === ordinal : Math.ceil((length - day + 1) / 7) === -ordinal))),
    );
  }
  return [...new Set(days)].sort((a, b) => a - b).map((day) => first + day - 1);
}

/** The days of period `index` of the rule (after BYSETPOS), and the first day that period could hold. */
function periods(rule: WalkableRule, start: WallTime): (index: number) => [number[], number] {
  const startDay = dayNumber(start.year, start.month, start.day);
  const weekStart = startDay - ((weekdayOf(startDay) - rule.wkst + 7) % 7);
  const monthIndex = start.year * 12 + start.month - 1;
  const period = (index: number): [number[], number] => {
    const step = index * rule.interval;
    if (rule.freq === 'DAILY') {
      const day = startDay + step;
      const fits =
        (rule.byMonth.length === 0 || rule.byMonth.includes(wallFromUtc(day * DAY).month)) &&
        (rule.byDay.length === 0 || rule.byDay.some(([, weekday]) => weekday === weekdayOf(day)));
      return [fits ? [day] : [], day];
    }
    if (rule.freq === 'WEEKLY') {
      const first = weekStart + step * 7;
      const weekdays = rule.byDay.length > 0 ? rule.byDay.map(([, weekday]) => weekday) : [weekdayOf(startDay)];
      const days = [...new Set(weekdays.map((weekday) => first + ((weekday - rule.wkst + 7) % 7)))]
        .sort((a, b) => a - b)
        .filter((day) => rule.byMonth.length === 0 || rule.byMonth.includes(wallFromUtc(day * DAY).month));
      return [days, first];
    }
    if (rule.freq === 'MONTHLY') {
      const index12 = monthIndex + step;
      const year = Math.floor(index12 / 12);
      const month = (index12 % 12) + 1;
      const days = rule.byMonth.length === 0 || rule.byMonth.includes(month) ? daysOfMonth(rule, year, month, start.day) : [];
      return [days, dayNumber(year, month, 1)];
    }
    const year = start.year + step;
    const months = rule.byMonth.length > 0 ? [...new Set(rule.byMonth)].sort((a, b) => a - b) : rule.byMonthDay.length > 0 || rule.byDay.length > 0 ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [start.month];
    return [months.flatMap((month) => daysOfMonth(rule, year, month, start.day)), dayNumber(year, 1, 1)];
  };
  return (index) => {
    const [days, first] = period(index);
    if (rule.bySetPos.length === 0) return [days, first];
    return [[...new Set(rule.bySetPos.map((position) => days[position > 0 ? position - 1 : days.length + position]))].filter((day) => day !== undefined).sort((a, b) => a - b), first];
  };
}

/** True when DTSTART is the rule's own first date, so the walker can follow it (see walkRule). */
function startsOnRule(rule: WalkableRule, start: WallTime): boolean {
  return periods(rule, start)(0)[0].includes(dayNumber(start.year, start.month, start.day));
}

/** True when the walker follows this rule (RRULE text without `RRULE:`) from this start; else ical.js must. */
export function canWalkRule(text: string, start: WallTime): boolean {
  const rule = readWalkableRule(text);
  return rule !== undefined && startsOnRule(rule, start);
}

/**
 * Follows the rule like recurrence.ts's followRule: true when a bound stopped the walk, false when it ran to
 * its end, undefined when the walker does not read this rule (then ical.js must).
 */
export function walkRule({ rule: text, timing, clock, instantOf, earliestUseful, latestStart, maxIterations, budget, consider }: RuleWalk): boolean | undefined {
  const rule = readWalkableRule(text);
  const start = timing.start;
  // A DTSTART the rule itself does not give (RFC 5545: it SHOULD): ical.js has its own ways there (it counts
  // DTSTART for COUNT or not, and may skip the first period), so it keeps following such rules.
  if (!rule || !startsOnRule(rule, start)) return undefined;
  const time = timing.allDay ? { hour: 0, minute: 0, second: 0 } : { hour: start.hour, minute: start.minute, second: start.second };
  const startDay = dayNumber(start.year, start.month, start.day);

  // UNTIL on the event's wall clock, as recurrence.ts reads it.
  let untilKey = Number.POSITIVE_INFINITY;
  const until = rule.until;
  if (until) {
    let wall = until.wall;
    if (timing.allDay) wall = { ...wall, hour: 0, minute: 0, second: 0 };
    else if (until.kind === 'date') wall = { ...wall, hour: 23, minute: 59, second: 59 };
    else if (until.kind === 'utc' && !timing.floating) wall = clock.wallAt(utcFromWall(wall));
    untilKey = utcFromWall(wall);
  }
  const untilDay = Math.floor(untilKey / DAY);
  const latest = clock.wallAt(latestStart);
  const lastDay = Math.min(untilDay, dayNumber(latest.year, latest.month, latest.day) + 1);

  // Without COUNT, periods that end long before the range can be skipped (their length is at most this).
  let index = 0;
  if (!rule.count) {
    const earliest = clock.wallAt(earliestUseful);
    const longest = { DAILY: 1, WEEKLY: 7, MONTHLY: 31, YEARLY: 366 }[rule.freq] * rule.interval;
    index = Math.max(0, Math.floor((dayNumber(earliest.year, earliest.month, earliest.day) - startDay) / longest) - 2);
  }

  const period = periods(rule, start);
  let steps = 0;
  let counted = 0;
  for (; ; index++) {
    const [days, first] = period(index);
    if (first > lastDay) return false;
    steps += 1 + days.length;
    budget.left -= 1 + days.length;
    if (steps > maxIterations || budget.left < 0) return true;
    for (const day of days) {
      if (day < startDay) continue;
      const wall = { ...wallFromUtc(day * DAY), ...time };
      if (utcFromWall(wall) > untilKey) return false;
      const epoch = instantOf(wall);
      if (epoch >= latestStart) return false;
      if (rule.count && ++counted > rule.count) return false;
      if (!consider(wall, epoch)) return true;
    }
  }
}
