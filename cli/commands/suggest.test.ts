import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from '../io.ts';
import { main } from '../main.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PAGES = 'test/fixtures/pages';
const cases = JSON.parse(readFileSync(path.join(ROOT, PAGES, 'cases.json'), 'utf8')) as Array<{ name: string; file: string; url: string }>;
const caseOf = (name: string) => {
  const found = cases.find((entry) => entry.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return { html: path.join(PAGES, found.file), url: found.url };
};

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIO = { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), cwd: ROOT };
  const code = await main(['suggest', ...args], io);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const PLACEMENT = caseOf('moodle-nl-bpv-bezoeken-pedagogisch-werk');
const QUIZ = caseOf('moodle-nl-quiz-lineaire-verbanden');
const PARENTS = caseOf('canvas-en-parents-evening-every-family');

describe('kanswijzer suggest', () => {
  it('prints the context and the suggestions as JSON for a saved page', async () => {
    const { code, stdout } = await run('--html', PLACEMENT.html, '--url', PLACEMENT.url, '--role', 'stagebegeleider', '--date', '2025-02-03', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      context: Record<string, unknown>;
      suggestions: Array<{ id: string; type: string; title: string; topics: string[]; score: number; reasons: string[] }>;
    };
    expect(result.context).toMatchObject({ lms: 'moodle', pageKind: 'page', title: 'BPV in leerjaar 2: bezoeken, POK en beoordeling', course: 'PW4-BPV-2425' });
    expect(result.context).not.toHaveProperty('text');
    expect(result.suggestions.length).toBeGreaterThan(0);
    const first = result.suggestions[0]!;
    expect(Object.keys(first).sort()).toEqual(['id', 'reasons', 'score', 'title', 'topics', 'type']);
    expect(first.topics).toContain('praktijkleren');
    expect(first.reasons[0]).toMatch(/^Deze pagina gaat over /);
    expect(first.reasons).toContain('Voor stagecoördinatoren en stagebegeleiders');
  });

  it('prints an empty list for a page that is not about anything in the catalog', async () => {
    const json = await run('--html', QUIZ.html, '--url', QUIZ.url, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).suggestions).toEqual([]);
    const table = await run('--html', QUIZ.html, '--url', QUIZ.url);
    expect(table.stdout).toMatch(/No suggestions/);
  });

  it('prints a readable table with the reasons, in the language asked for', async () => {
    const { code, stdout } = await run('--html', PARENTS.html, '--url', PARENTS.url, '--date', '2024-10-07', '--lang', 'nl', '--limit', '2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Page: "Parents' evening Year 1: reaching every family"/);
    expect(stdout).toMatch(/ 1 {2}\d\.\d\d/);
    expect(stdout).not.toMatch(/ 3 {2}\d\.\d\d/);
    expect(stdout).toMatch(/- Deze pagina gaat over ouders en sociale omgeving/);
  });

  it('shows the topic terms it found with --explain', async () => {
    const { stdout } = await run('--html', PLACEMENT.html, '--url', PLACEMENT.url, '--explain');
    expect(stdout).toMatch(/Topics found \(read as nl/);
    expect(stdout).toMatch(/praktijkleren: .*bpv/);
  });

  it('reads another catalog from a JSON file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kw-suggest-'));
    const file = path.join(folder, 'catalog.json');
    writeFileSync(file, JSON.stringify({
      format: 'kanswijzer-catalog', version: 1, id: 'eigen', title: 'Eigen catalogus', language: 'nl',
      topics: [{ id: 'bpv', label: 'Beroepspraktijkvorming', terms: { nl: ['bpv', 'praktijkopleider', 'praktijkovereenkomst', 'bpv-begeleider'] } }],
      audiences: [], sectors: [], periods: [],
      items: [{ id: 'bpv-bezoek', type: 'practice', title: 'Het bpv-bezoek voorbereiden', topics: ['bpv'], audiences: [], sectors: [], periods: [] }],
    }));
    const { code, stdout } = await run('--html', PLACEMENT.html, '--url', PLACEMENT.url, '--catalog', file, '--json');
    expect(code).toBe(0);
    expect((JSON.parse(stdout).suggestions as Array<{ id: string }>).map((suggestion) => suggestion.id)).toEqual(['bpv-bezoek']);
  });

  it('explains wrong use in one plain message and exits 1', async () => {
    const missing = await run('--url', PLACEMENT.url);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--html/);
    const badDate = await run('--html', PLACEMENT.html, '--url', PLACEMENT.url, '--date', '2025-02-30');
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/YYYY-MM-DD/);
    const badRole = await run('--html', PLACEMENT.html, '--url', PLACEMENT.url, '--role', 'rector');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/Unknown role "rector".*stagebegeleider/);
    const badUrl = await run('--html', PLACEMENT.html, '--url', 'elo/page');
    expect(badUrl.code).toBe(1);
    const noFile = await run('--html', 'no/such/page.html', '--url', PLACEMENT.url);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/no such file/);
    const noCatalog = await run('--html', PLACEMENT.html, '--url', PLACEMENT.url, '--catalog', 'no/such/catalog.json');
    expect(noCatalog.code).toBe(1);
    expect(noCatalog.stderr).toMatch(/no such catalog/);
    for (const result of [missing, badDate, badRole, badUrl, noFile, noCatalog]) expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
