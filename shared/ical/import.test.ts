import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCatalog } from '../catalog/parse.ts';
import type { CatalogEvent } from '../catalog/types.ts';
import { parseICalendar } from './import.ts';

/** A calendar from content lines (CRLF, as RFC 5545 wants; the reader accepts LF too). */
const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
const vevent = (...lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20250101T000000Z', ...lines, 'END:VEVENT'];

function events(text: string): CatalogEvent[] {
  const { catalog } = parseICalendar(text);
  return (catalog?.items ?? []) as CatalogEvent[];
}

function only(text: string): CatalogEvent {
  const list = events(text);
  expect(list).toHaveLength(1);
  return list[0]!;
}

const OUTLOOK_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Kantoortijd Utrecht',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

describe('parseICalendar: time zones', () => {
  it('reads IANA TZIDs, keeping the instant and the zone', () => {
    const event = only(ics(...vevent('UID:a', 'SUMMARY:A', 'DTSTART;TZID=Europe/Amsterdam:20250701T100000', 'DTEND;TZID=Europe/Amsterdam:20250701T113000')));
    expect(event).toMatchObject({ type: 'event', start: '2025-07-01T10:00:00+02:00', end: '2025-07-01T11:30:00+02:00', timeZone: 'Europe/Amsterdam' });
  });

  it('maps Exchange and Outlook Windows zone names (and display names) to IANA zones', () => {
    const list = events(
      ics(
        ...vevent('UID:w1', 'SUMMARY:W', 'DTSTART;TZID=W. Europe Standard Time:20250115T090000'),
        ...vevent('UID:w2', 'SUMMARY:E', 'DTSTART;TZID="(UTC-05:00) Eastern Time (US & Canada)":20250115T090000'),
        ...vevent('UID:w3', 'SUMMARY:P', 'DTSTART;TZID=Pacific Standard Time:20250715T090000'),
      ),
    );
    expect(list.map((e) => [e.timeZone, e.start])).toEqual([
      ['Europe/Berlin', '2025-01-15T09:00:00+01:00'],
      ['America/New_York', '2025-01-15T09:00:00-05:00'],
      ['America/Los_Angeles', '2025-07-15T09:00:00-07:00'],
    ]);
  });

  it('reads vendor-prefixed IANA paths and X-LIC-LOCATION', () => {
    const list = events(
      ics(
        'BEGIN:VTIMEZONE',
        'TZID:Mijn zone',
        'X-LIC-LOCATION:Europe/Brussels',
        'BEGIN:STANDARD',
        'DTSTART:19701025T030000',
        'TZOFFSETFROM:+0200',
        'TZOFFSETTO:+0100',
        'END:STANDARD',
        'END:VTIMEZONE',
        ...vevent('UID:m', 'SUMMARY:M', 'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Amsterdam:20250115T090000'),
        ...vevent('UID:l', 'SUMMARY:L', 'DTSTART;TZID=Mijn zone:20250115T090000'),
      ),
    );
    expect(list.map((e) => e.timeZone)).toEqual(['Europe/Amsterdam', 'Europe/Brussels']);
  });

  it('recognises a calendar-defined zone by its rules when its name means nothing', () => {
    const event = only(ics(...OUTLOOK_VTIMEZONE, ...vevent('UID:k', 'SUMMARY:K', 'DTSTART;TZID=Kantoortijd Utrecht:20250701T090000', 'RRULE:FREQ=WEEKLY;COUNT=3')));
    // Some IANA zone with the central-European rules: the same offset in summer and winter as Utrecht.
    expect(event.start).toBe('2025-07-01T09:00:00+02:00');
    expect(event.timeZone).toMatch(/^(Europe|Africa|Arctic)\//);
    expect(event.rrule).toBe('FREQ=WEEKLY;COUNT=3');
  });

  it("gives UTC and floating times Google's X-WR-TIMEZONE", () => {
    const list = events(
      ics('X-WR-TIMEZONE:Europe/Amsterdam', ...vevent('UID:g1', 'SUMMARY:G1', 'DTSTART:20250320T080000Z'), ...vevent('UID:g2', 'SUMMARY:G2', 'DTSTART:20250404T130000')),
    );
    expect(list.map((e) => [e.timeZone, e.start])).toEqual([
      ['Europe/Amsterdam', '2025-03-20T09:00:00+01:00'],
      ['Europe/Amsterdam', '2025-04-04T13:00:00+02:00'],
    ]);
  });

  it('keeps floating times floating, and UTC times in UTC', () => {
    const list = events(ics(...vevent('UID:f', 'SUMMARY:F', 'DTSTART:20250404T130000', 'DTEND:20250404T140000'), ...vevent('UID:u', 'SUMMARY:U', 'DTSTART:20250404T130000Z')));
    expect(list[0]).toMatchObject({ timeZone: 'floating', start: '2025-04-04T13:00:00', end: '2025-04-04T14:00:00' });
    expect(list[1]).toMatchObject({ timeZone: 'UTC', start: '2025-04-04T13:00:00+00:00' });
  });

  it('reports an unknown zone without a VTIMEZONE and reads its times as local times', () => {
    const { catalog, problems } = parseICalendar(ics(...vevent('UID:x', 'SUMMARY:X', 'DTSTART;TZID=Mars/Olympus:20250404T130000')));
    expect((catalog!.items[0] as CatalogEvent).timeZone).toBe('floating');
    expect(problems).toEqual([expect.objectContaining({ severity: 'note', field: 'TZID', line: 8, message: expect.stringContaining('Mars/Olympus') })]);
  });
});

describe('parseICalendar: events', () => {
  it('reads all-day and multi-day events with an exclusive end, from DTEND or DURATION', () => {
    const list = events(
      ics(
        ...vevent('UID:d1', 'SUMMARY:Een dag', 'DTSTART;VALUE=DATE:20250901', 'DTEND;VALUE=DATE:20250902'),
        ...vevent('UID:d2', 'SUMMARY:Week', 'DTSTART;VALUE=DATE:20250825', 'DTEND;VALUE=DATE:20250830'),
        ...vevent('UID:d3', 'SUMMARY:Vakantie', 'DTSTART;VALUE=DATE:20251018', 'DURATION:P9D'),
        ...vevent('UID:t1', 'SUMMARY:Les', 'DTSTART;TZID=Europe/Amsterdam:20251018T090000', 'DURATION:PT1H30M'),
      ),
    );
    expect(list.map((e) => [e.start, e.end])).toEqual([
      ['2025-09-01', undefined],
      ['2025-08-25', '2025-08-30'],
      ['2025-10-18', '2025-10-27'],
      ['2025-10-18T09:00:00+02:00', '2025-10-18T10:30:00+02:00'],
    ]);
  });

  it('carries RRULE, EXDATE and RDATE over in the event’s own form', () => {
    const event = only(
      ics(
        ...vevent(
          'UID:r',
          'SUMMARY:R',
          'DTSTART;TZID=America/New_York:20250227T190000',
          'RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=8',
          'EXDATE;TZID=America/New_York:20250313T190000',
          'EXDATE:20250320T230000Z',
          'RDATE;VALUE=PERIOD:20250315T140000Z/PT1H',
        ),
      ),
    );
    expect(event.rrule).toBe('FREQ=WEEKLY;BYDAY=TH;COUNT=8');
    expect(event.exdate).toEqual(['2025-03-13T19:00:00-04:00', '2025-03-20T19:00:00-04:00']);
    expect(event.rdate).toEqual(['2025-03-15T10:00:00-04:00']);
  });

  it('turns RECURRENCE-ID components into overrides: moved, retitled and cancelled occurrences', () => {
    const event = only(
      ics(
        ...vevent('UID:s', 'SUMMARY:Spreekuur', 'DTSTART;TZID=Europe/Amsterdam:20250303T160000', 'DTEND;TZID=Europe/Amsterdam:20250303T170000', 'RRULE:FREQ=WEEKLY;COUNT=5'),
        ...vevent('UID:s', 'RECURRENCE-ID;TZID=Europe/Amsterdam:20250310T160000', 'SUMMARY:Spreekuur (later)', 'DTSTART;TZID=Europe/Amsterdam:20250310T180000', 'DTEND;TZID=Europe/Amsterdam:20250310T190000'),
        ...vevent('UID:s', 'RECURRENCE-ID:20250317T150000Z', 'SUMMARY:Spreekuur', 'STATUS:CANCELLED', 'DTSTART;TZID=Europe/Amsterdam:20250317T160000', 'DTEND;TZID=Europe/Amsterdam:20250317T170000'),
        ...vevent('UID:s', 'RECURRENCE-ID;VALUE=DATE:20250324', 'SUMMARY:Spreekuur', 'DTSTART;VALUE=DATE:20250324'),
      ),
    );
    expect(event.overrides).toEqual([
      { recurrenceId: '2025-03-10T16:00:00+01:00', start: '2025-03-10T18:00:00+01:00', end: '2025-03-10T19:00:00+01:00', title: 'Spreekuur (later)' },
      { recurrenceId: '2025-03-17T16:00:00+01:00', end: '2025-03-17T17:00:00+01:00', status: 'cancelled' },
      // A meeting turned into an all-day day: the change keeps its own kind.
      { recurrenceId: '2025-03-24T00:00:00+01:00', start: '2025-03-24', end: '2025-03-25' },
    ]);
  });

  it('marks a change to this and all later occurrences (RANGE=THISANDFUTURE)', () => {
    const event = only(
      ics(
        ...vevent('UID:r', 'SUMMARY:R', 'DTSTART:20240901T120000Z', 'RRULE:FREQ=DAILY;COUNT=9'),
        ...vevent('UID:r', 'RECURRENCE-ID;RANGE=THISANDFUTURE:20240903T120000Z', 'SUMMARY:R later', 'DTSTART:20240903T150000Z', 'DTEND:20240903T160000Z'),
      ),
    );
    expect(event.overrides).toEqual([{ recurrenceId: '2024-09-03T12:00:00+00:00', start: '2024-09-03T15:00:00+00:00', end: '2024-09-03T16:00:00+00:00', title: 'R later', range: 'thisAndFuture' }]);
  });

  it('keeps a changed occurrence whose series is missing as an event of its own', () => {
    const list = events(ics(...vevent('UID:o', 'RECURRENCE-ID:20250310T150000Z', 'SUMMARY:Los', 'DTSTART:20250310T170000Z')));
    expect(list).toMatchObject([{ title: 'Los', start: '2025-03-10T17:00:00+00:00' }]);
  });

  it('shows one revision of an event listed twice: the highest SEQUENCE', () => {
    const list = events(
      ics(
        ...vevent('UID:dup', 'SEQUENCE:1', 'SUMMARY:Oud', 'DTSTART;VALUE=DATE:20250701', 'RRULE:FREQ=WEEKLY;COUNT=3'),
        ...vevent('UID:dup', 'SEQUENCE:2', 'SUMMARY:Nieuw', 'DTSTART;VALUE=DATE:20250701', 'RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE;VALUE=DATE:20250708'),
      ),
    );
    expect(list).toMatchObject([{ title: 'Nieuw', exdate: ['2025-07-08'] }]);
  });

  it('reads text: unescaping, status, location, URL, and HTML descriptions as plain text that cannot become links', () => {
    const event = only(
      ics(
        ...vevent(
          'UID:t',
          'SUMMARY:Ouderavond\\, met tolk\\; zaal 2',
          'DTSTART:20250404T130000Z',
          'STATUS:TENTATIVE',
          'LOCATION:Aula\\, Stationsplein 1',
          'URL:https://school.example/agenda',
          'DESCRIPTION:<p>Welkom <b>ouders</b>!</p><p>[klik](javascript:alert(1)) <a href="javascript:x">hier</a> ' + 'en '.repeat(120) + '</p>',
        ),
      ),
    );
    expect(event.title).toBe('Ouderavond, met tolk; zaal 2');
    expect(event.status).toBe('tentative');
    expect(event.location).toEqual({ address: 'Aula, Stationsplein 1' });
    expect(event.url).toBe('https://school.example/agenda');
    expect(event.summary).toBe('Welkom ouders!');
    expect(event.body).toContain('\\[klik\\]\\(javascript:alert\\(1\\)\\)');
    expect(event.body).not.toMatch(/<a|<p|\]\(/);
  });

  it('gives events ids from their UID, unique within the calendar', () => {
    const list = events(
      ics(...vevent('UID:abc@school.example', 'SUMMARY:A', 'DTSTART:20250404T130000Z'), ...vevent('UID:abc@school.example', 'SUMMARY:B', 'DTSTART:20250505T130000Z'), ...vevent('SUMMARY:C', 'DTSTART:20250606T130000Z')),
    );
    expect(list.map((e) => e.id)).toEqual(['abc-school.example', 'abc-school.example-2', 'event-3']);
  });
});

describe('parseICalendar: broken and hostile input', () => {
  it('says what a non-calendar is', () => {
    expect(parseICalendar('').problems[0]!.message).toMatch(/empty/);
    expect(parseICalendar('<!doctype html><html><body>Login</body></html>').problems[0]!.message).toMatch(/web page/);
    expect(parseICalendar('{"format":"kanswijzer-catalog"}').problems[0]!.message).toMatch(/JSON/);
    expect(parseICalendar('hello').catalog).toBeUndefined();
  });

  it('reports broken parts with line numbers and imports the rest', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:ok',
      'SUMMARY:Goed',
      'DTSTART:20250404T130000Z',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:no-start',
      'SUMMARY:Zonder start',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:bad-start',
      'SUMMARY:Kapotte start',
      'DTSTART:20251345T990000',
      'END:VEVENT',
      'this line is garbage',
      'BEGIN:VEVENT',
      'UID:bad-rule',
      'SUMMARY:Kapotte regel',
      'DTSTART:20250404T130000Z',
      'RRULE:FREQ=SOMETIMES',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:typo',
      'SUMMARY:Typfout',
      'DTSTART:20250404T130000Z',
      'END:VEVNT',
      'END:VCALENDAR',
    ].join('\n');
    const { catalog, problems } = parseICalendar(text, { sourceUrl: 'agenda.ics' });
    expect(catalog!.items.map((i) => i.id)).toEqual(['ok', 'bad-rule', 'typo']);
    const lines = problems.map((p) => [p.line, p.field ?? '', p.file]);
    expect(lines).toEqual([
      [17, '', 'agenda.ics'],
      [28, '', 'agenda.ics'],
      [8, 'DTSTART', 'agenda.ics'],
      [15, 'DTSTART', 'agenda.ics'],
      [22, 'RRULE', 'agenda.ics'],
    ]);
    expect(problems[3]!.message).toContain('Kapotte start');
    expect(problems[4]!.message).toMatch(/RRULE "FREQ=SOMETIMES" could not be read.*only the first occurrence/);
  });

  it('cuts a huge calendar at the event cap and says so', () => {
    const body: string[] = [];
    for (let i = 0; i < 1200; i++) body.push(...vevent(`UID:e${i}`, `SUMMARY:E${i}`, 'DTSTART:20250404T130000Z'));
    const { catalog, problems } = parseICalendar(ics(...body), { maxEvents: 1000 });
    expect(catalog!.items).toHaveLength(1000);
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', message: expect.stringContaining('more than 1000 events') }));
  });

  it('never throws, and whatever it returns is a valid catalog (property test)', () => {
    const line = fc.oneof(
      fc.constantFrom('BEGIN:VEVENT', 'END:VEVENT', 'BEGIN:VTIMEZONE', 'END:VTIMEZONE', 'BEGIN:STANDARD', 'END:STANDARD', 'BEGIN:VALARM', 'END:VCALENDAR', ' folded', '\t'),
      fc.tuple(
        fc.constantFrom('DTSTART', 'DTEND', 'DURATION', 'RRULE', 'EXDATE', 'RDATE', 'RECURRENCE-ID', 'UID', 'SUMMARY', 'DESCRIPTION', 'STATUS', 'TZID', 'TZOFFSETFROM', 'TZOFFSETTO', 'X-WR-TIMEZONE', 'LOCATION', 'URL'),
        fc.constantFrom('', ';TZID=Europe/Amsterdam', ';VALUE=DATE', ';TZID="a:b"', ';TZID=W. Europe Standard Time', ';VALUE=PERIOD', ';RANGE=THISANDFUTURE'),
        fc.oneof(
          fc.constantFrom('20250101T100000', '20250101', '20250101T100000Z', 'FREQ=DAILY;COUNT=3', 'FREQ=SECONDLY', 'PT1H', 'P-1D', 'CANCELLED', '+0100', 'javascript:alert(1)', '2025-13-45'),
          // Edges the importer must keep inside the catalog format: the last years, links without slashes.
          fc.constantFrom('99991231T230000Z', '99991231', 'P9999W', 'http:voorbeeld.nl', 'https://', 'freq=weekly;byday=mo'),
          fc.string({ maxLength: 30 }),
        ),
      ).map(([name, params, value]) => `${name}${params}:${value}`),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom('\r\n', '\n', '\r'), (lines, eol) => {
        const text = ['BEGIN:VCALENDAR', ...lines, 'END:VCALENDAR'].join(eol);
        const result = parseICalendar(text);
        if (result.catalog) {
          const check = parseCatalog(result.catalog, { mode: 'strict' });
          expect(check.problems.filter((p) => p.severity === 'error')).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        parseICalendar(text);
        parseICalendar(`BEGIN:VCALENDAR\n${text}`);
      }),
      { numRuns: 300 },
    );
  });
});
