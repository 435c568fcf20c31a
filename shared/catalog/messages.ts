/**
 * The sentences of catalog problems, in plain words for editors and webmasters. Code refers to them by key
 * (see message-key.ts); `expandProblems` turns keys into these sentences.
 */
import { expandWith } from './message-key.ts';
import type { CatalogProblem } from './types.ts';

const q = (value: string) => `"${value}"`;

export const SENTENCES: Record<string, (...values: string[]) => string> = {
  // schema.ts
  isText: (what = '') => `${what ? `${what} ` : ''}must be text`,
  notEmpty: (what) => `${what} must not be empty`,
  id: () => 'must be an id of letters, digits, ".", "_", ":" or "-" (no spaces), at most 200 characters',
  langText: () => 'must be a language tag such as "nl" or "en"',
  lang: () => 'must be a language tag such as "nl", "en" or "nl-BE"',
  localized: () => 'must be text, or texts per language such as {"nl": "…", "en": "…"}',
  translationText: () => 'each translation must be text',
  oneLanguage: () => 'needs at least one language',
  linkText: () => 'must be a link (text)',
  link: () => 'must be a full https:, http: or mailto: link',
  dateText: () => 'must be a date such as "2024-09-01"',
  date: () => 'must be a date (YYYY-MM-DD) or a date-time with offset (2024-09-01T10:00:00+02:00)',
  eventTimeText: () => 'must be a date or a date-time',
  eventTime: () => 'must be a date (YYYY-MM-DD, all day) or a date-time with offset such as 2024-09-01T10:00:00+02:00',
  termText: () => 'each term must be text',
  termEmpty: () => 'terms must not be empty',
  termList: () => 'must be a list of terms',
  termLists: () => 'must be term lists per language such as {"nl": ["stage"], "en": ["internship"]}',
  monthDayText: () => 'must be a month and day',
  monthDay: (example) => `must be a month and day such as ${q(example)}`,
  rangeList: () => 'must be a list of date ranges',
  oneRange: () => 'needs at least one date range',
  idList: (what) => `must be a list of ${what} ids`,
  mediaType: () => 'must be a media type such as "application/pdf" or "video/mp4"',
  bytes: () => 'must be a number of bytes',
  wholeBytes: () => 'must be a whole number of bytes',
  notNegative: () => 'must not be negative',
  captions: () => 'must be true/false or a list of caption languages',
  boolean: () => 'must be true or false',
  steps: () => 'must be a list of steps',
  format: () => 'must be text such as "toolkit", "report" or "video"',
  mediaList: () => 'must be a list of media',
  thisAndFuture: () => 'must be "thisAndFuture" when given',
  oneOf: (list) => `must be one of: ${list}`,
  timeZoneText: () => 'must be an IANA time zone such as "Europe/Amsterdam"',
  rruleText: () => 'must be an RRULE text such as "FREQ=WEEKLY;COUNT=4"',
  timeList: () => 'must be a list of dates or date-times',
  overrides: () => 'must be a list of changed occurrences',
  mustBe: (value) => `must be ${value}`,
  list: (what) => `must be a list of ${what}`,
  // parse-core.ts
  required: () => 'is required but missing',
  found: (value) => ` (found ${value})`,
  unknownField: (key) => `unknown field ${q(key)} is kept but not used by this version of Kanswijzer`,
  unreadable: (detail) => `The catalog could not be read: ${detail}`,
  noInput: () => 'There is no catalog: the input is empty.',
  tooDeepValue: (limit) => `The catalog is nested more than ${limit} levels deep (or refers to itself); a catalog never needs that.`,
  notObject: (type) => `A catalog must be a JSON object ({ … }) but this is ${type}.`,
  notCatalog: (format, found) => `This is not a Kanswijzer catalog: "format" must be ${q(format)}, but ${found ? `its format is ${found}` : 'it has no "format" field'}.`,
  futureVersion: (version, supported) => `This catalog uses format version ${version}, which is newer than this version of Kanswijzer understands (${supported}). Update Kanswijzer to read it.`,
  duplicateTaxonomy: (kind, id) => `${kind} id ${q(id)} is used more than once`,
  itemNotObject: (type) => `each item must be an object, but this is ${type}`,
  duplicateItem: (id) => `item id ${q(id)} is used more than once; ids must be unique`,
  undefinedRef: (kind, ref, list) => `${kind} ${q(ref)} is not defined in the catalog's ${list}`,
  // decode.ts
  utf16: (encoding) => `The file is UTF-16 text (${encoding}); it was read, but publish feeds as UTF-8.`,
  notUtf8: () => 'The file is not valid UTF-8 text. Save it as UTF-8 (without special encodings) and try again.',
  icalendar: () => 'This is an iCalendar (.ics) file, not a JSON catalog. Give it as a calendar feed (a URL ending in .ics) or import it with "kanswijzer build --ics".',
  html: (title) => `This is an HTML web page, not a catalog${title ? ` (its title is ${q(title)})` : ''}. The server probably sent an error or login page instead of the feed: check the feed URL.`,
  rss: () => 'This is an RSS or Atom news feed, not a Kanswijzer catalog.',
  xml: () => 'This is an XML document, not a JSON catalog.',
  bom: () => 'The file starts with a byte-order mark; it was ignored.',
  tooLarge: (mb, max) => `The catalog is too large (${mb} MB; at most ${max} MB).`,
  empty: () => 'The catalog is empty: the file or response has no content.',
  zeroBytes: () => 'The text contains zero bytes: it is probably UTF-16 or binary data read as text. Save the catalog as UTF-8.',
  tooDeep: (limit) => `The JSON is nested more than ${limit} levels deep; a catalog never needs that.`,
  invalidJson: (detail) => `The catalog is not valid JSON: ${detail}.`,
  invalidJsonAt: (line, column, detail) => `The catalog is not valid JSON (line ${line}, column ${column}): ${detail}.`,
  // rules.ts
  bodyLink: (target) => `the text links to ${q(target)}; only https:, http: and mailto: links are allowed`,
  timeZone: (zone) => `${q(zone)} is not a known IANA time zone (for example "Europe/Amsterdam" or "UTC")`,
  noOffset: (start) => `${q(start)} has no UTC offset; add one (such as +01:00), or set timeZone to "floating" for a local time`,
  floatingOffset: () => 'a floating event (timeZone "floating") must have a start without UTC offset',
  dateLikeStart: (value) => `${q(value)} must be a date (YYYY-MM-DD) like the start of this all-day event`,
  dateTimeLikeStart: (value) => `${q(value)} must be a date-time like the start`,
  endAfterStart: (end, start, allDay) =>
    `the end (${end}) must come after the start (${start})${allDay ? '; for an all-day event the end date is the day after the last day' : ''}`,
  // rrule.ts
  rruleEmpty: () => 'the RRULE is empty',
  rrulePart: (part) => `${q(part)} is not of the form NAME=VALUE`,
  rruleUnknown: (name) => `${q(name)} is not an RRULE part`,
  rruleTwice: (name) => `${name} appears more than once`,
  rruleValue: (name, value, expected) => `${name}=${value} should be ${expected}`,
  rruleFreq: () => 'FREQ is missing (for example FREQ=WEEKLY)',
  rruleUntilCount: () => 'UNTIL and COUNT cannot both be used',
};

/** Turns message keys in a text into sentences. */
export function expandMessage(text: string): string {
  return expandWith(text, SENTENCES);
}

/** The same problems with their messages as sentences. */
export function expandProblems<T extends Pick<CatalogProblem, 'message'>>(problems: T[]): T[] {
  return problems.map((problem) => ({ ...problem, message: expandMessage(problem.message) }));
}
