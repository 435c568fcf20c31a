import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../catalog/parse.ts';
import type { Catalog } from '../catalog/types.ts';
import { importCalendarsIntoCatalog } from './merge-into-catalog.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const base = JSON.parse(readFileSync(path.resolve(here, '../../../shared/examples/minimal-catalog.json'), 'utf8')) as Catalog;
const fixture = (name: string) => ({ source: `https://school.example/${name}`, text: readFileSync(path.resolve(here, '../../test/fixtures/ics', name), 'utf8') });

describe('importCalendarsIntoCatalog (kanswijzer build --ics)', () => {
  it('adds the events of each calendar with prefixed ids and keeps the catalog valid', () => {
    const { catalog, problems } = importCalendarsIntoCatalog(base, [fixture('google-x-wr-timezone.ics'), fixture('all-day.ics')]);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const added = catalog.items.slice(base.items.length);
    expect(added.map((i) => i.id)).toEqual([
      'schoolagenda-gelijke-kansen-overleg-google.test',
      'schoolagenda-ouderavond-google.test',
      'all-day-introductieweek-kanswijzer.test',
      'all-day-studiedag-kanswijzer.test',
      'all-day-herfstvakantie-kanswijzer.test',
      'all-day-verjaardag-kanswijzer.test',
    ]);
    expect(added[0]).toMatchObject({ topics: [], source: { name: 'Schoolagenda', url: 'https://school.example/google-x-wr-timezone.ics' } });
    const check = parseCatalog(catalog, { mode: 'strict' });
    expect(check.problems).toEqual([]);
    expect(check.valid).toBe(true);
  });

  it('maps CATEGORIES that name a topic of the catalog to that topic', () => {
    const text = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x', 'SUMMARY:Stagemarkt', 'CATEGORIES:Stagediscriminatie,Overig', 'DTSTART;VALUE=DATE:20261201', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const { catalog } = importCalendarsIntoCatalog(base, [{ source: 'agenda.ics', text }]);
    expect(catalog.items.at(-1)).toMatchObject({ id: 'agenda-x', topics: ['stagediscriminatie'] });
    expect(catalog.items.at(-1)).not.toHaveProperty('categories');
  });

  it('reports a calendar that cannot be read and keeps going', () => {
    const { catalog, problems } = importCalendarsIntoCatalog(base, [{ source: 'kapot.ics', text: '<html>404</html>' }, fixture('floating.ics')]);
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.file)).toEqual(['kapot.ics', 'kapot.ics']);
    expect(catalog.items.length).toBe(base.items.length + 1);
  });
});
