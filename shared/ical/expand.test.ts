// Only expand.ts here (not occurrences.ts, which hands over ical.js up front): what a browser has before
// ical.js loads.
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogEvent } from '../catalog/types.ts';
import { expandOccurrences, needsIcal } from './expand.ts';
import { loadRecurrence } from './ical-loader.ts';

const event = (id: string, extra: Partial<CatalogEvent> = {}): CatalogEvent => ({
  id,
  type: 'event',
  title: id,
  topics: [],
  audiences: [],
  sectors: [],
  periods: [],
  start: '2026-03-02T10:00:00+01:00',
  end: '2026-03-02T11:00:00+01:00',
  timeZone: 'Europe/Amsterdam',
  ...extra,
});
const catalog = (...items: CatalogEvent[]): Catalog => ({ format: 'kanswijzer-catalog', version: 1, id: 'c', title: 'c', language: 'nl', topics: [], audiences: [], sectors: [], periods: [], items });
const from = new Date('2026-03-01T00:00:00Z');
const to = new Date('2026-04-01T00:00:00Z');

describe('expandOccurrences before and after ical.js is loaded', () => {
  it('needs no ical.js for events without a rule, and says when a rule is waiting for it', async () => {
    const single = catalog(event('single', { rdate: ['2026-03-09T10:00:00+01:00'] }));
    expect(needsIcal(single)).toBe(false);
    expect(expandOccurrences(single, from, to).occurrences.map((o) => o.start)).toEqual(['2026-03-02T10:00:00+01:00', '2026-03-09T10:00:00+01:00']);

    // Common rules are walked without ical.js.
    const weekly = catalog(event('weekly', { rrule: 'FREQ=WEEKLY;COUNT=4' }), event('monthly', { rrule: 'FREQ=MONTHLY;BYDAY=1MO;UNTIL=20260601T000000Z' }));
    expect(needsIcal(weekly)).toBe(false);
    const walked = expandOccurrences(weekly, from, to);
    expect(walked.occurrences.map((o) => `${o.itemId} ${o.start.slice(0, 10)}`)).toEqual(['monthly 2026-03-02', 'weekly 2026-03-02', 'weekly 2026-03-09', 'weekly 2026-03-16', 'weekly 2026-03-23']);
    expect(walked.truncated).toBe(false);

    // A rule by day of the year waits for ical.js.
    const byWeek = catalog(event('by-year-day', { rrule: 'FREQ=YEARLY;BYYEARDAY=61,68' }));
    expect(needsIcal(byWeek)).toBe(true);
    const before = expandOccurrences(byWeek, from, to);
    expect(before.occurrences).toHaveLength(1);
    expect(before.truncated).toBe(true);

    await loadRecurrence();
    expect(needsIcal(byWeek)).toBe(false);
    const after = expandOccurrences(byWeek, from, to);
    expect(after.occurrences.map((o) => o.start.slice(0, 10))).toEqual(['2026-03-02', '2026-03-09']);
    expect(after.truncated).toBe(false);
  });
});
