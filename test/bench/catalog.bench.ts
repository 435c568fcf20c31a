/**
 * Catalog parsing: the default catalog (as published) and a generated 5,000-item catalog, strict and
 * lenient. Prints milliseconds per parse (median and p95 over repeated runs).
 */
import { readFileSync } from 'node:fs';
import { parseCatalog } from '../../shared/catalog/parse.ts';
import { mergeCatalogs } from '../../shared/catalog/merge.ts';
import type { Catalog } from '../../shared/catalog/types.ts';

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (n=${samples.length})`;
}

function time(fn: () => void, runs: number): number[] {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

const defaultText = readFileSync('dist/feed/catalog.json', 'utf8');
const defaultCatalog = parseCatalog(defaultText).catalog as Catalog;

const big: Catalog = structuredClone(defaultCatalog);
big.items = Array.from({ length: 5000 }, (_, i) => {
  const source = defaultCatalog.items[i % defaultCatalog.items.length]!;
  return { ...structuredClone(source), id: `${source.id}-${i}` };
});
const bigText = JSON.stringify(big);

console.log(`default catalog (${defaultCatalog.items.length} items, ${(defaultText.length / 1024).toFixed(0)} KB)`);
console.log(`  parse lenient: ${stats(time(() => parseCatalog(defaultText), 200))}`);
console.log(`  parse strict:  ${stats(time(() => parseCatalog(defaultText, { mode: 'strict' }), 200))}`);
console.log(`generated catalog (5,000 items, ${(bigText.length / 1048576).toFixed(1)} MB)`);
console.log(`  parse lenient: ${stats(time(() => parseCatalog(bigText), 20))}`);
console.log(`  merge with default: ${stats(time(() => mergeCatalogs(big, defaultCatalog), 20))}`);
