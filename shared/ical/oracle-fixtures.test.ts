/**
 * The project's own calendars (test/fixtures/ics/) expanded by Kanswijzer and by an independent
 * implementation (python-recurring-ical-events, see test/fixtures/ics/oracle.py → expected.json). Every
 * start must match, except the few listed below where the oracle contradicts RFC 5545.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseICalendar } from './import.ts';
import { expandOccurrences, type Occurrence } from './occurrences.ts';
import { parseTime, wallTimeToEpoch } from './time.ts';

const ZONE = 'Europe/Amsterdam';
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/ics');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
  calendars: { file: string; from: string; to: string; occurrences: { uid: string; start: string; summary: string }[] }[];
};

/**
 * Where the oracle is wrong, with the answer RFC 5545 gives. Keys as in `key()`; `missing` are starts the
 * oracle lists that we (rightly) do not, `extra` the reverse.
 */
const KNOWN_DIFFERENCES: Record<string, { missing: string[]; extra: string[]; why: string }> = {
  'ambiguous-time.ics 2025-10-20': {
    missing: ['instant 2025-10-26T01:30:00.000Z', 'instant 2025-11-02T06:30:00.000Z'],
    extra: ['instant 2025-10-26T00:30:00.000Z', 'instant 2025-11-02T05:30:00.000Z'],
    why: 'a local time that happens twice is the first of the two (RFC 5545 §3.3.5); the oracle takes the second',
  },
  'google-x-wr-timezone.ics 2025-03-01': {
    missing: [],
    extra: ['instant 2025-04-17T07:00:00.000Z'],
    why: 'UNTIL=20250417T075959Z is after 17 April 09:00 CEST (07:00 UTC), so it is an occurrence (§3.3.10); the oracle compares with the winter offset of DTSTART',
  },
  'outlook-windows-zones.ics 2025-03-01': {
    missing: [],
    extra: ['instant 2025-04-10T13:30:00.000Z'],
    why: 'UNTIL=20250410T133000Z is exactly 10 April 15:30 CEST, the last occurrence (UNTIL is inclusive, §3.3.10); the oracle compares with the winter offset of DTSTART',
  },
};

function expectedKey(start: string): string {
  const parsed = parseTime(start)!;
  if (parsed.kind === 'date') return `date ${start}`;
  if (parsed.kind === 'local') return `wall ${start}`;
  return `instant ${new Date(parsed.epoch).toISOString()}`;
}

function key(occurrence: Occurrence): string {
  if (occurrence.allDay) return `date ${occurrence.start}`;
  if (occurrence.item.timeZone === 'floating') return `wall ${occurrence.start.slice(0, 19)}`;
  return `instant ${occurrence.startDate.toISOString()}`;
}

const day = (date: string) => new Date(wallTimeToEpoch(ZONE, { ...parseTime(date)!.wall }));

describe('expansion agrees with an independent implementation on the project calendars', () => {
  for (const calendar of expected.calendars) {
    const label = `${calendar.file} ${calendar.from}`;
    it(`${calendar.file} from ${calendar.from} to ${calendar.to}`, () => {
      const { catalog, problems } = parseICalendar(readFileSync(path.join(dir, calendar.file), 'utf8'), { sourceUrl: calendar.file });
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      const { occurrences, truncated } = expandOccurrences(catalog!, day(calendar.from), day(calendar.to), { timeZone: ZONE });
      expect(truncated).toBe(false);
      const ours = occurrences.map(key).sort();
      const theirs = calendar.occurrences.map((o) => expectedKey(o.start)).sort();
      const known = KNOWN_DIFFERENCES[label];
      const corrected = [...theirs.filter((k) => !known?.missing.includes(k)), ...(known?.extra ?? [])].sort();
      expect(ours).toEqual(corrected);
    });
  }

  it('lists each known difference for a calendar that exists', () => {
    for (const label of Object.keys(KNOWN_DIFFERENCES)) {
      expect(expected.calendars.some((c) => `${c.file} ${c.from}` === label), label).toBe(true);
    }
  });
});
