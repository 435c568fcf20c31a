/**
 * iCalendar → catalog: every VEVENT becomes a catalog event (type `event`) with its times, zone, recurrence
 * (RRULE, RDATE, EXDATE) and changed or cancelled occurrences (RECURRENCE-ID → `overrides`), so widgets and
 * the CLI handle .ics feeds and JSON catalogs alike.
 *
 * Zones: a TZID is read as an IANA name, a vendor-prefixed IANA path, a Windows zone name (CLDR mapping), or
 * through the calendar's own VTIMEZONE (matched to the IANA zone with the same rules where possible).
 * Google's X-WR-TIMEZONE gives UTC and floating times of the calendar a zone, as Google means it to.
 * Floating times without X-WR-TIMEZONE stay floating (`timeZone: "floating"`).
 *
 * Broken input gets problems with line numbers and the rest is still imported; nothing here throws.
 *
 * The output is a valid catalog by construction (import.test.ts proves it against the strict catalog parser),
 * so the catalog schema is not loaded here. The helpers only some calendars need are not loaded either until
 * a calendar needs them: zone-fallbacks.ts (Windows zone names, zones only a VTIMEZONE explains), the RRULE
 * check (catalog/rrule.ts) and ical.js (RRULEs our check refuses, which ical.js may still read, and
 * VTIMEZONE rules). `parseICalendarAsync` loads them when the calendar calls for them; import.ts is the
 * synchronous reader with all of them at hand.
 */
import type { Catalog, CatalogEvent, CatalogProblem, EventStatus, Location } from '../catalog/types.ts';
import { msg } from '../catalog/message-key.ts';
import { readContentLines, splitUnescaped, unescapeText, type ContentReadResult, type RawComponent, type RawProperty } from './content-lines.ts';
import { FLOATING, fixedClock, zoneClock, type Clock } from './event-time.ts';
import { loadedRecurrence, loadRecurrence, type Ical } from './ical-loader.ts';
import { addDays, formatDate, formatInstantInZone, formatWallTime, utcFromWall, wallFromUtc, type WallTime } from './time.ts';
import type * as ZoneFallbacks from './zone-fallbacks.ts';
import { ianaFromTzid } from './zones.ts';

export interface ICalendarImportOptions {
  /** The id of the resulting catalog (default: from the calendar's name, else `calendar`). */
  calendarId?: string;
  /** Where the calendar came from: used in messages (`file`) and as the catalog title when it has no name. */
  sourceUrl?: string;
  /** Language tag of the calendar's texts (default `und`, undetermined). */
  language?: string;
  /** At most this many VEVENTs are read (default 20,000); the rest is cut off with a problem saying so. */
  maxEvents?: number;
  /** Also keep each event's CATEGORIES as `categories` (used to map them to topics on import). */
  keepCategories?: boolean;
}

export interface ICalendarImportResult {
  /** The events as a catalog, or undefined when the text is not an iCalendar file at all. */
  catalog: Catalog | undefined;
  problems: CatalogProblem[];
}

/**
 * The helpers only some calendars need: without them Windows and VTIMEZONE-only zones are unknown, RRULEs
 * cannot be checked (catalog/rrule.ts) and rules the check refuses cannot be read by ical.js.
 */
export interface ImportSupport {
  zones?: typeof ZoneFallbacks | undefined;
  ical?: Ical | undefined;
  checkRrule?: ((rule: string) => string[]) | undefined;
}

/** A date or date-time value as written in the file. */
interface IcsTime {
  kind: 'date' | 'utc' | 'zoned' | 'local';
  wall: WallTime;
  tzid?: string;
}

/** How an event's times are stored in the catalog. */
type Frame =
  | { kind: 'date'; timeZone: string }
  | { kind: 'zoned'; zone: string; clock: Clock }
  | { kind: 'custom'; clock: Clock }
  | { kind: 'floating' };

interface Vevent {
  component: RawComponent;
  index: number;
  uid: string | undefined;
  summary: string | undefined;
  start: IcsTime | undefined;
  recurrenceId: IcsTime | undefined;
  sequence: number;
}

const MAX_LIST = 2000;
const UNTITLED = { nl: 'Activiteit zonder titel', en: 'Untitled event' };
const STATUS: Record<string, EventStatus> = { CONFIRMED: 'scheduled', CANCELLED: 'cancelled', TENTATIVE: 'tentative' };

const TIME_VALUE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/i;

/** Reads one date or date-time value (`20240901`, `20240901T120000`, `…Z`; dashes and colons tolerated). */
function parseIcsTime(value: string, params: Record<string, string>): IcsTime | undefined {
  const text = value.trim().replace(/[-:]/g, '');
  const match = TIME_VALUE.exec(text);
  if (!match) return undefined;
  const wall: WallTime = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4] ?? 0),
    minute: Number(match[5] ?? 0),
    second: Math.min(59, Number(match[6] ?? 0)),
  };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31 || wall.hour > 23 || wall.minute > 59) return undefined;
  const check = new Date(utcFromWall(wall));
  if (check.getUTCDate() !== wall.day) return undefined;
  if (match[4] === undefined || params.VALUE?.toUpperCase() === 'DATE') return { kind: 'date', wall: { ...wall, hour: 0, minute: 0, second: 0 } };
  if (match[7]) return { kind: 'utc', wall };
  const tzid = params.TZID?.trim();
  return tzid ? { kind: 'zoned', wall, tzid } : { kind: 'local', wall };
}

function slug(text: string, fallback: string): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._:-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '');
  if (!cleaned) return fallback;
  if (cleaned.length <= 120) return cleaned;
  // Long UIDs keep their start and a short hash of the whole, so they stay distinct.
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return `${cleaned.slice(0, 100)}-${(hash >>> 0).toString(36)}`;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&#(\d{1,6});/g, (_, code: string) => {
      const point = Number(code);
      return point > 0 && point < 0x110000 ? String.fromCodePoint(point) : '';
    })
    .replace(/&amp;/gi, '&');
}

/** Plain text from a DESCRIPTION, which Google and Outlook often fill with HTML. */
function plainText(description: string): string {
  let text = description;
  if (/<\/?[a-z][^>]*>/i.test(text)) {
    text = text
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|h[1-6])\s*>/gi, '\n\n')
      .replace(/<\/(li|tr)\s*>/gi, '\n')
      .replace(/<[^>]*>/g, '');
    text = decodeEntities(text);
  }
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Makes plain text safe to store as Markdown: no links, HTML or emphasis can come out of it. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([`*_[\]()#|!])/g, '\\$1')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function shorten(text: string, max: number): { short: string; cut: boolean } {
  const firstParagraph = text.split(/\n\s*\n/)[0] ?? text;
  const oneLine = firstParagraph.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= max) return { short: oneLine, cut: oneLine.length < text.replace(/\s+/g, ' ').trim().length };
  const cutAt = oneLine.lastIndexOf(' ', max - 1);
  return { short: `${oneLine.slice(0, cutAt > max / 2 ? cutAt : max - 1)}…`, cut: true };
}

/** An http(s) address written out in full, as catalog links must be ("http:host" alone is not one). */
function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Seconds of a DURATION, read as ical.js reads it (so calendars behave as they did when ical.js read them):
 * each unit letter takes the number before it, `M` is minutes, and a `-` before `P` makes it negative.
 */
export function durationSeconds(text: string): number | undefined {
  const units: Record<string, number> = { W: 604_800, D: 86_400, H: 3600, M: 60, S: 1 };
  const values: Record<string, number> = {};
  let rest = text;
  let chunks = 0;
  let negative = false;
  for (let at = rest.search(/[PDWHMTS]/); at !== -1; at = rest.search(/[PDWHMTS]/)) {
    const letter = rest[at]!;
    const number = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (letter === 'P') {
      negative = number === '-';
      chunks++;
    } else if (letter !== 'T') {
      const value = parseInt(number, 10);
      if (Number.isNaN(value)) return undefined;
      values[letter] = value;
      chunks++;
    }
  }
  if (chunks < 2) return undefined;
  let seconds = 0;
  for (const [letter, value] of Object.entries(values)) seconds += value * units[letter]!;
  return negative ? -seconds : seconds;
}

/** A catalog time as the importer writes it: a real date, or a date-time with or without offset, years 0–9999. */
function isCatalogTime(value: string | undefined): boolean {
  if (value === undefined) return true;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) return false;
  const wall = { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)), day: Number(value.slice(8, 10)), hour: 0, minute: 0, second: 0 };
  return formatDate(wallFromUtc(utcFromWall(wall))) === value.slice(0, 10);
}

function first(component: RawComponent, name: string): RawProperty | undefined {
  return component.properties.find((p) => p.name === name);
}

function all(component: RawComponent, name: string): RawProperty[] {
  return component.properties.filter((p) => p.name === name);
}

function textOf(component: RawComponent, name: string): string | undefined {
  const property = first(component, name);
  if (!property) return undefined;
  const text = unescapeText(property.value).trim();
  return text || undefined;
}

/** Where an import problem is, for every message. */
type Where = { file?: string };

/** A calendar's components as read, before any time or zone is interpreted. */
interface ReadCalendar {
  problems: CatalogProblem[];
  where: Where;
  calendarProps: RawComponent | undefined;
  vevents: RawComponent[];
  vtimezones: Map<string, RawComponent>;
}

/**
 * Reads an iCalendar text into a catalog of events with the helpers in `support` (import.ts passes all of
 * them; see parseICalendarAsync for loading only those a calendar needs). Returns `catalog: undefined` only
 * when the text is not an iCalendar file (HTML, JSON, empty); a damaged calendar still gives every event
 * that could be read. Problem messages are keys here: `expandImportProblems` (import-messages.ts) gives the
 * sentences, as the two public readers do.
 */
export function importICalendar(text: string, options: ICalendarImportOptions, support: ImportSupport): ICalendarImportResult {
  try {
    const read = readCalendar(text, options);
    return 'result' in read ? read.result : buildCatalog(read.calendar, options, support);
  } catch (error) {
    return defect(error, options);
  }
}

/**
 * The same as `importICalendar`, loading the Windows zone table and ical.js only when this calendar needs
 * them (a TZID that is no IANA name, an RRULE our check refuses). Never rejects: a helper that cannot load
 * (offline) leaves its zones unknown or its rules unread, with problems saying so.
 */
export async function parseICalendarAsync(text: string, options: ICalendarImportOptions = {}): Promise<ICalendarImportResult> {
  let result: ICalendarImportResult;
  try {
    const read = readCalendar(text, options);
    result = 'result' in read ? read.result : buildCatalog(read.calendar, options, await supportFor(read.calendar));
  } catch (error) {
    result = defect(error, options);
  }
  if (result.problems.length === 0) return result;
  try {
    const { expandImportProblems } = await import('./import-messages.ts');
    return { ...result, problems: expandImportProblems(result.problems) };
  } catch {
    // The sentences could not load (offline): the keys still name each problem.
    return result;
  }
}

function defect(error: unknown, options: ICalendarImportOptions): ICalendarImportResult {
  // A defect here must not take a page down; report it like any other problem.
  return {
    catalog: undefined,
    problems: [{ severity: 'error', path: '', message: msg('defect', error instanceof Error ? error.message : String(error)), ...(options.sourceUrl ? { file: options.sourceUrl } : {}) }],
  };
}

let zoneFallbacks: Promise<typeof ZoneFallbacks | undefined> | undefined;

/** The helpers this calendar needs, loaded; those already at hand are passed on. */
async function supportFor(calendar: ReadCalendar): Promise<ImportSupport> {
  let ical = loadedRecurrence()?.ICAL;
  const tzids = new Set<string>();
  const xwr = calendar.calendarProps ? first(calendar.calendarProps, 'X-WR-TIMEZONE') : undefined;
  if (xwr) tzids.add(unescapeText(xwr.value));
  for (const vevent of calendar.vevents) for (const property of vevent.properties) if (property.params.TZID) tzids.add(property.params.TZID.trim());
  const unnamed = [...tzids].filter((tzid) => !ianaFromTzid(tzid));
  let zones: typeof ZoneFallbacks | undefined;
  if (unnamed.length > 0) {
    zoneFallbacks ??= import('./zone-fallbacks.ts').catch(() => (zoneFallbacks = undefined));
    zones = await zoneFallbacks;
  }
  const windows = zones?.windowsToIana;
  const describedOnly = unnamed.some((tzid) => {
    if (ianaFromTzid(tzid, windows)) return false;
    const vtimezone = vtimezoneFor(calendar, tzid);
    const location = vtimezone ? textOf(vtimezone, 'X-LIC-LOCATION') : undefined;
    return Boolean(vtimezone) && !(location && ianaFromTzid(location, windows));
  });
  const rules = calendar.vevents.flatMap((vevent) => all(vevent, 'RRULE')).filter((rule) => rule.value.trim() !== '');
  const checkRrule = rules.length > 0 ? await import('../catalog/rrule.ts').then((module) => module.checkRrule, () => undefined) : undefined;
  const oddRule = checkRrule !== undefined && rules.some((rule) => !readsWithoutIcal(writtenRule(rule.value), checkRrule));
  if (!ical && (describedOnly || oddRule)) ical = await loadRecurrence().then((module) => module.ICAL, () => undefined);
  return { zones, ical, checkRrule };
}

/** The calendar's own VTIMEZONE for a TZID (names compared without case when there is no exact match). */
function vtimezoneFor(calendar: ReadCalendar, tzid: string): RawComponent | undefined {
  return calendar.vtimezones.get(tzid) ?? [...calendar.vtimezones.entries()].find(([key]) => key.toLowerCase() === tzid.toLowerCase())?.[1];
}

/** An RRULE value as written, without a repeated `RRULE:` and trailing semicolons. */
function writtenRule(value: string): string {
  return value.trim().replace(/^RRULE:/i, '').replace(/;+$/, '');
}

/**
 * A rule our own check accepts is kept as written; ical.js reads every such rule (in upper case, as written
 * by calendar programs). Anything else needs ical.js to see what can be made of it.
 */
function readsWithoutIcal(rule: string, checkRrule: (rule: string) => string[]): boolean {
  return checkRrule(rule).length === 0 && !/[a-z]/.test(rule);
}

function notACalendar(text: string): string | undefined {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 2000);
  if (!head) return msg('emptyFile');
  if (/BEGIN:VCALENDAR/i.test(text.slice(0, 100_000))) return undefined;
  if (/^<(!doctype|html|head|body)/i.test(head) || /<html[\s>]/i.test(head)) return msg('html');
  if (/^[[{]/.test(head)) return msg('json');
  return msg('noCalendar');
}

function readCalendar(input: string, options: ICalendarImportOptions): { result: ICalendarImportResult } | { calendar: ReadCalendar } {
  const file = options.sourceUrl;
  const problems: CatalogProblem[] = [];
  const where: Where = file ? { file } : {};
  if (typeof input !== 'string') {
    return { result: { catalog: undefined, problems: [{ severity: 'error', path: '', message: msg('notText'), ...where }] } };
  }
  const refusal = notACalendar(input);
  if (refusal) return { result: { catalog: undefined, problems: [{ severity: 'error', path: '', message: refusal, ...where }] } };

  const maxEvents = options.maxEvents ?? 20_000;
  const read: ContentReadResult = readContentLines(input, { maxComponents: maxEvents, countComponent: 'VEVENT' });
  for (const problem of read.problems) {
    problems.push({
      severity: problem.severity,
      path: problem.component ?? '',
      ...(problem.property ? { field: problem.property } : {}),
      message: problem.message,
      line: problem.line,
      ...where,
    });
  }
  if (read.truncated) {
    problems.push({ severity: 'error', path: '', message: msg('tooMany', maxEvents), ...where });
  }

  const calendars = read.components.filter((c) => c.name === 'VCALENDAR');
  const containers = calendars.length > 0 ? calendars : read.components;
  const vevents: RawComponent[] = [];
  const vtimezones = new Map<string, RawComponent>();
  // VEVENTs anywhere (a damaged file may leave them nested in another component), except inside a VEVENT.
  const collect = (component: RawComponent, depth: number) => {
    for (const child of component.components) {
      if (child.name === 'VEVENT') vevents.push(child);
      else if (child.name === 'VTIMEZONE') {
        const tzid = first(child, 'TZID')?.value.trim().replace(/^"|"$/g, '');
        if (tzid && !vtimezones.has(tzid)) vtimezones.set(tzid, child);
      } else if (depth < 10) collect(child, depth + 1);
    }
  };
  for (const container of containers) {
    if (container.name === 'VEVENT') vevents.push(container);
    else collect(container, 0);
  }
  return { calendar: { problems, where, calendarProps: calendars[0], vevents, vtimezones } };
}

function buildCatalog(calendar: ReadCalendar, options: ICalendarImportOptions, support: ImportSupport): ICalendarImportResult {
  const { problems, where, calendarProps, vevents } = calendar;
  const windows = support.zones?.windowsToIana;
  const calendarName = calendarProps ? textOf(calendarProps, 'X-WR-CALNAME') ?? textOf(calendarProps, 'NAME') : undefined;
  const calendarDescription = calendarProps ? textOf(calendarProps, 'X-WR-CALDESC') ?? textOf(calendarProps, 'DESCRIPTION') : undefined;
  const xwrProperty = calendarProps ? first(calendarProps, 'X-WR-TIMEZONE') : undefined;
  let defaultZone: string | undefined;
  if (xwrProperty) {
    const resolved = ianaFromTzid(unescapeText(xwrProperty.value), windows);
    if (resolved) defaultZone = resolved.zone;
    else problems.push({ severity: 'note', path: 'VCALENDAR', field: 'X-WR-TIMEZONE', line: xwrProperty.line, message: msg('xwrUnknown', xwrProperty.value.slice(0, 60)), ...where });
  }

  // TZID → how to read it; cached per calendar.
  const zoneCache = new Map<string, { clock: Clock; iana: string | undefined } | null>();
  const resolveZone = (tzid: string, year: number, line: number, eventPath: string): { clock: Clock; iana: string | undefined } | null => {
    const cached = zoneCache.get(tzid);
    if (cached !== undefined) return cached;
    let result: { clock: Clock; iana: string | undefined } | null = null;
    const named = ianaFromTzid(tzid, windows);
    if (named) {
      const clock = zoneClock(named.zone);
      if (clock) result = { clock, iana: named.zone };
    }
    if (!result) {
      const vtimezone = vtimezoneFor(calendar, tzid);
      const location = vtimezone ? textOf(vtimezone, 'X-LIC-LOCATION') : undefined;
      const fromLocation = location ? ianaFromTzid(location, windows) : undefined;
      if (fromLocation) {
        const clock = zoneClock(fromLocation.zone);
        if (clock) result = { clock, iana: fromLocation.zone };
      }
      if (!result && vtimezone && support.zones && support.ical) {
        const custom = support.zones.clockFromVtimezone(vtimezone, support.ical);
        if (custom) {
          const matched = support.zones.matchIanaZone(custom, year, `${tzid} ${location ?? ''}`);
          const matchedClock = matched ? zoneClock(matched) : undefined;
          if (matched && matchedClock) {
            result = { clock: matchedClock, iana: matched };
          } else {
            result = { clock: custom, iana: undefined };
            problems.push({
              severity: 'note',
              path: eventPath,
              field: 'TZID',
              line,
              message: msg('zoneNoMatch', tzid),
              ...where,
            });
          }
        }
      }
    }
    if (!result) {
      problems.push({
        severity: 'note',
        path: eventPath,
        field: 'TZID',
        line,
        message: defaultZone ? msg('zoneUnknownAs', tzid.slice(0, 80), defaultZone) : msg('zoneUnknown', tzid.slice(0, 80)),
        ...where,
      });
    }
    zoneCache.set(tzid, result);
    return result;
  };

  // First pass: the identity of every VEVENT.
  const parsed: Vevent[] = vevents.map((component, index) => {
    const startProperty = first(component, 'DTSTART');
    const recurrenceProperty = first(component, 'RECURRENCE-ID');
    const sequence = Number(first(component, 'SEQUENCE')?.value.trim() ?? '0');
    return {
      component,
      index,
      uid: textOf(component, 'UID'),
      summary: textOf(component, 'SUMMARY'),
      start: startProperty ? parseIcsTime(startProperty.value, startProperty.params) : undefined,
      recurrenceId: recurrenceProperty ? parseIcsTime(recurrenceProperty.value, recurrenceProperty.params) : undefined,
      sequence: Number.isFinite(sequence) ? sequence : 0,
    };
  });

  const label = (v: Vevent) => `VEVENT${v.summary ? ` "${v.summary.slice(0, 40)}"` : ''}${v.uid ? ` (UID ${v.uid.slice(0, 60)})` : ''}`;
  const pathOf = (v: Vevent) => `VEVENT[${v.index}]`;

  const usable: Vevent[] = [];
  for (const v of parsed) {
    const startProperty = first(v.component, 'DTSTART');
    if (!startProperty) {
      problems.push({ severity: 'error', path: pathOf(v), field: 'DTSTART', line: v.component.line, message: msg('noStart', label(v)), ...where });
      continue;
    }
    if (!v.start) {
      problems.push({ severity: 'error', path: pathOf(v), field: 'DTSTART', line: startProperty.line, message: msg('badStart', label(v), startProperty.value.slice(0, 40)), ...where });
      continue;
    }
    const recurrenceProperty = first(v.component, 'RECURRENCE-ID');
    if (recurrenceProperty && !v.recurrenceId) {
      problems.push({ severity: 'error', path: pathOf(v), field: 'RECURRENCE-ID', line: recurrenceProperty.line, message: msg('badRecurrence', label(v), recurrenceProperty.value.slice(0, 40)), ...where });
      continue;
    }
    usable.push(v);
  }

  // Group by UID: masters (no RECURRENCE-ID) and their changed occurrences.
  const masters = new Map<string, Vevent[]>();
  const changes: Vevent[] = [];
  for (const v of usable) {
    if (v.recurrenceId && v.uid) changes.push(v);
    else {
      const key = v.uid ?? `\u0000${v.index}`;
      const list = masters.get(key) ?? [];
      list.push(v);
      masters.set(key, list);
    }
  }

  const frameFor = (v: Vevent, start: IcsTime): Frame => {
    const eventPath = pathOf(v);
    const line = first(v.component, 'DTSTART')?.line ?? v.component.line;
    if (start.kind === 'date') {
      let timeZone = defaultZone ?? FLOATING;
      if (start.tzid) {
        const zone = resolveZone(start.tzid, start.wall.year, line, eventPath);
        if (zone?.iana) timeZone = zone.iana;
      }
      return { kind: 'date', timeZone };
    }
    if (start.kind === 'zoned' && start.tzid) {
      const zone = resolveZone(start.tzid, start.wall.year, line, eventPath);
      if (zone?.iana) return { kind: 'zoned', zone: zone.iana, clock: zone.clock };
      if (zone) return { kind: 'custom', clock: zone.clock };
    }
    if (start.kind === 'utc' && !defaultZone) return { kind: 'zoned', zone: 'UTC', clock: fixedClock(0) };
    if (defaultZone) {
      const clock = zoneClock(defaultZone);
      if (clock) return { kind: 'zoned', zone: defaultZone, clock };
    }
    return { kind: 'floating' };
  };

  /** The instant of a value, for frames that have instants. */
  const epochOf = (time: IcsTime, frameClock: Clock, v: Vevent, line: number): number => {
    if (time.kind === 'utc') return utcFromWall(time.wall);
    if (time.kind === 'zoned' && time.tzid) {
      const zone = resolveZone(time.tzid, time.wall.year, line, pathOf(v));
      if (zone) return zone.clock.toEpoch(time.wall);
    }
    return frameClock.toEpoch(time.wall);
  };

  /** A value in the form the catalog keeps for this event. */
  const inFrame = (time: IcsTime, frame: Frame, v: Vevent, line: number): string => {
    switch (frame.kind) {
      case 'date':
        return formatDate(time.wall);
      case 'floating':
        return formatWallTime(time.wall);
      case 'zoned':
        return formatInstantInZone(epochOf(time, frame.clock, v, line), frame.zone);
      case 'custom':
        return formatInstantInZone(epochOf(time, frame.clock, v, line), 'UTC');
    }
  };

  /** The end of a component: DTEND, else DTSTART + DURATION; undefined when it has neither. */
  const endOf = (v: Vevent, start: IcsTime, frame: Frame): string | undefined => {
    const endProperty = first(v.component, 'DTEND');
    const durationProperty = first(v.component, 'DURATION');
    const startText = inFrame(start, frame, v, v.component.line);
    if (endProperty) {
      const end = parseIcsTime(endProperty.value, endProperty.params);
      if (!end) {
        problems.push({ severity: 'note', path: pathOf(v), field: 'DTEND', line: endProperty.line, message: msg('badEnd', label(v), endProperty.value.slice(0, 40)), ...where });
        return undefined;
      }
      const endText = inFrame(frame.kind === 'date' && end.kind !== 'date' ? { kind: 'date', wall: end.wall } : end, frame, v, endProperty.line);
      if (compareTimes(endText, startText) < 0) {
        problems.push({ severity: 'note', path: pathOf(v), field: 'DTEND', line: endProperty.line, message: msg('endBeforeStart', label(v)), ...where });
        return undefined;
      }
      return endText;
    }
    if (durationProperty) {
      const seconds = durationSeconds(durationProperty.value.trim());
      if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
        problems.push({ severity: 'note', path: pathOf(v), field: 'DURATION', line: durationProperty.line, message: msg('badDuration', label(v), durationProperty.value.slice(0, 40)), ...where });
        return undefined;
      }
      if (frame.kind === 'date') return formatDate(addDays(start.wall, Math.max(1, Math.ceil(seconds / 86_400))));
      if (frame.kind === 'floating') return formatWallTime(wallFromUtc(utcFromWall(start.wall) + seconds * 1000));
      const clock = frame.clock;
      const epoch = epochOf(start, clock, v, durationProperty.line) + seconds * 1000;
      return formatInstantInZone(epoch, frame.kind === 'zoned' ? frame.zone : 'UTC');
    }
    return undefined;
  };

  const timeList = (v: Vevent, name: 'EXDATE' | 'RDATE', frame: Frame): string[] => {
    const values: string[] = [];
    for (const property of all(v.component, name)) {
      for (const part of property.value.split(',')) {
        if (!part.trim()) continue;
        // RDATE;VALUE=PERIOD:start/end: the occurrence starts at the period's start.
        const startPart = part.split('/')[0] ?? part;
        const time = parseIcsTime(startPart, property.params);
        if (!time) {
          problems.push({ severity: 'note', path: pathOf(v), field: name, line: property.line, message: msg('badListValue', label(v), name, part.slice(0, 40)), ...where });
          continue;
        }
        if (values.length >= MAX_LIST) {
          problems.push({ severity: 'note', path: pathOf(v), field: name, line: property.line, message: msg('tooManyValues', label(v), MAX_LIST, name), ...where });
          return values;
        }
        values.push(inFrame(time, frame, v, property.line));
      }
    }
    return [...new Set(values)];
  };

  const rruleOf = (v: Vevent): string | undefined => {
    const rules = all(v.component, 'RRULE');
    if (rules.length === 0) return undefined;
    const texts = [...new Set(rules.map((r) => r.value.trim()))];
    if (texts.length > 1) {
      problems.push({ severity: 'note', path: pathOf(v), field: 'RRULE', line: rules[1]!.line, message: msg('manyRules', label(v), texts.length), ...where });
    }
    const property = rules[0]!;
    if (!property.value.trim()) {
      problems.push({ severity: 'note', path: pathOf(v), field: 'RRULE', line: property.line, message: msg('emptyRule', label(v)), ...where });
      return undefined;
    }
    // Keep the rule as written when it is valid (people recognise their own rule); otherwise try the form
    // ical.js makes of it, which drops parts it does not know.
    const written = writtenRule(property.value);
    const checkRrule = support.checkRrule;
    if (!checkRrule) {
      problems.push({ severity: 'error', path: pathOf(v), field: 'RRULE', line: property.line, message: msg('ruleUnread', label(v), property.value.slice(0, 60), 'the RRULE check could not be loaded'), ...where });
      return undefined;
    }
    if (readsWithoutIcal(written, checkRrule)) return written;
    let normalised: string;
    try {
      if (!support.ical) throw new Error('the iCalendar reader could not be loaded');
      const recur = support.ical.Recur.fromString(written);
      if (!recur.freq) throw new Error('it has no FREQ');
      normalised = checkRrule(written).length === 0 ? written : recur.toString();
    } catch (error) {
      problems.push({ severity: 'error', path: pathOf(v), field: 'RRULE', line: property.line, message: msg('ruleUnread', label(v), property.value.slice(0, 60), error instanceof Error ? error.message : String(error)), ...where });
      return undefined;
    }
    const issues = checkRrule(normalised);
    if (issues.length > 0) {
      problems.push({ severity: 'error', path: pathOf(v), field: 'RRULE', line: property.line, message: `${msg('ruleHead', label(v), property.value.slice(0, 60))}${issues.join('; ')}${msg('onlyFirst')}`, ...where });
      return undefined;
    }
    return normalised;
  };

  const locationOf = (component: RawComponent): Location | undefined => {
    const text = textOf(component, 'LOCATION');
    if (!text) return undefined;
    if (isHttpUrl(text)) return { online: true, url: text };
    return { address: text.slice(0, 500) };
  };

  const describe = (component: RawComponent): { summary?: string; body?: string } => {
    const raw = textOf(component, 'DESCRIPTION');
    if (!raw) return {};
    const text = plainText(raw).slice(0, 20_000);
    if (!text) return {};
    const { short, cut } = shorten(text, 300);
    return cut ? { summary: short, body: escapeMarkdown(text) } : { summary: short };
  };

  const takenIds = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; takenIds.has(id); n++) id = `${base.slice(0, 190)}-${n}`;
    takenIds.add(id);
    return id;
  };

  const items: CatalogEvent[] = [];
  const frames = new Map<CatalogEvent, Frame>();

  const buildEvent = (v: Vevent, withRecurrence: boolean): CatalogEvent | undefined => {
    const start = v.start!;
    const frame = frameFor(v, start);
    const startText = inFrame(start, frame, v, v.component.line);
    const event: CatalogEvent = {
      id: uniqueId(slug(v.uid ?? '', `event-${v.index + 1}`)),
      type: 'event',
      title: v.summary ? v.summary.slice(0, 500) : UNTITLED,
      topics: [],
      audiences: [],
      sectors: [],
      periods: [],
      start: startText,
      timeZone: frame.kind === 'date' ? frame.timeZone : frame.kind === 'zoned' ? frame.zone : frame.kind === 'custom' ? 'UTC' : FLOATING,
    };
    const end = endOf(v, start, frame);
    // A one-day all-day event and a zero-length event need no end; the catalog requires end after start.
    if (end !== undefined && compareTimes(end, startText) > 0 && !(frame.kind === 'date' && end === formatDate(addDays(start.wall, 1)))) event.end = end;
    const { summary, body } = describe(v.component);
    if (summary) event.summary = summary;
    if (body) event.body = body;
    const url = textOf(v.component, 'URL');
    if (url && isHttpUrl(url)) event.url = url;
    const location = locationOf(v.component);
    if (location) event.location = location;
    const status = STATUS[(textOf(v.component, 'STATUS') ?? '').toUpperCase()];
    if (status) event.status = status;
    if (options.keepCategories) {
      const categories = all(v.component, 'CATEGORIES').flatMap((p) => splitUnescaped(p.value).map((c) => unescapeText(c).trim())).filter(Boolean);
      if (categories.length > 0) event.categories = categories.slice(0, 50);
    }
    if (calendarName || options.sourceUrl) {
      event.source = { name: (calendarName ?? options.sourceUrl ?? '').slice(0, 200).trim() || 'iCalendar', ...(options.sourceUrl && isHttpUrl(options.sourceUrl) ? { url: options.sourceUrl } : {}) };
    }
    if (withRecurrence) {
      const rrule = rruleOf(v);
      if (rrule) event.rrule = rrule;
      const rdate = timeList(v, 'RDATE', frame).filter((value) => value !== startText);
      if (rdate.length > 0) event.rdate = rdate;
      const exdate = timeList(v, 'EXDATE', frame);
      if (exdate.length > 0) event.exdate = exdate;
    }
    frames.set(event, frame);
    return event;
  };

  const masterEvents = new Map<string, { vevent: Vevent; event: CatalogEvent }[]>();
  for (const [key, list] of masters) {
    // The same event listed twice (same start, same rule) is shown once: the highest SEQUENCE wins.
    const distinct = new Map<string, Vevent>();
    for (const v of list) {
      const identity = `${JSON.stringify(v.start)}\u0000${all(v.component, 'RRULE').map((r) => r.value.trim()).join('|')}`;
      const existing = distinct.get(identity);
      if (!existing || v.sequence >= existing.sequence) distinct.set(identity, v);
    }
    for (const v of distinct.values()) {
      const event = buildEvent(v, true);
      if (!event) continue;
      items.push(event);
      const entries = masterEvents.get(key) ?? [];
      entries.push({ vevent: v, event });
      masterEvents.set(key, entries);
    }
  }

  // Changed occurrences: attach to their master, or stand alone when the master is missing.
  const byRecurrence = new Map<string, Vevent>();
  for (const v of changes) {
    const key = `${v.uid}\u0000${JSON.stringify(v.recurrenceId)}`;
    const existing = byRecurrence.get(key);
    if (!existing || v.sequence >= existing.sequence) byRecurrence.set(key, v);
  }
  for (const v of byRecurrence.values()) {
    const owners = masterEvents.get(v.uid!);
    const owner = owners?.find((o) => o.event.rrule || o.event.rdate) ?? owners?.[0];
    if (!owner) {
      const event = buildEvent(v, false);
      if (event) items.push(event);
      continue;
    }
    const frame = frames.get(owner.event)!;
    const line = first(v.component, 'RECURRENCE-ID')?.line ?? v.component.line;
    const recurrenceId = inFrame(v.recurrenceId!, frame, v, line);
    // A changed occurrence may be of another kind than its series (one meeting turned into an all-day day off).
    const ownFrame = (v.start!.kind === 'date') === (frame.kind === 'date') ? frame : frameFor(v, v.start!);
    const start = inFrame(v.start!, ownFrame, v, line);
    const override: NonNullable<CatalogEvent['overrides']>[number] = { recurrenceId };
    if (start !== recurrenceId) override.start = start;
    const end = endOf(v, v.start!, ownFrame);
    if (end !== undefined && compareTimes(end, start) >= 0) override.end = end;
    else if (ownFrame.kind !== 'date') override.end = start;
    else override.end = formatDate(addDays(v.start!.wall, 1));
    const status = STATUS[(textOf(v.component, 'STATUS') ?? '').toUpperCase()];
    if (status) override.status = status;
    if (v.summary && v.summary !== textOf(owner.vevent.component, 'SUMMARY')) override.title = v.summary.slice(0, 500);
    const { summary } = describe(v.component);
    if (summary && summary !== owner.event.summary) override.summary = summary;
    const location = locationOf(v.component);
    if (location && JSON.stringify(location) !== JSON.stringify(owner.event.location)) override.location = location;
    const range = first(v.component, 'RECURRENCE-ID')?.params.RANGE?.toUpperCase();
    // RFC 5545 §3.8.4.4: the change (its shift in time, its length, its texts) also applies to every later
    // occurrence that has no change of its own.
    if (range === 'THISANDFUTURE') (override as typeof override & { range?: string }).range = 'thisAndFuture';
    const overrides = (owner.event.overrides ??= []);
    if (overrides.length >= MAX_LIST) continue;
    overrides.push(override);
  }

  const catalogId = slug(options.calendarId ?? calendarName ?? '', 'calendar').slice(0, 120);
  // The catalog holds years 0000–9999; an event whose times run past them (a DURATION beyond 9999) is left out.
  const kept = items.filter((event, index) => {
    const times = [event.start, event.end, ...(event.exdate ?? []), ...(event.rdate ?? []), ...(event.overrides ?? []).flatMap((o) => [o.recurrenceId, o.start, o.end])];
    if (times.every((time) => isCatalogTime(time as string | undefined))) return true;
    problems.push({ severity: 'error', path: `items[${index}]`, itemId: event.id, message: msg('outsideYears', event.id), ...where });
    return false;
  });

  const catalog: Catalog = {
    format: 'kanswijzer-catalog',
    version: 1,
    id: catalogId,
    title: (calendarName || options.sourceUrl || 'Calendar').slice(0, 200),
    language: options.language ?? 'und',
    ...(calendarDescription ? { description: plainText(calendarDescription).slice(0, 2000) || calendarDescription.slice(0, 2000) } : {}),
    topics: [],
    audiences: [],
    sectors: [],
    periods: [],
    items: kept,
  };
  return { catalog, problems };
}

/** Compares two catalog time strings of the same kind (dates, local or zoned date-times). */
function compareTimes(a: string, b: string): number {
  const value = (text: string) => (/[zZ]|[+-]\d{2}:\d{2}$/.test(text) ? Date.parse(text) : Date.parse(`${text.length === 10 ? `${text}T00:00:00` : text}Z`));
  return value(a) - value(b);
}
