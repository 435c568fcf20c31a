import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Catalog, CatalogEvent } from '../catalog/types.ts';
import { catalogToICalendar, eventToICalendar } from './write.ts';

function event(fields: Partial<CatalogEvent> & Pick<CatalogEvent, 'id' | 'start'>): CatalogEvent {
  return { type: 'event', title: fields.id, topics: [], audiences: [], sectors: [], periods: [], timeZone: 'Europe/Amsterdam', ...fields } as CatalogEvent;
}

function catalogOf(items: CatalogEvent[]): Catalog {
  return {
    format: 'kanswijzer-catalog',
    version: 1,
    id: 'test-hub',
    title: { nl: 'Testagenda', en: 'Test calendar' },
    language: 'nl',
    topics: [],
    audiences: [],
    sectors: [],
    periods: [],
    items,
  };
}

/** Parses with ical.js and registers the document's own VTIMEZONEs, so TZID times resolve through them. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent');
  return { calendar, events };
}

const instant = (time: unknown) => (time as InstanceType<typeof ICAL.Time>).toJSDate().toISOString();

const SAMPLE = catalogOf([
  event({
    id: 'spreekuur',
    title: { nl: 'Spreekuur; vragen, antwoorden \\ meer', en: 'Office hour' },
    summary: 'Regel een\nRegel twee',
    start: '2026-03-03T16:00:00+01:00',
    end: '2026-03-03T17:00:00+01:00',
    rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
    exdate: ['2026-03-17T16:00:00+01:00'],
    rdate: ['2026-04-20T16:00:00+02:00'],
    url: 'https://voorbeeld.example/spreekuur',
    location: { online: true, url: 'https://voorbeeld.example/meet' },
    status: 'scheduled',
    overrides: [
      { recurrenceId: '2026-03-31T16:00:00+02:00', start: '2026-04-01T10:00:00+02:00', end: '2026-04-01T11:00:00+02:00', title: 'Verplaatst spreekuur' },
      { recurrenceId: '2026-03-24T16:00:00+01:00', status: 'cancelled' },
    ],
  }),
  event({ id: 'studiedagen', title: 'Studiedagen', start: '2026-10-12', end: '2026-10-15', timeZone: 'Europe/Amsterdam' }),
  event({
    id: 'new-york',
    title: 'Webinar 🎓 met een hele lange titel die zeker over de vijfenzeventig octetten heen gaat, met ümlauts en €-tekens en nog wat',
    start: '2026-03-06T09:00:00-05:00',
    end: '2026-03-06T10:30:00-05:00',
    timeZone: 'America/New_York',
    rrule: 'FREQ=WEEKLY;COUNT=3',
    location: { name: 'Hal 1', address: 'Main Street 1, New York' },
  }),
  event({ id: 'utc-call', title: 'UTC call', start: '2026-05-01T12:00:00Z', timeZone: 'UTC' }),
  event({ id: 'lokaal', title: 'Overal om tien uur', start: '2026-05-02T10:00:00', end: '2026-05-02T11:00:00', timeZone: 'floating' }),
]);

describe('catalogToICalendar', () => {
  const text = catalogToICalendar(SAMPLE, { now: new Date('2026-01-15T08:00:00Z'), lang: 'nl' });

  it('uses CRLF line ends only and folds every line at 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    // The long title was folded, and folding never split a character (the text decodes cleanly).
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(text).not.toContain('\uFFFD');
  });

  it('writes the calendar header', () => {
    const { calendar } = parse(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Testagenda');
  });

  it('round-trips through ical.js: UIDs, instants, zones, rules, exceptions and escaped text', () => {
    const { events } = parse(text);
    const main = events.find((e) => e.getFirstPropertyValue('uid') === 'spreekuur@test-hub.kanswijzer' && !e.hasProperty('recurrence-id'))!;
    expect(main).toBeDefined();
    expect(main.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-01-15T08:00:00Z');
    const start = main.getFirstProperty('dtstart')!;
    expect(start.getParameter('tzid')).toBe('Europe/Amsterdam');
    expect(instant(start.getFirstValue())).toBe('2026-03-03T15:00:00.000Z');
    expect(instant(main.getFirstPropertyValue('dtend'))).toBe('2026-03-03T16:00:00.000Z');
    expect(main.getFirstProperty('rrule')!.toICALString()).toBe('RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6');
    expect(instant(main.getFirstPropertyValue('exdate'))).toBe('2026-03-17T15:00:00.000Z');
    expect(instant(main.getFirstPropertyValue('rdate'))).toBe('2026-04-20T14:00:00.000Z');
    expect(main.getFirstPropertyValue('summary')).toBe('Spreekuur; vragen, antwoorden \\ meer');
    expect(main.getFirstPropertyValue('description')).toBe('Regel een\nRegel twee');
    expect(main.getFirstPropertyValue('url')).toBe('https://voorbeeld.example/spreekuur');
    expect(main.getFirstPropertyValue('location')).toBe('https://voorbeeld.example/meet');
    expect(main.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('expands through the generated VTIMEZONE to the right instants across the DST change', () => {
    const { calendar } = parse(text);
    const main = calendar.getAllSubcomponents('vevent').filter((e) => e.getFirstPropertyValue('uid') === 'spreekuur@test-hub.kanswijzer');
    const icalEvent = new ICAL.Event(main.find((e) => !e.hasProperty('recurrence-id'))!, { strictExceptions: false });
    for (const exception of main.filter((e) => e.hasProperty('recurrence-id'))) icalEvent.relateException(exception);
    const iterator = icalEvent.iterator();
    const starts: string[] = [];
    for (let next = iterator.next(); next && starts.length < 20; next = iterator.next()) {
      const details = icalEvent.getOccurrenceDetails(next);
      starts.push(`${details.startDate.toJSDate().toISOString()} ${details.item.component.getFirstPropertyValue('status') ?? ''}`);
    }
    expect(starts).toEqual([
      '2026-03-03T15:00:00.000Z CONFIRMED',
      '2026-03-10T15:00:00.000Z CONFIRMED',
      // 17 March excluded; 24 March cancelled; 31 March (after the change to summer time) moved to 1 April.
      '2026-03-24T15:00:00.000Z CANCELLED',
      '2026-04-01T08:00:00.000Z CONFIRMED',
      '2026-04-07T14:00:00.000Z CONFIRMED',
      '2026-04-20T14:00:00.000Z CONFIRMED',
    ]);
  });

  it('writes changed occurrences as RECURRENCE-ID components', () => {
    const { events } = parse(text);
    const moved = events.find((e) => e.getFirstPropertyValue('summary') === 'Verplaatst spreekuur')!;
    expect(instant(moved.getFirstPropertyValue('recurrence-id'))).toBe('2026-03-31T14:00:00.000Z');
    expect(instant(moved.getFirstPropertyValue('dtstart'))).toBe('2026-04-01T08:00:00.000Z');
    expect(moved.getFirstPropertyValue('uid')).toBe('spreekuur@test-hub.kanswijzer');
  });

  it('writes all-day events as DATE values with an exclusive DTEND', () => {
    const { events } = parse(text);
    const days = events.find((e) => e.getFirstPropertyValue('uid') === 'studiedagen@test-hub.kanswijzer')!;
    const start = days.getFirstPropertyValue('dtstart') as InstanceType<typeof ICAL.Time>;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe('2026-10-12');
    expect(days.getFirstPropertyValue('dtend')!.toString()).toBe('2026-10-15');
  });

  it('keeps New York times in their own zone and UTC times in UTC', () => {
    const { calendar, events } = parse(text);
    const ny = events.find((e) => e.getFirstPropertyValue('uid') === 'new-york@test-hub.kanswijzer')!;
    expect(ny.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('America/New_York');
    const icalEvent = new ICAL.Event(ny);
    const iterator = icalEvent.iterator();
    const starts = [iterator.next(), iterator.next(), iterator.next()].map((t) => instant(t));
    // 8 March 2026 is the US change to summer time: 09:00 stays 09:00 local, so one hour earlier in UTC.
    expect(starts).toEqual(['2026-03-06T14:00:00.000Z', '2026-03-13T13:00:00.000Z', '2026-03-20T13:00:00.000Z']);
    expect(ny.getFirstPropertyValue('location')).toBe('Hal 1, Main Street 1, New York');
    const zones = calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
    expect(zones.sort()).toEqual(['America/New_York', 'Europe/Amsterdam']);
    const utc = events.find((e) => e.getFirstPropertyValue('uid') === 'utc-call@test-hub.kanswijzer')!;
    expect(utc.getFirstProperty('dtstart')!.toICALString()).toBe('DTSTART:20260501T120000Z');
  });

  it('writes floating events without a zone', () => {
    const { events } = parse(text);
    const local = events.find((e) => e.getFirstPropertyValue('uid') === 'lokaal@test-hub.kanswijzer')!;
    expect(local.getFirstProperty('dtstart')!.toICALString()).toBe('DTSTART:20260502T100000');
    expect(local.getFirstProperty('dtend')!.toICALString()).toBe('DTEND:20260502T110000');
  });

  it('cannot be made to inject properties through feed text', () => {
    const hostile = catalogOf([
      event({ id: 'x', title: 'Nice\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:evil', start: '2026-05-01T12:00:00Z', rrule: 'FREQ=DAILY;COUNT=2\r\nATTACH:evil' }),
    ]);
    const out = catalogToICalendar(hostile);
    const { events } = parse(out);
    expect(events).toHaveLength(1);
    expect(events[0]!.getFirstPropertyValue('summary')).toBe('Nice\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:evil');
    expect(out).not.toContain('ATTACH');
  });

  it('leaves out events whose start cannot be read instead of throwing', () => {
    const broken = catalogOf([event({ id: 'bad', start: 'next tuesday' }), event({ id: 'good', start: '2026-05-01' })]);
    const { events } = parse(catalogToICalendar(broken));
    expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual(['good@test-hub.kanswijzer']);
  });
});

describe('generated VTIMEZONE', () => {
  it('gives ical.js the right offsets for years before, inside and after the events', () => {
    const catalog = catalogOf([
      event({ id: 'a', start: '2021-06-01T10:00:00+02:00', rrule: 'FREQ=YEARLY' }),
      event({ id: 'b', start: '2024-01-10T10:00:00-05:00', timeZone: 'America/New_York' }),
      event({ id: 'c', start: '2024-01-10T10:00:00+10:00', timeZone: 'Australia/Sydney', end: '2024-01-10T11:00:00+11:00' }),
    ]);
    const { calendar } = parse(catalogToICalendar(catalog, { now: new Date('2024-01-01T00:00:00Z') }));
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(3);
    const check = (zone: string, local: string, expected: string) => {
      const time = ICAL.Time.fromDateTimeString(local);
      time.zone = ICAL.TimezoneService.get(zone)!;
      expect(instant(time), `${local} in ${zone}`).toBe(expected);
    };
    check('Europe/Amsterdam', '2021-01-15T12:00:00', '2021-01-15T11:00:00.000Z');
    check('Europe/Amsterdam', '2023-07-15T12:00:00', '2023-07-15T10:00:00.000Z');
    // Long after the last listed year the yearly rule still applies.
    check('Europe/Amsterdam', '2035-07-15T12:00:00', '2035-07-15T10:00:00.000Z');
    check('Europe/Amsterdam', '2035-12-15T12:00:00', '2035-12-15T11:00:00.000Z');
    check('America/New_York', '2024-07-04T12:00:00', '2024-07-04T16:00:00.000Z');
    check('America/New_York', '2030-11-10T12:00:00', '2030-11-10T17:00:00.000Z');
    check('Australia/Sydney', '2030-07-01T12:00:00', '2030-07-01T02:00:00.000Z');
    check('Australia/Sydney', '2030-01-01T12:00:00', '2030-01-01T01:00:00.000Z');
  });

  it('writes one fixed observance for zones without changes', () => {
    const catalog = catalogOf([event({ id: 'tokyo', start: '2026-01-10T10:00:00+09:00', timeZone: 'Asia/Tokyo' })]);
    const text = catalogToICalendar(catalog);
    expect(text).toContain('TZOFFSETTO:+0900');
    const { events } = parse(text);
    expect(instant(events[0]!.getFirstPropertyValue('dtstart'))).toBe('2026-01-10T01:00:00.000Z');
  });
});

describe('eventToICalendar', () => {
  it('writes one event, named after it, with its zone', () => {
    const single = SAMPLE.items[0] as CatalogEvent;
    const text = eventToICalendar(single, SAMPLE, { lang: 'en', now: new Date('2026-01-15T08:00:00Z') });
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Office hour');
    expect(new Set(events.map((e) => e.getFirstPropertyValue('uid')))).toEqual(new Set(['spreekuur@test-hub.kanswijzer']));
    expect(events).toHaveLength(3);
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Europe/Amsterdam']);
  });
});
