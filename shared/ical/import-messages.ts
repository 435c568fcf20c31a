/**
 * The sentences of the iCalendar reader's problems (content-lines.ts and import-core.ts write keys, see
 * catalog/message-key.ts). Browsers load this only for a calendar that has problems; a calendar that reads
 * cleanly never needs the words.
 */
import { expandWith } from '../catalog/message-key.ts';
import { SENTENCES } from '../catalog/messages.ts';
import type { CatalogProblem } from '../catalog/types.ts';

const q = (value: string) => `"${value}"`;

export const ICALENDAR_SENTENCES: Record<string, (...values: string[]) => string> = {
  // content-lines.ts
  notLine: (text) => `${q(text)} is not an iCalendar line (NAME:value); it was skipped`,
  beginNoName: (value) => `BEGIN:${value} does not name a component; it was skipped`,
  tooDeep: (name) => `${name} is nested too deeply (more than 10 levels); reading stopped here`,
  endMismatch: (value, open, line) => `END:${value} does not match BEGIN:${open} (line ${line}); it was read as END:${open}`,
  endUnmatched: (value) => `END:${value} has no matching BEGIN; it was ignored`,
  closedBy: (name, line, closer) => `${name} that starts here is never closed with END:${name} (closed at line ${line} by END:${closer})`,
  outside: (name) => `${name} appears outside any component (before BEGIN:VCALENDAR); it was skipped`,
  neverClosed: (name) => `${name} that starts here is never closed with END:${name}; the file may be cut off`,
  moreProblems: (count) => `${count} more problems were not listed`,
  // import-core.ts
  defect: (error) => `the calendar could not be read (${error})`,
  notText: () => 'the calendar is not text',
  emptyFile: () => 'the file is empty',
  html: () => 'this is a web page (HTML), not an iCalendar file; check the link, it may point to a login or error page',
  json: () => 'this is JSON, not an iCalendar file',
  noCalendar: () => 'this is not an iCalendar file: it has no BEGIN:VCALENDAR',
  tooMany: (max) => `the calendar has more than ${max} events; only the first ${max} were read`,
  xwrUnknown: (value) => `X-WR-TIMEZONE ${q(value)} is not a known time zone; it was ignored`,
  zoneNoMatch: (tzid) =>
    `the time zone ${q(tzid)} matches no known zone; its times are kept as exact moments (UTC), so repeating events may be an hour off after a daylight-saving change`,
  zoneUnknownAs: (tzid, zone) => `the time zone ${q(tzid)} is unknown and the calendar does not describe it; its times are read as ${zone} (the calendar's X-WR-TIMEZONE)`,
  zoneUnknown: (tzid) => `the time zone ${q(tzid)} is unknown and the calendar does not describe it; its times are read as local times (in the viewer's zone)`,
  noStart: (label) => `${label} has no DTSTART (start time); it was skipped`,
  badStart: (label, value) => `${label}: DTSTART ${q(value)} is not a date or date-time; the event was skipped`,
  badRecurrence: (label, value) => `${label}: RECURRENCE-ID ${q(value)} is not a date or date-time; the change was skipped`,
  badEnd: (label, value) => `${label}: DTEND ${q(value)} is not a date or date-time; the end was ignored`,
  endBeforeStart: (label) => `${label}: DTEND is before DTSTART; the end was ignored`,
  badDuration: (label, value) => `${label}: DURATION ${q(value)} is not a valid duration (such as PT1H or P1D); it was ignored`,
  badListValue: (label, name, value) => `${label}: ${name} value ${q(value)} is not a date or date-time; it was ignored`,
  tooManyValues: (label, max, name) => `${label} has more than ${max} ${name} values; the rest were ignored`,
  manyRules: (label, count) => `${label} has ${count} different RRULEs; only the first is used`,
  emptyRule: (label) => `${label} has an empty RRULE; it was ignored`,
  ruleUnread: (label, rule, error) => `${label}: RRULE ${q(rule)} could not be read (${error}); only the first occurrence is shown`,
  ruleHead: (label, rule) => `${label}: RRULE ${q(rule)}: `,
  onlyFirst: () => '; only the first occurrence is shown',
  outsideYears: (id) => `event ${q(id)} has a time outside the years 0000–9999, which a catalog cannot hold; the event was left out`,
};

let all: Record<string, (...values: string[]) => string> | undefined;

/** The same problems with their messages as sentences (keys of the catalog's checks included, such as RRULE's). */
export function expandImportProblems<T extends Pick<CatalogProblem, 'message'>>(problems: T[]): T[] {
  all ??= { ...SENTENCES, ...ICALENDAR_SENTENCES };
  const sentences = all;
  return problems.map((problem) => ({ ...problem, message: expandWith(problem.message, sentences) }));
}
