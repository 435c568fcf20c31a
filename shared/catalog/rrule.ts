/**
 * RRULE syntax check (RFC 5545 §3.3.10). Expansion uses ical.js, which is lenient and silently ignores
 * parts it does not understand; an editor needs to hear about a typo instead, so the catalog validator
 * checks the text strictly here.
 */

import { msg } from './message-key.ts';

const FREQUENCIES = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const WEEKDAY = '(SU|MO|TU|WE|TH|FR|SA)';

function intList(min: number, max: number, signed: boolean) {
  return (value: string) =>
    value.split(',').every((part) => {
      if (!/^[+-]?\d{1,3}$/.test(part)) return false;
      if (!signed && /^[+-]/.test(part)) return false;
      const n = Math.abs(Number(part));
      return n >= min && n <= max && (signed ? Number(part) !== 0 : true);
    });
}

const PART_CHECKS: Record<string, { check: (value: string) => boolean; expect: string }> = {
  FREQ: { check: (v) => FREQUENCIES.includes(v), expect: `one of ${FREQUENCIES.join(', ')}` },
  UNTIL: { check: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v), expect: 'a date (20241231) or date-time (20241231T235959Z)' },
  COUNT: { check: (v) => /^\d{1,6}$/.test(v) && Number(v) > 0, expect: 'a positive whole number' },
  INTERVAL: { check: (v) => /^\d{1,6}$/.test(v) && Number(v) > 0, expect: 'a positive whole number' },
  BYSECOND: { check: intList(0, 60, false), expect: 'numbers 0–60' },
  BYMINUTE: { check: intList(0, 59, false), expect: 'numbers 0–59' },
  BYHOUR: { check: intList(0, 23, false), expect: 'numbers 0–23' },
  BYDAY: {
    check: (v) => v.split(',').every((d) => new RegExp(`^([+-]?([1-9]|[1-4]\\d|5[0-3]))?${WEEKDAY}$`).test(d)),
    expect: 'weekdays such as MO,WE or 1TU, -1FR',
  },
  BYMONTHDAY: { check: intList(1, 31, true), expect: 'days of the month 1–31 or -31–-1' },
  BYYEARDAY: { check: intList(1, 366, true), expect: 'days of the year 1–366 or -366–-1' },
  BYWEEKNO: { check: intList(1, 53, true), expect: 'week numbers 1–53 or -53–-1' },
  BYMONTH: { check: intList(1, 12, false), expect: 'months 1–12' },
  BYSETPOS: { check: intList(1, 366, true), expect: 'positions 1–366 or -366–-1' },
  WKST: { check: (v) => new RegExp(`^${WEEKDAY}$`).test(v), expect: 'a weekday such as MO' },
};

/**
 * Returns the problems with an RRULE text as message keys (see message-key.ts; `expandMessage` or the
 * public `checkRrule` of the catalog module give sentences); an empty list when it is valid.
 */
export function checkRrule(text: string): string[] {
  const problems: string[] = [];
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) return [msg('rruleEmpty')];
  const seen = new Set<string>();
  for (const part of body.split(';')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq <= 0) {
      problems.push(msg('rrulePart', part));
      continue;
    }
    const name = part.slice(0, eq).toUpperCase();
    const value = part.slice(eq + 1).toUpperCase();
    const rule = PART_CHECKS[name];
    if (!rule) {
      if (!name.startsWith('X-')) problems.push(msg('rruleUnknown', name));
      continue;
    }
    if (seen.has(name)) problems.push(msg('rruleTwice', name));
    seen.add(name);
    if (!rule.check(value)) problems.push(msg('rruleValue', name, value, rule.expect));
  }
  if (!seen.has('FREQ')) problems.push(msg('rruleFreq'));
  if (seen.has('UNTIL') && seen.has('COUNT')) problems.push(msg('rruleUntilCount'));
  return problems;
}
