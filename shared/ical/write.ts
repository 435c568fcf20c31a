/**
 * Catalog → iCalendar (RFC 5545): the published `events.ics` and the single-event download behind "add to my
 * calendar". Times keep their zone (TZID plus a VTIMEZONE generated from `Intl`), all-day events are DATE
 * values, recurrence rules and exceptions are carried over, and changed occurrences become RECURRENCE-ID
 * components. Output uses CRLF line ends and lines folded at 75 octets.
 */
import type { Catalog, CatalogEvent, EventStatus, LocalizedText, Location } from '../catalog/types.ts';
import { localize } from '../catalog/localize.ts';
import { eventTiming, readWall, type EventTiming } from './event-time.ts';
import { cleanValue, escapeText, foldLine, icsDate, icsDateTime, icsUtc, parameterValue } from './text.ts';
import { addDays, parseTime, utcFromWall, wallFromUtc, type WallTime } from './time.ts';
import { vtimezoneLines } from './vtimezone.ts';

export interface ICalendarWriteOptions {
  /** Language for titles and descriptions (falls back to the catalog language). */
  lang?: string;
  /** The DTSTAMP of every event; pass a fixed date for reproducible builds. Default: now. */
  now?: Date;
  /** PRODID; default `-//Kanswijzer//Kanswijzer catalog//EN`. */
  prodId?: string;
  /** X-WR-CALNAME and NAME; default the catalog title. */
  calendarName?: string;
}

const DEFAULT_PRODID = '-//Kanswijzer//Kanswijzer catalog//EN';

const STATUS_VALUES: Record<EventStatus, string> = {
  scheduled: 'CONFIRMED',
  cancelled: 'CANCELLED',
  tentative: 'TENTATIVE',
  // iCalendar has no "postponed"; the old date is not confirmed, so it is the nearest honest value.
  postponed: 'TENTATIVE',
};

function isEvent(item: { type?: unknown }): item is CatalogEvent {
  return item.type === 'event';
}

/** The UID of an event: stable across builds, unique across catalogs. */
export function eventUid(event: CatalogEvent, catalog: Pick<Catalog, 'id'>): string {
  const originalId = event.provenance?.originalId ?? event.id;
  const catalogId = event.provenance?.catalogId ?? catalog.id;
  return `${originalId}@${catalogId}.kanswijzer`;
}

function timeValue(wall: WallTime, timing: EventTiming): string {
  if (timing.allDay) return icsDate(wall);
  if (timing.floating || timing.zoned) return icsDateTime(wall);
  return icsUtc(timing.clock.toEpoch(wall));
}

function timeParameters(timing: EventTiming): string {
  if (timing.allDay) return ';VALUE=DATE';
  if (timing.zoned) return `;TZID=${parameterValue(timing.clock.name)}`;
  return '';
}

function timeLine(name: string, walls: WallTime[], timing: EventTiming): string {
  return `${name}${timeParameters(timing)}:${walls.map((wall) => timeValue(wall, timing)).join(',')}`;
}

/** The wall time at which an occurrence starting at `start` ends. */
function endWall(start: WallTime, timing: EventTiming): WallTime {
  if (timing.allDay) return addDays(start, timing.duration);
  if (timing.zoned) return timing.clock.wallAt(timing.clock.toEpoch(start) + timing.duration);
  return wallFromUtc(utcFromWall(start) + timing.duration);
}

function locationText(location: Location | undefined): string | undefined {
  if (!location || typeof location !== 'object') return undefined;
  const parts = [location.name, location.address].filter((part): part is string => typeof part === 'string' && part.trim().length > 0);
  if (parts.length > 0) return parts.join(', ');
  return typeof location.url === 'string' ? location.url : undefined;
}

function text(value: LocalizedText | undefined, lang: string | undefined, catalogLanguage: string | undefined): string {
  try {
    return localize(value, lang, catalogLanguage);
  } catch {
    return '';
  }
}

interface EventContext {
  lang: string | undefined;
  catalogLanguage: string | undefined;
  stamp: string;
  uid: string;
}

function commonProperties(
  lines: string[],
  fields: { title?: LocalizedText; summary?: LocalizedText; location?: Location; status?: EventStatus },
  event: CatalogEvent,
  context: EventContext,
): void {
  const summary = text(fields.title, context.lang, context.catalogLanguage) || event.id;
  lines.push(`SUMMARY:${escapeText(summary)}`);
  const description = text(fields.summary, context.lang, context.catalogLanguage);
  if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
  if (typeof event.url === 'string' && event.url) lines.push(`URL:${cleanValue(event.url)}`);
  const location = locationText(fields.location);
  if (location) lines.push(`LOCATION:${escapeText(location)}`);
  const status = fields.status && STATUS_VALUES[fields.status];
  if (status) lines.push(`STATUS:${status}`);
}

function cleanRrule(rrule: unknown): string | undefined {
  if (typeof rrule !== 'string') return undefined;
  const value = cleanValue(rrule).trim().replace(/^RRULE:/i, '');
  return /^[A-Za-z0-9=;,:+\-/]+$/.test(value) && /FREQ=/i.test(value) ? value : undefined;
}

function eventLines(event: CatalogEvent, timing: EventTiming, context: EventContext): string[] {
  const lines: string[] = ['BEGIN:VEVENT', `UID:${escapeText(context.uid)}`, `DTSTAMP:${context.stamp}`];
  lines.push(timeLine('DTSTART', [timing.start], timing));
  if (timing.allDay || event.end !== undefined) lines.push(timeLine('DTEND', [endWall(timing.start, timing)], timing));
  const rrule = cleanRrule(event.rrule);
  if (rrule) lines.push(`RRULE:${rrule}`);
  const walls = (values: unknown) =>
    (Array.isArray(values) ? values : []).map((value) => readWall(value, timing)).filter((wall): wall is WallTime => wall !== undefined);
  const rdates = walls(event.rdate);
  if (rdates.length > 0) lines.push(timeLine('RDATE', rdates, timing));
  const exdates = walls(event.exdate);
  if (exdates.length > 0) lines.push(timeLine('EXDATE', exdates, timing));
  commonProperties(lines, event, event, context);
  lines.push('END:VEVENT');

  const overrides = Array.isArray(event.overrides) ? (event.overrides as unknown[]) : [];
  for (const raw of overrides) {
    if (!raw || typeof raw !== 'object') continue;
    const override = raw as { recurrenceId?: unknown; start?: unknown; end?: unknown; status?: EventStatus; title?: LocalizedText; summary?: LocalizedText; location?: Location };
    const recurrence = readWall(override.recurrenceId, timing);
    if (!recurrence) continue;
    const start = readWall(override.start, timing) ?? recurrence;
    let end = endWall(start, timing);
    const ownEnd = readWall(override.end, timing);
    if (ownEnd) end = ownEnd;
    const changed: string[] = ['BEGIN:VEVENT', `UID:${escapeText(context.uid)}`, `DTSTAMP:${context.stamp}`];
    changed.push(timeLine('RECURRENCE-ID', [recurrence], timing));
    changed.push(timeLine('DTSTART', [start], timing));
    if (timing.allDay || event.end !== undefined || ownEnd) changed.push(timeLine('DTEND', [end], timing));
    commonProperties(
      changed,
      {
        title: override.title ?? event.title,
        summary: override.summary ?? event.summary,
        location: override.location ?? event.location,
        status: override.status ?? event.status,
      },
      event,
      context,
    );
    changed.push('END:VEVENT');
    lines.push(...changed);
  }
  return lines;
}

/** Every year a zoned event's times touch, and whether its recurrence runs on without an end date. */
function yearsOf(event: CatalogEvent, timing: EventTiming): { years: number[]; openEnded: boolean } {
  const years = [timing.start.year, endWall(timing.start, timing).year];
  const values = [
    ...(Array.isArray(event.rdate) ? event.rdate : []),
    ...(Array.isArray(event.exdate) ? event.exdate : []),
    ...(Array.isArray(event.overrides) ? (event.overrides as { start?: unknown; recurrenceId?: unknown }[]).flatMap((o) => [o?.start, o?.recurrenceId]) : []),
  ];
  for (const value of values) {
    const parsed = parseTime(value);
    if (parsed) years.push(parsed.wall.year);
  }
  const rrule = cleanRrule(event.rrule);
  let openEnded = false;
  if (rrule) {
    const until = /UNTIL=(\d{4})/i.exec(rrule);
    if (until) years.push(Number(until[1]));
    else openEnded = true;
  }
  return { years, openEnded };
}

function calendarLines(catalog: Catalog, events: CatalogEvent[], options: ICalendarWriteOptions): string[] {
  const catalogLanguage = typeof catalog.language === 'string' ? catalog.language : undefined;
  const lang = options.lang ?? catalogLanguage;
  const now = options.now && !Number.isNaN(options.now.getTime()) ? options.now : new Date();
  const stamp = icsUtc(now.getTime());
  const name = options.calendarName ?? (text(catalog.title, lang, catalogLanguage) || String(catalog.id ?? 'Kanswijzer'));

  const zoneYears = new Map<string, { min: number; max: number }>();
  const body: string[] = [];
  for (const event of events) {
    const timing = eventTiming(event);
    if (!timing) continue;
    body.push(...eventLines(event, timing, { lang, catalogLanguage, stamp, uid: eventUid(event, catalog) }));
    if (timing.zoned) {
      const { years, openEnded } = yearsOf(event, timing);
      const span = zoneYears.get(timing.clock.name) ?? { min: Infinity, max: -Infinity };
      for (const year of years) {
        span.min = Math.min(span.min, year);
        span.max = Math.max(span.max, year);
      }
      // Open-ended rules need the zone's rules beyond the last explicit year; a few years of margin also
      // covers zones whose changes do not follow a weekday rule.
      if (openEnded) span.max = Math.max(span.max, span.min + 2, now.getUTCFullYear() + 2);
      zoneYears.set(timing.clock.name, span);
    }
  }

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(options.prodId ?? DEFAULT_PRODID)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    `NAME:${escapeText(name)}`,
  ];
  const description = text(catalog.description as LocalizedText | undefined, lang, catalogLanguage);
  if (description) lines.push(`X-WR-CALDESC:${escapeText(description)}`);
  lines.push('REFRESH-INTERVAL;VALUE=DURATION:PT12H', 'X-PUBLISHED-TTL:PT12H');
  for (const [zone, span] of [...zoneYears.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(...vtimezoneLines(zone, span.min, span.max));
  }
  lines.push(...body, 'END:VCALENDAR');
  return lines;
}

function serialise(lines: string[]): string {
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/**
 * Writes every event of a catalog as one iCalendar document (the published `events.ics`). Events whose start
 * cannot be read are left out rather than written wrongly; validate the catalog first to hear about them.
 */
export function catalogToICalendar(catalog: Catalog, options: ICalendarWriteOptions = {}): string {
  const items = Array.isArray(catalog?.items) ? catalog.items : [];
  const events = items.filter((item): item is CatalogEvent => !!item && typeof item === 'object' && isEvent(item));
  return serialise(calendarLines(catalog, events, options));
}

/**
 * Writes one event (with its changed occurrences) as a calendar of its own: the file behind a widget's
 * "add to my calendar" download. The calendar name defaults to the event's title.
 */
export function eventToICalendar(event: CatalogEvent, catalog: Catalog, options: ICalendarWriteOptions = {}): string {
  const catalogLanguage = typeof catalog?.language === 'string' ? catalog.language : undefined;
  const calendarName = options.calendarName ?? (text(event?.title, options.lang ?? catalogLanguage, catalogLanguage) || undefined);
  const events = event && typeof event === 'object' && isEvent(event) ? [event] : [];
  return serialise(calendarLines(catalog, events, { ...options, ...(calendarName ? { calendarName } : {}) }));
}
