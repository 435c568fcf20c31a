/**
 * VTIMEZONE components generated from the runtime's `Intl` time-zone data, so an exported calendar carries
 * the rules its times need (RFC 5545 §3.6.5) without a bundled database.
 *
 * For the years a calendar spans, every offset change becomes an observance. Where the changes follow a
 * yearly weekday rule (last Sunday of March, second Sunday of March, …) the run of years that follows it,
 * up to the last year, is written as one STANDARD and one DAYLIGHT observance with an open-ended RRULE, so
 * clients also get times after the last year right. Other years are written out one change at a time.
 */
import { icsDateTime, icsUtcOffset } from './text.ts';
import { isValidTimeZone, transitionsBetween, utcFromWall, wallFromUtc, offsetAt, type OffsetTransition } from './time.ts';

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

interface YearlyRule {
  month: number;
  /** 1–4 for "nth weekday", -1 for "last weekday". */
  week: number;
  weekday: number;
  /** Local time of the change (in the offset before it), seconds since midnight. */
  timeOfDay: number;
  offsetFrom: number;
  offsetTo: number;
}

function localWall(transition: OffsetTransition) {
  return wallFromUtc(transition.at + transition.offsetFrom);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function candidateRules(transition: OffsetTransition): YearlyRule[] {
  const wall = localWall(transition);
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  const timeOfDay = wall.hour * 3600 + wall.minute * 60 + wall.second;
  const base = { month: wall.month, weekday, timeOfDay, offsetFrom: transition.offsetFrom, offsetTo: transition.offsetTo };
  const rules: YearlyRule[] = [];
  const nth = Math.ceil(wall.day / 7);
  if (nth <= 4) rules.push({ ...base, week: nth });
  if (wall.day + 7 > daysInMonth(wall.year, wall.month)) rules.push({ ...base, week: -1 });
  return rules;
}

function matchesRule(rule: YearlyRule, transition: OffsetTransition): boolean {
  if (rule.offsetFrom !== transition.offsetFrom || rule.offsetTo !== transition.offsetTo) return false;
  return candidateRules(transition).some(
    (other) => other.month === rule.month && other.week === rule.week && other.weekday === rule.weekday && other.timeOfDay === rule.timeOfDay,
  );
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', transition: OffsetTransition, rrule?: string): string[] {
  const lines = [
    `BEGIN:${kind}`,
    `DTSTART:${icsDateTime(localWall(transition))}`,
    `TZOFFSETFROM:${icsUtcOffset(transition.offsetFrom)}`,
    `TZOFFSETTO:${icsUtcOffset(transition.offsetTo)}`,
  ];
  if (rrule) lines.push(`RRULE:${rrule}`);
  lines.push(`END:${kind}`);
  return lines;
}

function kindOf(transition: OffsetTransition): 'STANDARD' | 'DAYLIGHT' {
  return transition.offsetTo > transition.offsetFrom ? 'DAYLIGHT' : 'STANDARD';
}

function ruleText(rule: YearlyRule): string {
  return `FREQ=YEARLY;BYMONTH=${rule.month};BYDAY=${rule.week}${WEEKDAYS[rule.weekday]}`;
}

/**
 * The content lines (unfolded, without line ends) of a VTIMEZONE for `zone` covering `firstYear` to
 * `lastYear`. Returns an empty list for UTC-like or unknown zones, which need no VTIMEZONE.
 */
export function vtimezoneLines(zone: string, firstYear: number, lastYear: number): string[] {
  if (!isValidTimeZone(zone)) return [];
  const from = Math.max(1800, Math.min(firstYear, lastYear) - 1);
  const to = Math.max(from, Math.min(lastYear, from + 200));
  const start = utcFromWall({ year: from, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
  const end = utcFromWall({ year: to + 1, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
  const transitions = transitionsBetween(zone, start, end);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, `X-LIC-LOCATION:${zone}`];

  if (transitions.length === 0) {
    const offset = offsetAt(zone, start);
    lines.push(...observance('STANDARD', { at: start - offset, offsetFrom: offset, offsetTo: offset }));
    lines.push('END:VTIMEZONE');
    return lines;
  }

  // Group the changes by local year, then look for a run of years at the end that follows one pair of rules.
  const byYear = new Map<number, OffsetTransition[]>();
  for (const transition of transitions) {
    const year = localWall(transition).year;
    const list = byYear.get(year) ?? [];
    list.push(transition);
    byYear.set(year, list);
  }
  const lastTransitionYear = localWall(transitions[transitions.length - 1]!).year;
  const finalYear = byYear.get(lastTransitionYear) ?? [];
  let rules: YearlyRule[] | undefined;
  let runStart = lastTransitionYear + 1;
  if (finalYear.length === 2 && lastTransitionYear >= to - 1) {
    const [first, second] = finalYear as [OffsetTransition, OffsetTransition];
    let best = { length: 0, rules: [] as YearlyRule[] };
    for (const a of candidateRules(first)) {
      for (const b of candidateRules(second)) {
        let year = lastTransitionYear;
        while (year >= from) {
          const list = byYear.get(year);
          if (!list || list.length !== 2 || !matchesRule(a, list[0]!) || !matchesRule(b, list[1]!)) break;
          year--;
        }
        const length = lastTransitionYear - year;
        if (length > best.length) best = { length, rules: [a, b] };
      }
    }
    // One year alone is no evidence of a rule; the zone may simply stop changing.
    if (best.length >= 2) {
      rules = best.rules;
      runStart = lastTransitionYear - best.length + 1;
    }
  }

  for (const transition of transitions) {
    if (rules && localWall(transition).year >= runStart) continue;
    lines.push(...observance(kindOf(transition), transition));
  }
  if (rules) {
    for (const [index, rule] of rules.entries()) {
      const first = byYear.get(runStart)![index]!;
      lines.push(...observance(kindOf(first), first, ruleText(rule)));
    }
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
