import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../shared/catalog/parse.ts';
import type { PageContext } from '../../../shared/context/types.ts';
import { buildSuggester, restoreSuggester } from './match.ts';
import { packagedIndex, packagedOnly, readPackagedCatalog } from './packaged.ts';

const source = readFileSync('test/fixtures/catalogs/valid-small.json', 'utf8');
/** A catalog in the form `kanswijzer build` writes: the parser's own output. */
const built = JSON.stringify(parseCatalog(source).catalog, null, 2);

const page: PageContext = {
  lms: 'moodle', pageKind: 'course', url: 'https://elo.example.nl/course/view.php?id=3', title: 'Stage: het sollicitatiegesprek oefenen',
  headings: ['Stage zoeken', 'Bpv voorbereiden'],
  text: 'In deze periode zoeken studenten een stage. De stagebegeleider oefent het sollicitatiegesprek met de student voor de bpv. Bespreek wat goed ging en plan een oefengesprek voor de stage.',
};

describe('the packaged catalog and its index, made at build time', () => {
  it('gives an index that fits the catalog the background stores, and suggests what a fresh index suggests', () => {
    const stored = packagedOnly(readPackagedCatalog(built));
    const restored = restoreSuggester(packagedIndex(built), stored);
    expect(restored).toBeDefined();
    const profile = { language: 'nl' as const };
    const date = new Date('2026-11-22T10:00:00Z');
    const suggestions = restored!.suggest(page, profile, date);
    expect(suggestions.map((s) => s.id)).toContain('stagegesprek-voorbereiden');
    expect(suggestions).toEqual(buildSuggester(stored).suggest(page, profile, date));
  });

  it('stops the build when the catalog has a problem, naming where', () => {
    const broken = JSON.parse(built);
    broken.items[0].title = 42;
    expect(() => packagedIndex(JSON.stringify(broken))).toThrow(/packaged catalog has problems: items\[0\]\.title: must be text/);
    expect(() => packagedIndex('{ not json')).toThrow(/packaged catalog has problems: \(root\): The catalog is not valid JSON \(line 1, column 3\)/);
  });

  it('stops the build when the parser would change the catalog, since the background reads it as plain JSON', () => {
    expect(JSON.parse(source)).not.toEqual(JSON.parse(built));
    expect(() => packagedIndex(source)).toThrow(/not in the form the parser returns/);
  });

  it('reads the packaged catalog as JSON, and anything else through the parser with its message', () => {
    expect(readPackagedCatalog(built)).toEqual(JSON.parse(built));
    expect(() => readPackagedCatalog('{"format": "something-else"}')).toThrow(/"format" must be "kanswijzer-catalog"/);
    expect(() => readPackagedCatalog('<html>')).toThrow(/HTML web page, not a catalog/);
  });
});
