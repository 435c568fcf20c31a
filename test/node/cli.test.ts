import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { main } from '../../cli/main.ts';
import type { CommandIO } from '../../cli/io.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(root, 'test/fixtures');

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: root };
  const code = await main(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('kanswijzer validate', () => {
  it('accepts the default catalog in content/', async () => {
    const result = await run(['validate', 'content']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/content: valid \(\d+ items\)/);
  });

  it('accepts the published example catalog beside the repository', async () => {
    const result = await run(['validate', path.join(root, '../shared/examples/minimal-catalog.json')]);
    expect(result.code).toBe(0);
  });

  it('exits 1 on each broken catalog, with a line naming the fault and no stack trace', async () => {
    const cases = JSON.parse(readFileSync(path.join(fixtures, 'catalogs/broken/expected.json'), 'utf8')) as Array<{ file: string; expect: string }>;
    for (const { file, expect: fragment } of cases) {
      const result = await run(['validate', `test/fixtures/catalogs/broken/${file}`]);
      expect(result.code, file).toBe(1);
      expect(result.stderr, file).toContain(fragment);
      expect(result.stderr, file).toMatch(new RegExp(`^test/fixtures/catalogs/broken/${file.replace('.', '\\.')}`));
      expect(result.stderr, file).not.toMatch(/\n\s+at /);
    }
  });

  it('reports Markdown content problems as file:line', async () => {
    const result = await run(['validate', 'test/fixtures/content/broken']);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    const dir = 'test/fixtures/content/broken/items';
    expect(lines).toContain(`${dir}/onbekend-onderwerp.md:7: item "onbekend-onderwerp", field "topics": topic "stagematching" is not defined in the catalog's topics`);
    expect(lines).toContain(`${dir}/geen-front-matter.md:1: the file must start with YAML front matter between two "---" lines`);
    expect(lines).toContain(`${dir}/einde-voor-begin.md:7: item "einde-voor-begin", field "end": the end (2026-12-10T12:00:00+01:00) must come after the start (2026-12-10T13:30:00+01:00)`);
    expect(lines.some((l) => l.startsWith(`${dir}/yaml-fout.md:5: the YAML cannot be read`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${dir}/verkeerde-naam.md:2: `) && l.includes('must match the file name'))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${dir}/gevaarlijke-link.md:5: `) && l.includes('field "url"'))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${dir}/gevaarlijke-link.md:8: `) && l.includes('field "body"'))).toBe(true);
  });

  it('says plainly when a path does not exist or nothing is given', async () => {
    expect((await run(['validate', 'no/such/thing'])).stderr).toBe('no/such/thing: there is no such file or folder');
    const none = await run(['validate']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/Give at least one catalog file/);
  });

  it('works as the installed command, through npx in a clone', () => {
    const result = spawnSync('node', ['cli/bin.mjs', 'validate', 'test/fixtures/catalogs/broken/future-version.json'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('newer than this version of Kanswijzer');
  });
});

describe('kanswijzer build', () => {
  it('writes catalog.json, events.ics and catalog.schema.json', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'kw-build-'));
    const result = await run(['build', 'test/fixtures/content/valid', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['catalog.json', 'catalog.schema.json', 'events.ics']);
    const catalog = JSON.parse(await readFile(path.join(out, 'catalog.json'), 'utf8'));
    expect(catalog.items.map((i: { id: string }) => i.id)).toEqual(['meldpunt-stage', 'terugkomdag-stage']);
    expect(catalog.items[0].body).toEqual({
      nl: expect.stringContaining('## Waarom'),
      en: expect.stringContaining('## Why'),
    });
  });

  it('publishes a catalog that an independent JSON Schema validator accepts against the published schema', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'kw-build-'));
    expect((await run(['build', 'content', '--out', out])).code).toBe(0);
    const schema = JSON.parse(await readFile(path.join(out, 'catalog.schema.json'), 'utf8'));
    const catalog = JSON.parse(await readFile(path.join(out, 'catalog.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(catalog), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The schema is not a rubber stamp: a wrong link scheme or a missing title is refused.
    const bad = structuredClone(catalog);
    bad.items[0].url = 'javascript:alert(1)';
    delete bad.items[1].title;
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/items/0/url']));
  });

  it('writes events.ics that parses back with ical.js to the same events', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'kw-build-'));
    expect((await run(['build', 'test/fixtures/content/valid', '--out', out])).code).toBe(0);
    const text = await readFile(path.join(out, 'events.ics'), 'utf8');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const vcalendar = new ICAL.Component(ICAL.parse(text));
    const vevents = vcalendar.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(1);
    const event = new ICAL.Event(vevents[0]);
    expect(event.uid).toMatch(/^terugkomdag-stage@/);
    expect(event.summary).toBe('Terugkomdag stage: ervaringen delen; wat ging goed, wat kan beter?');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-10T12:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-10T15:00:00.000Z');
    expect(vevents[0]!.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Amsterdam');
    expect(vcalendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Amsterdam');
    expect(vevents[0]!.getFirstPropertyValue('dtstamp')).toBeTruthy();
    const rrule = vevents[0]!.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect([rrule.freq, rrule.count, rrule.parts.BYDAY]).toEqual(['MONTHLY', 4, ['2TH']]);
    const exdate = vevents[0]!.getFirstPropertyValue('exdate') as ICAL.Time;
    expect(exdate.toJSDate().toISOString()).toBe('2027-01-14T12:30:00.000Z');
    // Expanding the parsed rule gives the occurrences the catalog means.
    vcalendar.getAllSubcomponents('vtimezone').forEach((tz) => ICAL.TimezoneService.register(tz));
    const it = new ICAL.Event(vevents[0]).iterator();
    const starts: string[] = [];
    for (let next = it.next(); next; next = it.next()) starts.push(next.toString());
    // COUNT counts the excluded date too (RFC 5545), so four minus one.
    expect(starts).toEqual(['2026-12-10T13:30:00', '2027-02-11T13:30:00', '2027-03-11T13:30:00']);
  });

  it('publishes nothing when the content is invalid', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'kw-build-'));
    const result = await run(['build', 'test/fixtures/content/broken', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Not built: .* is not valid/);
    expect(await readdir(out)).toEqual([]);
  });
});
