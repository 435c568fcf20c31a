// <kw-calendar> in real Chromium, on the minified bundle: how much JavaScript a page with only the calendar
// downloads (min+gzip, every script response counted), and how long the first render of a month takes when
// the calendar holds 2,000 events (a school year of them, and all 2,000 in the month shown).
//
// The bundle is dist/widgets/ when `npm run build` made one that knows <kw-calendar>; otherwise this script
// bundles widgets/index.ts the same way (rollup, esbuild, terser, as rollup.config.mjs) with the calendar
// added to its lazy loader, into a temporary folder. Run: node test/bench/calendar.bench.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = 7;
const BUDGET_KB = 45;
const EVENTS = 2000;

const work = mkdtempSync(path.join(tmpdir(), 'kw-calendar-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// ── The bundle ───────────────────────────────────────────────────────────────────────────────────────

async function bundle() {
  const dist = path.join(ROOT, 'dist', 'widgets');
  const built = path.join(dist, 'kanswijzer.js');
  if (existsSync(built) && /kw-calendar/.test(readFileSync(built, 'utf8'))) return { dir: dist, how: 'dist/widgets (npm run build)' };
  const entry = '\0kw-calendar-bench-entry';
  const index = JSON.stringify(path.join(ROOT, 'widgets', 'index.ts'));
  const define = JSON.stringify(path.join(ROOT, 'widgets', 'calendar', 'define.ts'));
  const loader = {
    name: 'calendar-bench-entry',
    resolveId: (id) => (id === entry ? id : null),
    // widgets/index.ts as it is, plus the one loader line it needs for <kw-calendar> (the same lazy chunk).
    load: (id) =>
      id === entry
        ? `export * from ${index};\nconst load = () => import(${define});\nif (document.querySelector('kw-calendar')) load();\nelse new MutationObserver((_, o) => { if (document.querySelector('kw-calendar')) { o.disconnect(); load(); } }).observe(document.documentElement, { childList: true, subtree: true });\n`
        : null,
  };
  const build = await rollup({
    input: { kanswijzer: entry },
    plugins: [
      loader,
      nodeResolve({ browser: true, exportConditions: ['browser', 'production', 'default'] }),
      esbuild({ target: 'es2022', tsconfig: path.join(ROOT, 'tsconfig.json'), minify: false }),
      terser({ format: { comments: false }, compress: { passes: 2 } }),
    ],
    onwarn: () => undefined,
  });
  const dir = path.join(work, 'widgets');
  await build.write({ dir, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' });
  await build.close();
  return { dir, how: 'widgets/index.ts + a <kw-calendar> loader line, bundled here (dist/widgets has no calendar yet)' };
}

// ── Feeds ────────────────────────────────────────────────────────────────────────────────────────────

function pad(n) {
  return String(n).padStart(2, '0');
}

/** 2,000 VEVENTs in Amsterdam time: one-off, weekly (some with an exception or a moved occurrence) and daily. */
function generateIcs(firstDay, days) {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kanswijzer bench//2000 events//NL', 'X-WR-CALNAME:Bench 2000'];
  const start = Date.UTC(...firstDay);
  const local = (ms) => {
    const d = new Date(ms);
    return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
  };
  for (let i = 0; i < EVENTS; i++) {
    const day = (i * 37) % days;
    const minutes = 8 * 60 + ((i * 15) % (10 * 60));
    const at = start + day * 86_400_000 + minutes * 60_000;
    lines.push('BEGIN:VEVENT', `UID:bench-${i}@kanswijzer.bench`, 'DTSTAMP:20260101T000000Z', `SUMMARY:Activiteit ${i}`, `DTSTART;TZID=Europe/Amsterdam:${local(at)}`, `DTEND;TZID=Europe/Amsterdam:${local(at + 3_600_000)}`);
    const kind = i % 20;
    if (kind === 0) lines.push('RRULE:FREQ=WEEKLY;COUNT=30');
    if (kind === 1) lines.push('RRULE:FREQ=WEEKLY;COUNT=30', `EXDATE;TZID=Europe/Amsterdam:${local(at + 7 * 86_400_000)}`);
    if (kind === 2) lines.push('RRULE:FREQ=DAILY;COUNT=10');
    lines.push('END:VEVENT');
    if (kind === 3) {
      lines.push('BEGIN:VEVENT', `UID:bench-${i}@kanswijzer.bench`, 'DTSTAMP:20260101T000000Z', `SUMMARY:Activiteit ${i} (verplaatst)`, `RECURRENCE-ID;TZID=Europe/Amsterdam:${local(at)}`, `DTSTART;TZID=Europe/Amsterdam:${local(at + 86_400_000)}`, `DTEND;TZID=Europe/Amsterdam:${local(at + 86_400_000 + 3_600_000)}`, 'END:VEVENT');
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

function prepareFeeds() {
  const cal = path.join(work, 'cal');
  mkdirSync(cal, { recursive: true });
  // A school year (1 Sep 2026 – 15 Jul 2027) and, for the stress case, every event in November 2026.
  writeFileSync(path.join(cal, 'year-2000.ics'), generateIcs([2026, 8, 1], 318));
  writeFileSync(path.join(cal, 'month-2000.ics'), generateIcs([2026, 10, 1], 30));
  writeFileSync(path.join(cal, 'voorbeeldschool.ics'), readFileSync(path.join(ROOT, 'widgets', 'calendar', 'demo', 'voorbeeldschool.ics')));
  // The same school year as a Kanswijzer catalog, through the CLI's own import (kanswijzer build --ics).
  const minimal = path.join(work, 'minimal.json');
  writeFileSync(minimal, JSON.stringify({ format: 'kanswijzer-catalog', version: 1, id: 'bench', title: 'Bench', language: 'nl', topics: [], audiences: [], sectors: [], periods: [], items: [] }));
  const result = spawnSync(process.execPath, [path.join(ROOT, 'cli', 'bin.mjs'), 'build', minimal, '--ics', path.join(cal, 'year-2000.ics'), '--out', path.join(work, 'feed')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kanswijzer build --ics failed: ${result.stderr || result.stdout}`);
}

// ── Pages and server ─────────────────────────────────────────────────────────────────────────────────

function page(attributes) {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>bench</title>
<script type="module">
window.__firstRender = new Promise((resolve) => {
  document.addEventListener('kw-load', async (event) => {
    const element = event.target;
    const loaded = performance.now();
    await element.updateComplete;
    const dom = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => resolve({ loaded, dom, painted: performance.now(), cells: element.shadowRoot.querySelectorAll('td').length, chips: element.shadowRoot.querySelectorAll('.chip').length, items: element.shadowRoot.querySelectorAll('[part=occurrence]').length })));
  }, { once: true });
});
</script>
<script type="module" src="/widgets/kanswijzer.js"></script>
</head><body style="margin:0;width:1200px"><kw-calendar ${attributes}></kw-calendar></body></html>`;
}

const TYPES = { '.js': 'text/javascript', '.ics': 'text/calendar; charset=utf-8', '.json': 'application/json', '.html': 'text/html; charset=utf-8' };

function serve(bundleDir) {
  const pages = {
    '/ics.html': page('src="/cal/voorbeeldschool.ics" from="2026-11-01"'),
    '/year.html': page('src="/cal/year-2000.ics" from="2026-11-01" time-zone="Europe/Amsterdam"'),
    '/year-catalog.html': page('src="/feed/catalog.json" from="2026-11-01" time-zone="Europe/Amsterdam"'),
    '/month.html': page('src="/cal/month-2000.ics" from="2026-11-01" time-zone="Europe/Amsterdam"'),
    '/month-list.html': page('src="/cal/month-2000.ics" view="list" from="2026-11-01" to="2026-12-01" time-zone="Europe/Amsterdam"'),
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (pages[url.pathname]) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(pages[url.pathname]);
      return;
    }
    const base = url.pathname.startsWith('/widgets/') ? bundleDir : work;
    const relative = url.pathname.startsWith('/widgets/') ? url.pathname.slice('/widgets/'.length) : url.pathname.slice(1);
    const file = path.resolve(base, decodeURIComponent(relative));
    if (!file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ── Measuring ────────────────────────────────────────────────────────────────────────────────────────

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Every script the page downloads, each minified file gzipped at level 9 (the usual min+gzip measure). */
function watchScripts(tab) {
  const scripts = new Map();
  tab.on('response', async (response) => {
    const url = response.url();
    if (!url.endsWith('.js')) return;
    try {
      const body = await response.buffer();
      scripts.set(url, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    } catch {
      // A response without a body (a redirect) carries no code.
    }
  });
  return scripts;
}

/** kB of 1,000 bytes, as scripts/size.mjs counts the budgets. */
function kb(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

async function firstRender(browser, base, name) {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1200, height: 900 });
  await tab.goto(`${base}${name}`);
  const result = await tab.evaluate(() => window.__firstRender);
  // The same month once more in a second element: the feed is already loaded and parsed (shared per page),
  // so this is expansion of the visible month and rendering alone.
  const again = await tab.evaluate(async () => {
    const first = document.querySelector('kw-calendar');
    const element = document.createElement('kw-calendar');
    for (const name of first.getAttributeNames()) element.setAttribute(name, first.getAttribute(name));
    const start = performance.now();
    const loaded = new Promise((resolve) => element.addEventListener('kw-load', resolve, { once: true }));
    document.body.append(element);
    await loaded;
    await element.updateComplete;
    const dom = performance.now() - start;
    // Next month: expansion of another month and re-render.
    const next = element.shadowRoot.querySelectorAll('[part=nav-button]')[2];
    const t = performance.now();
    next.click();
    await element.updateComplete;
    return { dom, next: performance.now() - t };
  });
  await tab.close();
  return { ...result, again };
}

async function main() {
  const { dir, how } = await bundle();
  prepareFeeds();
  const server = await serve(dir);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    console.log(`Bundle: ${how}`);

    // Size: a page with only <kw-calendar> reading an .ics feed.
    const tab = await browser.newPage();
    const scripts = watchScripts(tab);
    await tab.goto(`${base}/ics.html`);
    await tab.evaluate(() => window.__firstRender);
    await new Promise((r) => setTimeout(r, 300));
    const before = new Set(scripts.keys());
    const total = [...scripts.values()].reduce((sum, s) => sum + s.gzip, 0);
    console.log(`\nJavaScript a page with only <kw-calendar src="….ics"> downloads (min+gzip):`);
    for (const [url, s] of scripts) console.log(`  ${url.replace(base, '').padEnd(48)} ${kb(s.gzip).padStart(9)}  (${kb(s.raw)} minified)`);
    console.log(`  ${'total'.padEnd(48)} ${kb(total).padStart(9)}  budget ${BUDGET_KB} kB: ${total <= BUDGET_KB * 1000 ? 'within' : `OVER by ${kb(total - BUDGET_KB * 1000)}`}`);
    // Opening an event loads the detail view (and the safe-Markdown chunk for events with a description).
    await tab.evaluate(() => document.querySelector('kw-calendar').shadowRoot.querySelector('.chip').click());
    await new Promise((r) => setTimeout(r, 800));
    const later = [...scripts].filter(([url]) => !before.has(url));
    console.log(`  loaded when an event is first opened: ${later.map(([url, s]) => `${url.replace(`${base}/widgets/`, '')} ${kb(s.gzip)}`).join(', ') || 'nothing'}`);
    await tab.close();

    // Render times.
    const cases = [
      ['/year.html', `month grid, ${EVENTS} events over a school year (.ics)`],
      ['/year-catalog.html', `month grid, the same ${EVENTS} events as a Kanswijzer catalog (JSON)`],
      ['/month.html', `month grid, all ${EVENTS} events in the month shown (.ics)`],
      ['/month-list.html', `list view, all ${EVENTS} events in the month shown (.ics)`],
    ];
    console.log(`\nFirst render (median of ${RUNS} page loads; ms since navigation start unless said otherwise):`);
    for (const [name, label] of cases) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await firstRender(browser, base, name));
      const last = runs.at(-1);
      console.log(`  ${label}`);
      console.log(`    feed loaded and parsed  ${median(runs.map((r) => r.loaded)).toFixed(0).padStart(6)} ms`);
      console.log(`    month in the DOM        ${median(runs.map((r) => r.dom)).toFixed(0).padStart(6)} ms   (${last.chips} chips in ${last.cells} days, ${last.items} list items)`);
      console.log(`    first frame painted     ${median(runs.map((r) => r.painted)).toFixed(0).padStart(6)} ms`);
      console.log(`    expand + render alone   ${median(runs.map((r) => r.again.dom)).toFixed(1).padStart(6)} ms   (feed already parsed)`);
      console.log(`    next month              ${median(runs.map((r) => r.again.next)).toFixed(1).padStart(6)} ms`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(`The calendar benchmark stopped: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
