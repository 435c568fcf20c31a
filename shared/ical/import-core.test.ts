import { readdirSync, readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRrule } from '../catalog/rrule.ts';
import { durationSeconds, importICalendar, parseICalendarAsync } from './import-core.ts';
import { parseICalendar } from './import.ts';
import { expandImportProblems } from './import-messages.ts';

const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
const vevent = (...lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20250101T000000Z', ...lines, 'END:VEVENT'];

const CORPUS = '../shared/ics-corpus/calendars';
const FIXTURES = 'test/fixtures/ics';

describe('parseICalendarAsync (loads ical.js and the Windows zone table only when a calendar needs them)', () => {
  it('reads every calendar of the corpus and the fixtures exactly as the synchronous reader does', async () => {
    const files = [...readdirSync(CORPUS).map((f) => `${CORPUS}/${f}`), ...readdirSync(FIXTURES).map((f) => `${FIXTURES}/${f}`)].filter((f) => f.endsWith('.ics'));
    expect(files.length).toBeGreaterThan(70);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(await parseICalendarAsync(text, { sourceUrl: file }), file).toEqual(parseICalendar(text, { sourceUrl: file }));
    }
  });

  it('without the helpers, says what it could not read instead of guessing', () => {
    const text = ics(
      ...vevent('UID:a', 'SUMMARY:Outlook', 'DTSTART;TZID=W. Europe Standard Time:20250404T130000'),
      ...vevent('UID:b', 'SUMMARY:Onbekend deel', 'DTSTART:20250404T130000Z', 'RRULE:FREQ=WEEKLY;COUNT=3;FOO=1'),
    );
    const bare = importICalendar(text, {}, { checkRrule });
    expect(bare.catalog!.items.map((item) => (item as { timeZone?: string }).timeZone)).toEqual(['floating', 'UTC']);
    expect(expandImportProblems(bare.problems).map((p) => p.message).join('\n')).toMatch(/W. Europe Standard Time" is unknown[\s\S]*could not be read \(the iCalendar reader could not be loaded\)/);
    const full = parseICalendar(text);
    expect(full.catalog!.items.map((item) => (item as { timeZone?: string }).timeZone)).toEqual(['Europe/Berlin', 'UTC']);
    // ical.js drops the part it does not know, and the rest of the rule is used.
    expect((full.catalog!.items[1] as { rrule?: string }).rrule).toBe('FREQ=WEEKLY;COUNT=3');
    expect(full.problems).toEqual([]);
  });
});

describe('durationSeconds', () => {
  it('reads DURATION values as ical.js does, valid or not (property test)', () => {
    const piece = fc.oneof(fc.constantFrom('P', 'T', 'W', 'D', 'H', 'M', 'S', '-', '+', ' ', 'x', '.'), fc.integer({ min: 0, max: 999 }).map(String));
    const asIcal = (text: string) => {
      try {
        return ICAL.Duration.fromString(text).toSeconds();
      } catch {
        return undefined;
      }
    };
    for (const text of ['PT1H', 'P1D', 'P2W', 'PT1H30M', 'P1DT2H3M4S', '-PT15M', 'P1M', 'PT', 'P', '', 'PT1.5H', 'P-1D']) expect(durationSeconds(text), text).toBe(asIcal(text));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(durationSeconds(text)).toBe(asIcal(text));
      }),
      { numRuns: 2000 },
    );
  });
});
