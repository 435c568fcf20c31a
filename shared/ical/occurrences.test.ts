import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Catalog, CatalogEvent } from '../catalog/types.ts';
import { expandOccurrences } from './occurrences.ts';

function event(fields: Partial<CatalogEvent> & Pick<CatalogEvent, 'id' | 'start'>): CatalogEvent {
  return { type: 'event', title: fields.id, topics: [], audiences: [], sectors: [], periods: [], timeZone: 'Europe/Amsterdam', ...fields } as CatalogEvent;
}

function catalogOf(...items: CatalogEvent[]): Catalog {
  return { format: 'kanswijzer-catalog', version: 1, id: 't', title: 'T', language: 'nl', topics: [], audiences: [], sectors: [], periods: [], items };
}

const at = (iso: string) => new Date(iso);
const starts = (catalog: Catalog, from: string, to: string, timeZone?: string) =>
  expandOccurrences(catalog, at(from), at(to), timeZone ? { timeZone } : {}).occurrences.map((o) => o.start);

describe('expandOccurrences: time zones and daylight saving', () => {
  it('keeps the wall-clock time across the change to summer time, with the new offset', () => {
    const catalog = catalogOf(event({ id: 'w', start: '2024-03-24T10:00:00+01:00', end: '2024-03-24T11:00:00+01:00', rrule: 'FREQ=WEEKLY;COUNT=3' }));
    expect(starts(catalog, '2024-03-01T00:00:00Z', '2024-05-01T00:00:00Z')).toEqual(['2024-03-24T10:00:00+01:00', '2024-03-31T10:00:00+02:00', '2024-04-07T10:00:00+02:00']);
  });

  it('follows New York’s own change dates, and writes times in another zone when asked', () => {
    const catalog = catalogOf(event({ id: 'ny', start: '2024-03-07T19:00:00-05:00', timeZone: 'America/New_York', rrule: 'FREQ=WEEKLY;COUNT=3' }));
    expect(starts(catalog, '2024-03-01T00:00:00Z', '2024-04-01T00:00:00Z')).toEqual(['2024-03-07T19:00:00-05:00', '2024-03-14T19:00:00-04:00', '2024-03-21T19:00:00-04:00']);
    // Seen from Amsterdam: 01:00 the next day, then 00:00 (US summer time), then 00:00.
    expect(starts(catalog, '2024-03-01T00:00:00Z', '2024-04-01T00:00:00Z', 'Europe/Amsterdam')).toEqual(['2024-03-08T01:00:00+01:00', '2024-03-15T00:00:00+01:00', '2024-03-22T00:00:00+01:00']);
  });

  it('reads local times that do not exist or happen twice as RFC 5545 says', () => {
    const catalog = catalogOf(
      // 02:30 every day: on 31 March 2024 that time does not exist in Amsterdam (it becomes 03:30 CEST).
      event({ id: 'gap', start: '2024-03-30T02:30:00+01:00', rrule: 'FREQ=DAILY;COUNT=3' }),
      // 02:30 on 27 October 2024 happens twice; the first one (summer time) counts.
      event({ id: 'overlap', start: '2024-10-26T02:30:00+02:00', rrule: 'FREQ=DAILY;COUNT=2' }),
    );
    const result = expandOccurrences(catalog, at('2024-03-29T00:00:00Z'), at('2024-10-28T00:00:00Z')).occurrences;
    expect(result.map((o) => [o.itemId, o.startDate.toISOString()])).toEqual([
      ['gap', '2024-03-30T01:30:00.000Z'],
      ['gap', '2024-03-31T01:30:00.000Z'],
      ['gap', '2024-04-01T00:30:00.000Z'],
      ['overlap', '2024-10-26T00:30:00.000Z'],
      ['overlap', '2024-10-27T00:30:00.000Z'],
    ]);
    expect(result[1]!.start).toBe('2024-03-31T03:30:00+02:00');
  });

  it('reads floating times in the zone asked for', () => {
    const catalog = catalogOf(event({ id: 'f', start: '2024-07-01T09:00:00', end: '2024-07-01T10:00:00', timeZone: 'floating' }));
    const [inAmsterdam] = expandOccurrences(catalog, at('2024-06-01T00:00:00Z'), at('2024-08-01T00:00:00Z'), { timeZone: 'Europe/Amsterdam' }).occurrences;
    const [inNewYork] = expandOccurrences(catalog, at('2024-06-01T00:00:00Z'), at('2024-08-01T00:00:00Z'), { timeZone: 'America/New_York' }).occurrences;
    expect([inAmsterdam!.start, inAmsterdam!.end]).toEqual(['2024-07-01T09:00:00+02:00', '2024-07-01T10:00:00+02:00']);
    expect(inNewYork!.start).toBe('2024-07-01T09:00:00-04:00');
  });
});

describe('expandOccurrences: exceptions and changes', () => {
  const series = event({
    id: 'spreekuur',
    title: 'Spreekuur',
    start: '2024-09-03T16:00:00+02:00',
    end: '2024-09-03T17:00:00+02:00',
    rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
    exdate: ['2024-09-10T16:00:00+02:00'],
    rdate: ['2024-09-12T10:00:00+02:00'],
    overrides: [
      { recurrenceId: '2024-09-17T16:00:00+02:00', status: 'cancelled' },
      { recurrenceId: '2024-09-24T16:00:00+02:00', start: '2024-09-25T09:00:00+02:00', end: '2024-09-25T09:30:00+02:00', title: 'Spreekuur (woensdag)' },
      // Moved from October to August: out of a September-October range, into an August one.
      { recurrenceId: '2024-10-08T16:00:00+02:00', start: '2024-08-27T16:00:00+02:00' },
    ],
  });
  const catalog = catalogOf(series);

  it('leaves out EXDATEs, adds RDATEs, marks cancelled occurrences and shows moved ones at their new time', () => {
    const list = expandOccurrences(catalog, at('2024-09-01T00:00:00Z'), at('2024-11-01T00:00:00Z')).occurrences;
    expect(list.map((o) => [o.start, o.end, o.cancelled])).toEqual([
      ['2024-09-03T16:00:00+02:00', '2024-09-03T17:00:00+02:00', false],
      ['2024-09-12T10:00:00+02:00', '2024-09-12T11:00:00+02:00', false],
      ['2024-09-17T16:00:00+02:00', '2024-09-17T17:00:00+02:00', true],
      ['2024-09-25T09:00:00+02:00', '2024-09-25T09:30:00+02:00', false],
      ['2024-10-01T16:00:00+02:00', '2024-10-01T17:00:00+02:00', false],
    ]);
    expect(list[3]!.title).toBe('Spreekuur (woensdag)');
    expect(list[3]!.id).toBe('spreekuur@2024-09-24T14:00:00Z');
  });

  it('shows an occurrence moved into the range from outside it', () => {
    const list = expandOccurrences(catalog, at('2024-08-01T00:00:00Z'), at('2024-09-01T00:00:00Z')).occurrences;
    expect(list.map((o) => [o.start, o.end])).toEqual([['2024-08-27T16:00:00+02:00', '2024-08-27T17:00:00+02:00']]);
  });

  it('applies a change to "this and all later occurrences" to the later ones too (RFC 5545 RANGE=THISANDFUTURE)', () => {
    const weekly = event({
      id: 'cursus',
      title: 'Cursus',
      start: '2024-09-02T19:00:00+02:00',
      end: '2024-09-02T21:00:00+02:00',
      rrule: 'FREQ=WEEKLY;COUNT=5',
      overrides: [
        { recurrenceId: '2024-09-16T19:00:00+02:00', start: '2024-09-16T18:30:00+02:00', end: '2024-09-16T21:30:00+02:00', title: 'Cursus (nieuwe tijd)', range: 'thisAndFuture' } as NonNullable<CatalogEvent['overrides']>[number],
        { recurrenceId: '2024-09-23T19:00:00+02:00', status: 'cancelled' },
      ],
    });
    const list = expandOccurrences(catalogOf(weekly), at('2024-09-01T00:00:00Z'), at('2024-10-31T00:00:00Z')).occurrences;
    expect(list.map((o) => [o.start, o.end, o.title, o.cancelled])).toEqual([
      ['2024-09-02T19:00:00+02:00', '2024-09-02T21:00:00+02:00', 'Cursus', false],
      ['2024-09-09T19:00:00+02:00', '2024-09-09T21:00:00+02:00', 'Cursus', false],
      ['2024-09-16T18:30:00+02:00', '2024-09-16T21:30:00+02:00', 'Cursus (nieuwe tijd)', false],
      // Its own change (cancelled) wins over the range.
      ['2024-09-23T19:00:00+02:00', '2024-09-23T21:00:00+02:00', 'Cursus', true],
      ['2024-09-30T18:30:00+02:00', '2024-09-30T21:30:00+02:00', 'Cursus (nieuwe tijd)', false],
    ]);
  });

  it('marks every occurrence of a cancelled event as cancelled', () => {
    const list = expandOccurrences(catalogOf({ ...series, status: 'cancelled', overrides: [] }), at('2024-09-01T00:00:00Z'), at('2024-09-20T00:00:00Z')).occurrences;
    expect(list.every((o) => o.cancelled)).toBe(true);
    expect(list).toHaveLength(3);
  });
});

describe('expandOccurrences: all-day and multi-day events', () => {
  it('writes dates, with the day after the last day as end, and includes events already under way', () => {
    const catalog = catalogOf(
      event({ id: 'week', start: '2025-08-25', end: '2025-08-30' }),
      event({ id: 'dag', start: '2025-09-01', rrule: 'FREQ=MONTHLY;BYDAY=1MO;COUNT=3', exdate: ['2025-10-06'] }),
    );
    const list = expandOccurrences(catalog, at('2025-08-27T00:00:00+02:00'), at('2026-01-01T00:00:00+01:00'), { timeZone: 'Europe/Amsterdam' }).occurrences;
    expect(list.map((o) => [o.itemId, o.start, o.end, o.allDay])).toEqual([
      ['week', '2025-08-25', '2025-08-30', true],
      ['dag', '2025-09-01', '2025-09-02', true],
      ['dag', '2025-11-03', '2025-11-04', true],
    ]);
    expect(list[0]!.startDate.toISOString()).toBe('2025-08-24T22:00:00.000Z');
  });

  it('skips dates that do not exist instead of rolling them over', () => {
    const catalog = catalogOf(
      event({ id: 'schrikkel', start: '2024-02-29', rrule: 'FREQ=YEARLY;COUNT=3' }),
      event({ id: 'dertig', start: '2024-01-30', rrule: 'FREQ=YEARLY;BYMONTH=1,2;BYMONTHDAY=30' }),
    );
    const list = expandOccurrences(catalog, at('2024-01-01T00:00:00Z'), at('2040-01-01T00:00:00Z'), { timeZone: 'UTC' }).occurrences;
    // COUNT=3 counts real dates only.
    expect(list.filter((o) => o.itemId === 'schrikkel').map((o) => o.start)).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
    expect(list.filter((o) => o.itemId === 'dertig').every((o) => o.start.endsWith('-01-30'))).toBe(true);
  });
});

describe('expandOccurrences: bounds', () => {
  it('cannot be made to hang by an endless or an impossible rule', () => {
    const catalog = catalogOf(
      event({ id: 'elke-seconde', start: '2024-01-01T00:00:00+01:00', rrule: 'FREQ=SECONDLY' }),
      // No day is both in February and the 31st: ical.js alone would search for ever.
      event({ id: 'onmogelijk', start: '2024-01-31T10:00:00+01:00', rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31' }),
      event({ id: 'gewoon', start: '2024-06-01T10:00:00+02:00' }),
    );
    const result = expandOccurrences(catalog, at('2024-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z'), { maxIterations: 5000 });
    expect(result.truncated).toBe(true);
    expect(result.occurrences.some((o) => o.itemId === 'gewoon')).toBe(true);
    expect(result.occurrences.filter((o) => o.itemId === 'onmogelijk').map((o) => o.start)).toEqual(['2024-01-31T10:00:00+01:00']);
  });

  it('stops at the limit, keeping the earliest occurrences in order', () => {
    const items = Array.from({ length: 50 }, (_, i) => event({ id: `e${i}`, start: `2024-01-01T${String(8 + (i % 10)).padStart(2, '0')}:00:00+01:00`, rrule: 'FREQ=DAILY' }));
    const result = expandOccurrences(catalogOf(...items), at('2024-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z'), { limit: 120 });
    expect(result.truncated).toBe(true);
    expect(result.occurrences).toHaveLength(120);
    const times = result.occurrences.map((o) => o.startDate.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(result.occurrences.at(-1)!.start.slice(0, 10)).toBe('2024-01-03');
  });

  it('starts long-running daily rules near the range rather than at their first date', () => {
    const catalog = catalogOf(event({ id: 'oud', start: '1990-01-01T09:00:00+01:00', rrule: 'FREQ=DAILY;INTERVAL=3' }));
    const result = expandOccurrences(catalog, at('2024-03-01T00:00:00Z'), at('2024-03-10T00:00:00Z'), { maxIterations: 200 });
    expect(result.truncated).toBe(false);
    // 1990-01-01 plus a multiple of three days: 2024-03-02 is day 12479 = 3 × 4159 + 2, so 03-03 is the first.
    expect(result.occurrences.map((o) => o.start.slice(0, 10))).toEqual(['2024-03-03', '2024-03-06', '2024-03-09']);
  });

  it('never throws or hangs on any combination of rule parts (property test)', () => {
    const part = fc.oneof(
      fc.constantFrom('COUNT=3', 'COUNT=400', 'INTERVAL=2', 'INTERVAL=53', 'UNTIL=20250101', 'UNTIL=20240301T000000Z', 'UNTIL=19990101T000000Z', 'WKST=SU'),
      fc.array(fc.integer({ min: -31, max: 31 }).filter((n) => n !== 0), { minLength: 1, maxLength: 3 }).map((days) => `BYMONTHDAY=${days.join(',')}`),
      fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }).map((months) => `BYMONTH=${months.join(',')}`),
      fc.array(fc.tuple(fc.constantFrom('', '1', '-1', '2', '5', '-5', '53'), fc.constantFrom('MO', 'TU', 'FR', 'SU')), { minLength: 1, maxLength: 3 }).map((days) => `BYDAY=${days.map(([n, d]) => n + d).join(',')}`),
      fc.constantFrom('BYSETPOS=1', 'BYSETPOS=-1', 'BYSETPOS=366', 'BYYEARDAY=366', 'BYYEARDAY=-1', 'BYWEEKNO=53', 'BYWEEKNO=-1', 'BYHOUR=9,25', 'BYMINUTE=0,30', 'BYSECOND=60'),
    );
    fc.assert(
      fc.property(fc.constantFrom('SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'), fc.array(part, { maxLength: 4 }), fc.boolean(), (freq, parts, allDay) => {
        const rrule = [`FREQ=${freq}`, ...parts].join(';');
        const catalog = catalogOf(event({ id: 'p', start: allDay ? '2024-01-31' : '2024-01-31T10:00:00+01:00', rrule }));
        const result = expandOccurrences(catalog, at('2024-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'), { maxIterations: 3000, limit: 500 });
        expect(result.occurrences.length).toBeLessThanOrEqual(500);
      }),
      { numRuns: 400 },
    );
  });

  it('answers empty, without throwing, for nonsense input', () => {
    expect(expandOccurrences(catalogOf(), at('2024-02-01T00:00:00Z'), at('2024-01-01T00:00:00Z')).occurrences).toEqual([]);
    expect(expandOccurrences({} as Catalog, at('2024-01-01T00:00:00Z'), at('2024-02-01T00:00:00Z')).occurrences).toEqual([]);
    const odd = catalogOf(event({ id: 'x', start: 'soon', rrule: 'FREQ=WEEKLY' }), event({ id: 'y', start: '2024-01-10T10:00:00+01:00', rrule: '!!' }), event({ id: 'z', start: '2024-01-11T10:00:00+01:00', timeZone: 'Nowhere/Land' }));
    expect(expandOccurrences(odd, at('2024-01-01T00:00:00Z'), at('2024-02-01T00:00:00Z')).occurrences.map((o) => [o.itemId, o.start])).toEqual([
      ['y', '2024-01-10T10:00:00+01:00'],
      ['z', '2024-01-11T10:00:00+01:00'],
    ]);
  });
});
