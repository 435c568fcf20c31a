// First render of <kw-resources> in real Chromium, on the minified bundle: on the default catalog and on a
// generated catalog of 5,000 items. "Cold" is a fresh profile: fetch, parse and render from nothing (the
// page already has the script). "Warm" is a second list on the same page, with the catalog already
// loaded: rendering alone. Also: the first search (which builds the index) and a later search, on both.
//
// The bundle is dist/widgets/ when `npm run build` made one; otherwise rollup.config.mjs's widgets bundle
// is built into a temporary folder. Run: npx tsx test/bench/render.bench.ts
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import type { Browser, HTTPRequest } from 'puppeteer-core';
import type { RollupOptions, OutputOptions } from 'rollup';
import { rollup } from 'rollup';

// The project's Chromium finder and launch flags (a plain .mjs script without type declarations).
const { CHROMIUM_ARGS, findChromium } = (await import('../../scripts/chromium.mjs' as string)) as { CHROMIUM_ARGS: string[]; findChromium(): string };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ORIGIN = 'http://bench.kanswijzer.test';
const RUNS = 9;
const GENERATED_ITEMS = 5000;

const work = mkdtempSync(path.join(tmpdir(), 'kw-render-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

async function widgetsBundle(): Promise<{ dir: string; how: string }> {
  const dist = path.join(ROOT, 'dist', 'widgets');
  if (existsSync(path.join(dist, 'kanswijzer.js'))) return { dir: dist, how: 'dist/widgets (npm run build)' };
  const previous = process.cwd();
  process.chdir(ROOT);
  try {
    const configs = (await import(path.join(ROOT, 'rollup.config.mjs'))).default as RollupOptions[];
    const config = configs.find((c) => typeof c.input === 'object' && c.input !== null && 'kanswijzer' in c.input);
    if (!config) throw new Error('rollup.config.mjs has no widgets bundle');
    const dir = path.join(work, 'widgets');
    const built = await rollup({ ...config, onwarn: () => undefined });
    await built.write({ ...(config.output as OutputOptions), dir, sourcemap: false });
    return { dir, how: 'rollup.config.mjs widgets bundle, built into a temporary folder' };
  } finally {
    process.chdir(previous);
  }
}

function defaultCatalog(): string {
  const built = path.join(ROOT, 'dist', 'feed', 'catalog.json');
  if (existsSync(built)) return readFileSync(built, 'utf8');
  const out = path.join(work, 'feed');
  const result = spawnSync('node', [path.join(ROOT, 'cli', 'bin.mjs'), 'build', path.join(ROOT, 'content'), '--out', out], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kanswijzer build failed: ${result.stderr}`);
  return readFileSync(path.join(out, 'catalog.json'), 'utf8');
}

interface JsonItem {
  id: string;
  title: Record<string, string> | string;
  summary?: Record<string, string> | string;
  topics: string[];
  [key: string]: unknown;
}

/**
 * 5,000 items made from the default ones: new ids, numbered titles, topics spread across the taxonomy. Each
 * keeps its title, summary, taxonomy and links but not its body, steps or evidence, so the feed stays under
 * the loader's 5 MB cap (with them it would be about 18 MB).
 */
function generatedCatalog(base: string): string {
  const catalog = JSON.parse(base) as { id: string; items: JsonItem[]; topics: Array<{ id: string }> };
  const topicIds = catalog.topics.map((t) => t.id);
  const items: JsonItem[] = [];
  for (let i = 0; i < GENERATED_ITEMS; i++) {
    const source = catalog.items[i % catalog.items.length]!;
    const number = (text: string) => `${text} (${i + 1})`;
    const title = typeof source.title === 'string' ? number(source.title) : Object.fromEntries(Object.entries(source.title).map(([k, v]) => [k, number(v)]));
    const topics = [...new Set([...source.topics, topicIds[(i * 7) % topicIds.length]!])];
    const { body: _body, steps: _steps, evidence: _evidence, media: _media, ...rest } = source;
    items.push({ ...rest, id: `${source.id}-${i + 1}`, title, topics });
  }
  return JSON.stringify({ ...catalog, id: 'generated-5000', items });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

interface Timing {
  cold: number;
  loaded: number;
  warm: number;
  firstSearch: number;
  nextSearch: number;
  count: string;
}

// Runs in the page. Plain JavaScript in a string: tsx would add helpers to a function that the page lacks.
const IN_PAGE = `(async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  const render = async () => {
    const start = performance.now();
    const list = document.createElement('kw-resources');
    let loadedAt = 0;
    list.addEventListener('kw-load', () => (loadedAt = performance.now()), { once: true });
    document.body.append(list);
    while (!list.shadowRoot || !list.shadowRoot.querySelector('.results > li')) {
      if (performance.now() - start > 60000) throw new Error('no list after 60 s: ' + (list.shadowRoot ? list.shadowRoot.textContent : ''));
      await tick();
    }
    await list.updateComplete;
    await frame();
    return { list, total: performance.now() - start, loaded: loadedAt - start };
  };
  const cold = await render();
  const warm = await render();
  const search = async (query) => {
    const root = cold.list.shadowRoot;
    const input = root.querySelector('input[type=search]');
    const before = root.querySelector('.results').innerHTML;
    const start = performance.now();
    input.value = query;
    input.dispatchEvent(new Event('input'));
    while (!root.querySelector('.results') || root.querySelector('.results').innerHTML === before) {
      if (performance.now() - start > 60000) throw new Error('search gave no new results after 60 s');
      await tick();
    }
    await cold.list.updateComplete;
    await frame();
    return performance.now() - start;
  };
  const firstSearch = await search('stage');
  const nextSearch = await search('ouders');
  await new Promise((resolve) => setTimeout(resolve, 600));
  return { cold: cold.total, loaded: cold.loaded, warm: warm.total, firstSearch, nextSearch, count: cold.list.shadowRoot.querySelector('.count').textContent };
})()`;

async function measure(browser: Browser, bundleDir: string, feed: string): Promise<Timing> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = new URL(request.url());
    if (url.pathname === '/page.html') {
      void request.respond({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="nl"><head><meta charset="utf-8"><script type="module" src="/widgets/kanswijzer.js"></script></head><body></body></html>' });
    } else if (url.pathname === '/feed/catalog.json') {
      void request.respond({ status: 200, contentType: 'application/json', body: feed });
    } else if (url.pathname.startsWith('/widgets/')) {
      const file = path.join(bundleDir, url.pathname.slice('/widgets/'.length));
      if (file.startsWith(bundleDir) && existsSync(file)) void request.respond({ status: 200, contentType: 'text/javascript', body: readFileSync(file) });
      else void request.respond({ status: 404, body: '' });
    } else void request.respond({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/page.html`, { waitUntil: 'networkidle0' });
  // The element's code is loaded first (as on a page that already shows one), so only the list is timed.
  await page.evaluate("import('/widgets/kanswijzer.js').then((m) => m.loadElement('kw-resources'))");
  const timing = (await page.evaluate(IN_PAGE)) as Timing;
  await context.close();
  return timing;
}

const { dir, how } = await widgetsBundle();
const base = defaultCatalog();
const generated = generatedCatalog(base);
const feeds: Array<[string, string]> = [
  [`default catalog (${(JSON.parse(base) as { items: unknown[] }).items.length} items, ${(base.length / 1e3).toFixed(0)} kB)`, base],
  [`generated catalog (${GENERATED_ITEMS} items, ${(Buffer.byteLength(generated) / 1e6).toFixed(1)} MB)`, generated],
];
const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
console.log(`<kw-resources> first render in Chromium (${how}); ${RUNS} runs each, fresh profile per run.\n`);
try {
  for (const [label, feed] of feeds) {
    const runs: Timing[] = [];
    await measure(browser, dir, feed); // warm-up: JIT and disk caches of the browser itself
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, dir, feed));
    const row = (name: string, pick: (t: Timing) => number) =>
      console.log(`  ${name.padEnd(46)} median ${median(runs.map(pick)).toFixed(1).padStart(7)} ms   p95 ${p95(runs.map(pick)).toFixed(1).padStart(7)} ms`);
    console.log(`${label}: "${runs[0]!.count}" (limit 10 shown)`);
    row('cold: fetch + parse + first render', (t) => t.cold);
    row('  of which fetch + parse (until kw-load)', (t) => t.loaded);
    row('warm: second list, catalog already loaded', (t) => t.warm);
    row('first search (loads search chunk, builds index)', (t) => t.firstSearch);
    row('next search', (t) => t.nextSearch);
    console.log('');
  }
} finally {
  await browser.close();
}
