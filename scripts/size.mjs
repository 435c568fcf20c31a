// `npm run size`: how much JavaScript (minified, gzip level 9) a page with only one Kanswijzer element
// downloads, measured the honest way: headless Chromium opens a page per element in a fresh profile, the
// built files are served from dist/, and every JavaScript response is counted until the element has
// rendered and the network is idle. "On load" is what the budget applies to; "in use" adds what the page
// fetches once the reader uses the element (search, open an item, save one), for information.
// Also the extension's content scripts, each on its own (one runs per page): at most 15 kB min+gzip (issue 7).
// Expects `npm run build` to have run; builds nothing itself.
//
//   node scripts/size.mjs [--dist <dir>] [--files] [--json]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const DIST = path.resolve(option('--dist') ?? 'dist');
const ORIGIN = 'http://school.kanswijzer.test';
const KB = 1000;

/** Budgets in bytes (min+gzip of all JavaScript on load), from issues 5 and 6. */
const BUDGETS = { 'kw-resources': 30 * KB, 'kw-calendar': 45 * KB };
/** Budget of each extension content script in bytes (min+gzip), from issue 7. */
const CONTENT_SCRIPT_BUDGET = 15 * KB;
const EXTENSION = path.join(DIST, 'extension', 'chrome');

if (!existsSync(path.join(DIST, 'widgets', 'kanswijzer.js'))) {
  console.error(`No ${path.relative(process.cwd(), path.join(DIST, 'widgets', 'kanswijzer.js'))}: run "npm run build" first (this script measures the build, it does not build).`);
  process.exit(1);
}
const hasFeed = existsSync(path.join(DIST, 'feed', 'catalog.json'));
const hasIcs = existsSync(path.join(DIST, 'feed', 'events.ics'));
const catalog = hasFeed ? JSON.parse(readFileSync(path.join(DIST, 'feed', 'catalog.json'), 'utf8')) : { items: [] };
const withBody = catalog.items.find((item) => item.body && item.type === 'practice') ?? catalog.items[0];
const widgetsSource = readFileSync('widgets/index.ts', 'utf8');

/** The pages: one element each, on the default catalog next to the script (the calendar on the .ics feed). */
const PAGES = [
  { tag: 'kw-resources', html: '<kw-resources></kw-resources>', use: useResources },
  { tag: 'kw-item', html: `<kw-item item="${withBody?.id ?? ''}"></kw-item>` },
  { tag: 'kw-saved', html: '<kw-saved></kw-saved>' },
  { tag: 'kw-action-plan', html: '<kw-action-plan></kw-action-plan>' },
];
// The calendar counts once its element is in the one script (issue 6).
// The calendar counts once its element is in the one script (issue 6): on the published events.ics, on the
// demo's school calendar (recurring events, exceptions: the common case for a school), and in both views.
if (/['"]kw-calendar['"]\s*:/.test(widgetsSource)) {
  PAGES.push({ tag: 'kw-calendar', label: 'kw-calendar (events.ics, list)', html: `<kw-calendar src="../feed/events.ics" view="list"></kw-calendar>`, needsIcs: true });
  if (existsSync(path.join(DIST, 'demo', 'voorbeeldschool.ics'))) {
    PAGES.push({ tag: 'kw-calendar', label: 'kw-calendar (recurring .ics, month)', html: `<kw-calendar src="../demo/voorbeeldschool.ics"></kw-calendar>` });
    PAGES.push({ tag: 'kw-calendar', label: 'kw-calendar (recurring .ics, list)', html: `<kw-calendar src="../demo/voorbeeldschool.ics" view="list"></kw-calendar>` });
  }
}

const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.ics': 'text/calendar', '.html': 'text/html', '.map': 'application/json' };

function pageHtml(body) {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>size</title>
<script type="module" src="../widgets/kanswijzer.js"></script></head><body>${body}</body></html>`;
}

/** Serves dist/ (and the generated page) to the browser without a server, and counts the JavaScript. */
async function openPage(browser, html) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const scripts = new Map();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== ORIGIN) return request.respond({ status: 404, body: '' });
    if (url.pathname === '/size/page.html') return request.respond({ status: 200, contentType: 'text/html', body: html });
    const file = path.join(DIST, decodeURIComponent(url.pathname));
    if (!file.startsWith(DIST) || !existsSync(file)) return request.respond({ status: 404, body: 'not found' });
    const body = readFileSync(file);
    if (file.endsWith('.js')) scripts.set(url.pathname, gzipSync(body, { level: 9 }).length);
    return request.respond({ status: 200, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream', body, headers: { 'access-control-allow-origin': '*' } });
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${ORIGIN}/size/page.html`, { waitUntil: 'networkidle0' });
  return { context, page, scripts, errors };
}

/** Waits until the element has rendered something other than its loading message. */
async function rendered(page, tag) {
  await page.waitForFunction(
    (name) => {
      const element = document.querySelector(name);
      const root = element?.shadowRoot;
      return Boolean(root?.querySelector('*')) && !root.querySelector('.loading');
    },
    { timeout: 15000 },
    tag,
  );
  await page.waitForNetworkIdle({ idleTime: 300 });
}

const total = (scripts) => [...scripts.values()].reduce((a, b) => a + b, 0);

/** What a reader does with the list: search, open the filters, open an item, save it. */
async function useResources(page) {
  await page.evaluate(async () => {
    const list = document.querySelector('kw-resources');
    const root = list.shadowRoot;
    const input = root.querySelector('input[type=search]');
    input.focus();
    input.value = 'stage';
    input.dispatchEvent(new window.Event('input'));
    root.querySelector('details')?.setAttribute('open', '');
    await new Promise((r) => setTimeout(r, 300));
    root.querySelector('.title button')?.click();
    root.querySelector('[part=save-button]')?.click();
  });
  await page.waitForFunction(() => document.querySelector('kw-resources').shadowRoot.querySelector('kw-item')?.shadowRoot?.querySelector('.body *'), { timeout: 15000 });
  await page.waitForNetworkIdle({ idleTime: 500 });
}

const executablePath = findChromium();
const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const rows = [];
let failed = false;
try {
  for (const spec of PAGES) {
    if (spec.needsIcs && !hasIcs) {
      rows.push({ tag: spec.tag, note: 'no dist/feed/events.ics' });
      continue;
    }
    const { context, page, scripts, errors } = await openPage(browser, pageHtml(spec.html));
    try {
      await rendered(page, spec.tag);
      const onLoad = total(scripts);
      const files = scripts.size;
      const loadedFiles = [...scripts].map(([file, bytes]) => ({ file, bytes }));
      let inUse;
      if (spec.use) {
        await spec.use(page);
        inUse = total(scripts);
      }
      const budget = BUDGETS[spec.tag];
      const over = budget !== undefined && onLoad > budget;
      if (over) failed = true;
      rows.push({ tag: spec.tag, label: spec.label ?? spec.tag, onLoad, files, inUse, budget, over, errors, loaded: loadedFiles });
    } catch (error) {
      failed = true;
      rows.push({ tag: spec.tag, label: spec.label ?? spec.tag, note: `did not render: ${error.message.split('\n')[0]}`, errors });
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
}

// The content scripts are not fetched by a page: their size is the file's, minified and gzipped.
const contentScripts = existsSync(EXTENSION) ? readdirSync(EXTENSION).filter((name) => /^content(-[a-z0-9-]+)?\.js$/.test(name)).sort() : [];
const contentRows = contentScripts.map((name) => {
  const bytes = gzipSync(readFileSync(path.join(EXTENSION, name)), { level: 9 }).length;
  const over = bytes > CONTENT_SCRIPT_BUDGET;
  if (over) failed = true;
  return { script: name, bytes, budget: CONTENT_SCRIPT_BUDGET, over };
});

const kb = (bytes) => (bytes === undefined ? '' : `${(bytes / KB).toFixed(1)} kB`);
if (args.includes('--json')) {
  console.log(JSON.stringify({ pages: rows, contentScripts: contentRows }, null, 2));
} else {
  console.log(`\nJavaScript per page with one element (min+gzip -9, fresh profile, ${path.relative(process.cwd(), DIST) || '.'}/):\n`);
  console.log(`${'element'.padEnd(36)}${'on load'.padStart(10)}${'files'.padStart(7)}${'budget'.padStart(10)}${'in use'.padStart(10)}  `);
  for (const row of rows) {
    if (row.note) {
      console.log(`${(row.label ?? row.tag).padEnd(36)}  ${row.note}`);
      continue;
    }
    const verdict = row.budget === undefined ? '' : row.over ? 'OVER BUDGET' : 'ok';
    console.log(`${(row.label ?? row.tag).padEnd(36)}${kb(row.onLoad).padStart(10)}${String(row.files).padStart(7)}${kb(row.budget).padStart(10)}${kb(row.inUse).padStart(10)}  ${verdict}`);
    for (const error of row.errors ?? []) console.log(`${''.padEnd(36)}page error: ${error}`);
    if (args.includes('--files')) for (const { file, bytes } of row.loaded ?? []) console.log(`${''.padEnd(36)}${kb(bytes).padStart(10)}  ${file}`);
  }
  console.log('\n"in use": after searching, opening the filters and an item, and saving it (lazy chunks: search, item, Markdown, store).');
  if (contentRows.length) {
    console.log(`\nExtension content scripts (min+gzip -9, ${path.relative(process.cwd(), EXTENSION)}/; one runs per page):\n`);
    for (const row of contentRows) console.log(`${row.script.padEnd(36)}${kb(row.bytes).padStart(10)}${''.padStart(7)}${kb(row.budget).padStart(10)}${''.padStart(10)}  ${row.over ? 'OVER BUDGET' : 'ok'}`);
  } else {
    console.log(`\nNo extension build in ${path.relative(process.cwd(), EXTENSION)}/: content scripts not measured.`);
  }
}
process.exit(failed ? 1 : 0);
