// A web-test-runner plugin for the calendar's browser tests:
//
// 1. The server command `kw-emulate-timezone` ({ timeZone } or { timeZone: null } to reset) sets the time zone
//    of the test page through the Chrome DevTools Protocol (Emulation.setTimezoneOverride, via puppeteer's
//    page.emulateTimezone), so a test sees what a visitor in that zone sees: Date, Intl and the calendar's
//    "your own time zone" default all follow it. `kw-emulate-forced-colors` ({ active }) turns forced colours
//    (Windows high contrast) on or off, which web-test-runner's emulateMedia cannot.
// 2. GET /__ics-corpus__/… serves ../shared/ics-corpus/ (the reference calendars beside the repository,
//    read-only), so the corpus is read where it lives and never copied into the project.
//
// Used by widgets/calendar/web-test-runner.config.mjs; the root web-test-runner.config.mjs should list it too.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '..', '..', '..', 'shared', 'ics-corpus');
const PREFIX = '/__ics-corpus__/';
const sessions = new WeakMap();
const TYPES = { '.ics': 'text/calendar; charset=utf-8', '.json': 'application/json; charset=utf-8' };

/** The corpus file a request path names, or undefined for anything outside the corpus or not .ics/.json. */
async function corpusFile(urlPath) {
  let relative;
  try {
    relative = decodeURIComponent(urlPath.slice(PREFIX.length).split(/[?#]/)[0]);
  } catch {
    return undefined;
  }
  const file = path.resolve(CORPUS, relative);
  if (!file.startsWith(CORPUS + path.sep) || !TYPES[path.extname(file)]) return undefined;
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The plugin: a time-zone command for Chromium pages and the read-only corpus route. */
export function calendarTestPlugin() {
  return {
    name: 'kanswijzer-calendar-test',

    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      if (context.method !== 'GET' && context.method !== 'HEAD') return { body: 'read-only', status: 405 };
      const file = await corpusFile(context.path);
      if (!file) return { body: `not in the corpus: ${context.path}`, status: 404, type: 'text/plain' };
      return { body: await readFile(file, 'utf8'), type: TYPES[path.extname(file)] };
    },

    async executeCommand({ command, payload, session }) {
      if (command !== 'kw-emulate-timezone' && command !== 'kw-emulate-forced-colors') return undefined;
      const browser = session.browser;
      if (typeof browser.getPage !== 'function') {
        throw new Error(`${command} needs a Chromium launcher with puppeteer pages; ${browser.name ?? 'this browser'} has none.`);
      }
      const page = browser.getPage(session.id);
      if (command === 'kw-emulate-forced-colors') {
        // Neither web-test-runner's emulateMedia nor puppeteer's emulateMediaFeatures knows forced colours
        // (Windows high contrast); the DevTools protocol does.
        let client = sessions.get(page);
        if (!client) sessions.set(page, (client = await page.createCDPSession()));
        await client.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload && payload.active ? 'active' : 'none' }] });
        return true;
      }
      const zone = payload && typeof payload.timeZone === 'string' && payload.timeZone ? payload.timeZone : undefined;
      // undefined resets the page to the machine's own zone.
      await page.emulateTimezone(zone);
      return true;
    },
  };
}
