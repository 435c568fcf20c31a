import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { collectOccurrences } from './events.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(root, 'test/fixtures/ics');
const exampleCatalog = path.resolve(root, '../shared/examples/minimal-catalog.json');

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['events', ...args], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: fixtures });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('kanswijzer events', () => {
  it('prints every occurrence as JSON, with offsets of the event’s zone and dates for all-day events', async () => {
    const { code, stdout, stderr } = await run('new-york-dst.ics', 'all-day.ics', '--from', '2025-03-01', '--to', '2025-03-22', '--time-zone', 'America/New_York', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { occurrences } = JSON.parse(stdout) as { occurrences: { id: string; title: string; start: string; end: string; allDay: boolean; cancelled: boolean }[] };
    expect(occurrences.map((o) => [o.start, o.title, o.cancelled])).toEqual([
      ['2025-03-07T17:00:00-05:00', 'Webinar peer mentoring (verplaatst naar vrijdag)', false],
      ['2025-03-15T10:00:00-04:00', 'Webinar peer mentoring (New York)', false],
      ['2025-03-20T19:00:00-04:00', 'Webinar peer mentoring', true],
    ]);
    expect(Object.keys(occurrences[0]!)).toEqual(['id', 'title', 'start', 'end', 'allDay', 'cancelled']);
  });

  it('reads JSON catalogs too, and writes a readable agenda by default (Dutch with --lang nl)', async () => {
    const { code, stdout } = await run(exampleCatalog, '--from', '2026-12-01', '--to', '2027-01-10', '--time-zone', 'Europe/Amsterdam', '--lang', 'nl');
    expect(code).toBe(0);
    expect(stdout).toContain('donderdag 3 december 2026');
    expect(stdout).toMatch(/14:00–16:30 \(Europe\/Amsterdam, \+01:00\)\s+Netwerkbijeenkomst stage en gelijke kansen/);
    // The January session is excluded in the catalog.
    expect(stdout).not.toContain('5 januari 2027');
  });

  it('prints problems in a feed as file:line lines on stderr and still lists the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kw-events-'));
    writeFileSync(path.join(dir, 'kapot.ics'), ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:a', 'SUMMARY:Goed', 'DTSTART:20250404T130000Z', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:b', 'DTSTART:2025-99-99', 'END:VEVENT', 'END:VCALENDAR'].join('\n'));
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['events', 'kapot.ics', '--from', '2025-04-01', '--to', '2025-05-01', '--time-zone', 'UTC', '--json'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: dir });
    expect(code).toBe(0);
    expect(err).toEqual([expect.stringMatching(/^kapot\.ics:9: VEVENT \(UID b\): DTSTART "2025-99-99" is not a date or date-time; the event was skipped$/)]);
    expect(JSON.parse(out.join('')).occurrences).toHaveLength(1);
  });

  it('exits 1 only when nothing could be read', async () => {
    const missing = await run('no-such-file.ics', '--from', '2025-01-01', '--to', '2025-02-01');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-file.ics: the file does not exist');
    const partly = await run('no-such-file.ics', 'floating.ics', '--from', '2025-03-25', '--to', '2025-04-05', '--json');
    expect(partly.code).toBe(0);
  });

  it('explains wrong use instead of failing', async () => {
    expect((await run('floating.ics')).stderr).toMatch(/--from <date> and --to <date>/);
    expect((await run('floating.ics', '--from', '2025-01-01', '--to', '2025-02-01', '--time-zone', 'Mars/Base')).stderr).toMatch(/not a known IANA time zone/);
    expect((await run('floating.ics', '--from', 'tomorrow', '--to', '2025-02-01')).code).toBe(1);
  });

  it('loads feeds by URL through the same feed loader as the widgets', async () => {
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:u', 'SUMMARY:Open dag', 'DTSTART;VALUE=DATE:20250315', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const fetch = (async () => new Response(ics, { headers: { 'content-type': 'text/calendar' } })) as typeof globalThis.fetch;
    const answer = await collectOccurrences({ sources: ['https://school.example/agenda.ics'], from: new Date('2025-03-01T00:00:00Z'), to: new Date('2025-04-01T00:00:00Z'), cwd: fixtures, fetch });
    expect(answer.read).toBe(1);
    expect(answer.occurrences.map((o) => [o.start, o.allDay])).toEqual([['2025-03-15', true]]);
  });
});
