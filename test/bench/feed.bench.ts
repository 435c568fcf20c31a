/**
 * Loading the default catalog from a warm cache (shared/feed/load.ts): what a widget or the extension does on
 * every page view once the feed has been fetched before — read the cached copy, parse and validate it, merge.
 * The background refresh is answered with 304 and not timed.
 *
 * The catalog is dist/feed/catalog.json (built from content/ with `npx kanswijzer build content --out
 * dist/feed` when it is missing); if that cannot be built, ../shared/examples/minimal-catalog.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFeeds, memoryFeedCache } from '../../shared/feed/load.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const built = path.join(root, 'dist/feed/catalog.json');
const fallback = path.resolve(root, '../shared/examples/minimal-catalog.json');

function catalogFile(): { file: string; label: string } {
  if (!existsSync(built)) {
    spawnSync('npx', ['kanswijzer', 'build', 'content', '--out', 'dist/feed'], { cwd: root, stdio: 'ignore' });
  }
  if (existsSync(built)) return { file: built, label: 'the default catalog (dist/feed/catalog.json)' };
  return { file: fallback, label: 'the example catalog (../shared/examples/minimal-catalog.json; dist/feed/catalog.json could not be built)' };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const { file, label } = catalogFile();
const body = readFileSync(file, 'utf8');
const url = 'https://feed.example/catalog.json';
const cache = memoryFeedCache();
await cache.put({ url, body, contentType: 'application/json', etag: '"1"', fetchedAt: new Date().toISOString() });
const notModified = (async () => new Response(null, { status: 304 })) as typeof fetch;

const runs: number[] = [];
let items = 0;
for (let run = 0; run < 60; run++) {
  const start = performance.now();
  const result = await loadFeeds([url], { cache, fetch: notModified });
  runs.push(performance.now() - start);
  items = result.catalog?.items.length ?? 0;
}
const first = runs[0]!;
const warm = runs.slice(10);

console.log(`Feed from a warm cache: ${label}, ${(body.length / 1024).toFixed(1)} KB, ${items} items`);
console.log(`  load + parse + validate + merge: first ${first.toFixed(2)} ms, median ${median(warm).toFixed(2)} ms, slowest ${Math.max(...warm).toFixed(2)} ms (${warm.length} warm runs)`);
