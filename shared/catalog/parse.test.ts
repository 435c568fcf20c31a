import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCatalog, formatProblem } from './parse.ts';
import type { Catalog } from './types.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/catalogs/${name}`, import.meta.url));
const validText = readFileSync(fixture('valid-small.json'), 'utf8');
const valid = (): Record<string, unknown> & { items: Array<Record<string, unknown>> } => JSON.parse(validText);

describe('parseCatalog on valid input', () => {
  it('reads the published example catalog beside the repository as it is', () => {
    const text = readFileSync(fileURLToPath(new URL('../../../shared/examples/minimal-catalog.json', import.meta.url)), 'utf8');
    const result = parseCatalog(text, { mode: 'strict' });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.catalog?.items.map((i) => i.id)).toEqual(['anoniem-stage-matchen', 'welkom-gesprekken', 'netwerkbijeenkomst-najaar', 'spreekuur-maandelijks']);
  });

  it('accepts text, bytes and parsed objects alike', () => {
    const fromText = parseCatalog(validText, { mode: 'strict' });
    const fromBytes = parseCatalog(new TextEncoder().encode(validText), { mode: 'strict' });
    const fromObject = parseCatalog(valid(), { mode: 'strict' });
    expect(fromText.valid && fromBytes.valid && fromObject.valid).toBe(true);
    expect(fromBytes.catalog).toEqual(fromText.catalog);
    expect(fromObject.catalog).toEqual(fromText.catalog);
  });

  it('fills defaults for optional lists so readers need not check', () => {
    const catalog = parseCatalog(valid(), { mode: 'strict' }).catalog as Catalog;
    const event = catalog.items.find((i) => i.id === 'studiedag-verbondenheid')!;
    expect(event.audiences).toEqual([]);
    expect(event.sectors).toEqual([]);
  });

  it('skips a UTF-8 byte-order mark', () => {
    const result = parseCatalog(`\uFEFF${validText}`, { mode: 'strict' });
    expect(result.valid).toBe(true);
    expect(result.problems.some((p) => p.severity === 'note' && /byte-order mark/.test(p.message))).toBe(true);
  });

  it('reads UTF-16 bytes, with and without byte-order mark, and says to publish UTF-8', () => {
    const utf16le = (text: string, bom: boolean) => {
      const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
      const view = new DataView(bytes.buffer);
      let offset = 0;
      if (bom) {
        view.setUint16(0, 0xfeff, true);
        offset = 2;
      }
      for (let i = 0; i < text.length; i++) view.setUint16(offset + i * 2, text.charCodeAt(i), true);
      return bytes;
    };
    for (const bom of [true, false]) {
      const result = parseCatalog(utf16le(validText, bom), { mode: 'strict' });
      expect(result.valid).toBe(true);
      expect(result.catalog?.items).toHaveLength(4);
      expect(result.problems.some((p) => /UTF-16/.test(p.message))).toBe(true);
    }
  });

  it('keeps unknown fields and reports them as notes only in strict mode', () => {
    const input = valid();
    input.items[0]!.difficulty = 'easy';
    input.newHeaderField = true;
    const strict = parseCatalog(input, { mode: 'strict' });
    expect(strict.valid).toBe(true);
    expect(strict.problems.filter((p) => p.severity === 'note').map((p) => p.field)).toEqual(['newHeaderField', 'difficulty']);
    expect((strict.catalog?.items[0] as Record<string, unknown>).difficulty).toBe('easy');
    const lenient = parseCatalog(input, { mode: 'lenient' });
    expect(lenient.problems).toEqual([]);
  });

  it('accepts floating events only with timeZone "floating"', () => {
    const input = valid();
    Object.assign(input.items[2]!, { start: '2026-03-05T15:00:00', end: '2026-03-05T16:00:00', timeZone: 'floating', exdate: [] });
    expect(parseCatalog(input, { mode: 'strict' }).valid).toBe(true);
  });
});

describe('parseCatalog modes on invalid items', () => {
  const broken = () => {
    const input = valid();
    input.items[0]!.url = 'javascript:alert(1)';
    input.items[1]!.topics = ['belonging', 'niet-bestaand'];
    return input;
  };

  it('strict mode reports every problem and gives no catalog', () => {
    const result = parseCatalog(broken(), { mode: 'strict' });
    expect(result.valid).toBe(false);
    expect(result.catalog).toBeUndefined();
    expect(result.problems.map((p) => [p.itemId, p.field])).toEqual([
      ['stagegesprek-voorbereiden', 'url'],
      ['kennismakingsweek', 'topics'],
    ]);
  });

  it('lenient mode keeps the valid items, drops the invalid one and drops unknown references', () => {
    const result = parseCatalog(broken(), { mode: 'lenient' });
    expect(result.valid).toBe(false);
    expect(result.catalog?.items.map((i) => i.id)).toEqual(['kennismakingsweek', 'intervisie-stage', 'studiedag-verbondenheid']);
    expect(result.catalog?.items[0]?.topics).toEqual(['belonging']);
    expect(result.problems).toHaveLength(2);
  });

  it('lenient mode keeps the first of two items with the same id', () => {
    const input = valid();
    input.items[1]!.id = 'stagegesprek-voorbereiden';
    const result = parseCatalog(input);
    expect(result.catalog?.items.filter((i) => i.id === 'stagegesprek-voorbereiden')).toHaveLength(1);
    expect(result.catalog?.items[0]?.type).toBe('practice');
  });

  it('names the item, the field and the value in plain words', () => {
    const [problem] = parseCatalog(broken(), { mode: 'strict' }).problems;
    expect(formatProblem(problem!, 'feed.json')).toBe(
      'feed.json: item "stagegesprek-voorbereiden", field "url": must be a full https:, http: or mailto: link (found "javascript:alert(1)")',
    );
  });
});

describe('the corpus of broken catalogs', () => {
  const cases = JSON.parse(readFileSync(fixture('broken/expected.json'), 'utf8')) as Array<{ file: string; expect: string }>;

  it('has at least 20 distinct faults', () => {
    expect(new Set(cases.map((c) => c.expect)).size).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$file is refused with a message naming the fault', ({ file, expect: fragment }) => {
    const bytes = readFileSync(fixture(`broken/${file}`));
    const result = parseCatalog(new Uint8Array(bytes), { mode: 'strict' });
    expect(result.valid).toBe(false);
    const lines = result.problems.map((p) => formatProblem(p));
    expect(lines.join('\n')).toContain(fragment);
  });

  it('gives the line and column of a JSON syntax error', () => {
    const result = parseCatalog(readFileSync(fixture('broken/trailing-comma.json'), 'utf8'));
    expect(result.problems[0]?.message).toMatch(/line \d+, column \d+\): expected a value but found ","/);
  });
});

describe('parseCatalog never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const result = parseCatalog(text);
        expect(result.valid === false || result.catalog !== undefined).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(() => parseCatalog(bytes)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(() => parseCatalog(value)).not.toThrow();
        expect(() => parseCatalog(JSON.stringify(value))).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('on catalogs whose fields are replaced by arbitrary values', () => {
    const base = valid();
    const paths: Array<(c: ReturnType<typeof valid>, v: unknown) => void> = [
      (c, v) => (c.items[0]!.title = v),
      (c, v) => (c.items[2]!.start = v),
      (c, v) => (c.items[2]!.rrule = v),
      (c, v) => (c.items[2]!.timeZone = v),
      (c, v) => (c.items[1]!.media = v),
      (c, v) => (c.topics = v),
      (c, v) => (c.items = v as Array<Record<string, unknown>>),
      (c, v) => (c.periods = v),
      (c, v) => (c.language = v),
    ];
    fc.assert(
      fc.property(fc.nat(paths.length - 1), fc.anything({ maxDepth: 4 }), fc.constantFrom('strict', 'lenient') as fc.Arbitrary<'strict' | 'lenient'>, (which, value, mode) => {
        const input = structuredClone(base);
        paths[which]!(input, value);
        expect(() => parseCatalog(input, { mode })).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('on cyclic objects', () => {
    const input = valid();
    (input.items[0] as Record<string, unknown>).self = input;
    const result = parseCatalog(input);
    expect(result.valid).toBe(false);
    expect(result.problems[0]?.message).toMatch(/nested more than 64 levels/);
  });
});
