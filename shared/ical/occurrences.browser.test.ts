import { expect } from '@open-wc/testing';
import type { Catalog, CatalogEvent } from '../catalog/types.ts';
import { parseICalendar } from './import.ts';
import { expandOccurrences } from './occurrences.ts';
import { catalogToICalendar } from './write.ts';

// Expansion in real Chromium, with the browser's own time-zone data (Intl), across daylight-saving changes.
async function calendar(name: string) {
  const text = await (await fetch(`/test/fixtures/ics/${name}`)).text();
  const { catalog, problems } = parseICalendar(text, { sourceUrl: name });
  expect(problems.filter((p) => p.severity === 'error')).to.deep.equal([]);
  return catalog!;
}

describe('expandOccurrences in the browser', () => {
  it('keeps 10:00 in Amsterdam on both sides of the change to summer time', async () => {
    const catalog = await calendar('amsterdam-dst.ics');
    const { occurrences } = expandOccurrences(catalog, new Date('2025-03-15T00:00:00Z'), new Date('2025-04-01T00:00:00Z'), { timeZone: 'Europe/Amsterdam' });
    const sundays = occurrences.filter((o) => o.itemId === 'teamoverleg-zondag-kanswijzer.test').map((o) => o.start);
    expect(sundays).to.deep.equal(['2025-03-16T10:00:00+01:00', '2025-03-23T10:00:00+01:00', '2025-03-30T10:00:00+02:00']);
    // 02:30 on 30 March does not exist; it is read as 03:30 summer time.
    const night = occurrences.filter((o) => o.itemId === 'nachtdienst-kanswijzer.test').map((o) => o.start);
    expect(night).to.include('2025-03-30T03:30:00+02:00');
  });

  it('shows New York events in a viewer’s zone, with moved and cancelled occurrences', async () => {
    const catalog = await calendar('new-york-dst.ics');
    const { occurrences } = expandOccurrences(catalog, new Date('2025-03-01T00:00:00Z'), new Date('2025-03-22T00:00:00Z'), { timeZone: 'Europe/Amsterdam' });
    expect(occurrences.map((o) => [o.start, o.cancelled])).to.deep.equal([
      ['2025-03-07T23:00:00+01:00', false],
      ['2025-03-15T15:00:00+01:00', false],
      ['2025-03-21T00:00:00+01:00', true],
    ]);
  });

  it('round-trips a catalog event through events.ics and back', () => {
    const event = { id: 'x', type: 'event', title: 'Spreekuur', topics: [], audiences: [], sectors: [], periods: [], start: '2025-10-21T16:00:00+02:00', timeZone: 'Europe/Amsterdam', rrule: 'FREQ=WEEKLY;COUNT=3' } as CatalogEvent;
    const catalog: Catalog = { format: 'kanswijzer-catalog', version: 1, id: 'c', title: 'C', language: 'nl', topics: [], audiences: [], sectors: [], periods: [], items: [event] };
    const back = parseICalendar(catalogToICalendar(catalog)).catalog!;
    const { occurrences } = expandOccurrences(back, new Date('2025-10-01T00:00:00Z'), new Date('2025-11-30T00:00:00Z'));
    expect(occurrences.map((o) => o.start)).to.deep.equal(['2025-10-21T16:00:00+02:00', '2025-10-28T16:00:00+01:00', '2025-11-04T16:00:00+01:00']);
  });
});
