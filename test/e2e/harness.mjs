// Helpers for the end-to-end tests: launch Debian's Chromium with the built extension, find the extension,
// read badges and per-tab state from an extension page, open the side panel for a tab, stop the service
// worker, and read Chromium's own network log afterwards.
/* global chrome -- evaluated inside extension pages */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { fixtureHosts } from './server.mjs';

export const EXTENSION_DIR = path.resolve('dist/extension/chrome');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value; throws with `what` after `timeout` ms. */
export async function waitFor(what, check, { timeout = 8000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await sleep(interval);
  }
  throw new Error(`Timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/** Launches Chromium with the extension in `extensionDir` (the built Chrome extension unless told otherwise). */
export async function launchBrowser(server, { extensionDir = EXTENSION_DIR } = {}) {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`${extensionDir} has no manifest.json: run "npm run build" first.`);
  }
  const netLog = path.join(mkdtempSync(path.join(tmpdir(), 'kw-netlog-')), 'net.json');
  const rules = [...fixtureHosts().map((host) => `MAP ${host} 127.0.0.1:${server.port}`), 'MAP * ~NOTFOUND'].join(', ');
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    pipe: true,
    enableExtensions: [extensionDir],
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=${rules}`, '--ignore-certificate-errors', `--log-net-log=${netLog}`, '--window-size=1200,900'],
    // Puppeteer must not attach to the service worker: a restarted worker would wait for a debugger forever.
    targetFilter: (target) => target.type() !== 'service_worker',
  });
  const session = await browser.target().createCDPSession();
  const extensionId = await waitFor('the extension service worker', async () => {
    const { targetInfos } = await session.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://') && t.url.endsWith('/background.js'));
    return worker && new URL(worker.url).host;
  });
  const probe = await browser.newPage();
  // Any file of the extension is an extension page with the chrome.* APIs, and sends the worker no messages.
  await probe.goto(`chrome-extension://${extensionId}/pages.css`);
  return { browser, session, extensionId, probe, netLog };
}

export function extensionHelpers({ browser, extensionId, probe }) {
  const base = `chrome-extension://${extensionId}/`;
  const helpers = {
    base,
    /** Clicks like a person: in the tab that is in front (puppeteer cannot click in a background tab). */
    async click(page, selector) {
      await page.bringToFront();
      await page.click(selector);
    },
    /** Closes every page except the probe (after a test, so no tab is left for the next one). */
    async closePages() {
      for (const page of await browser.pages()) if (page !== probe) await page.close().catch(() => undefined);
    },
    async tabIdOf(page) {
      const url = page.url();
      // The newest tab with this address (tab ids grow), in case an earlier test left one open.
      return waitFor(`the tab id of ${url}`, () =>
        probe.evaluate(async (u) => Math.max(-1, ...(await chrome.tabs.query({})).filter((t) => t.url === u).map((t) => t.id)), url).then((id) => (id >= 0 ? id : null)),
      );
    },
    badge(tabId) {
      return probe.evaluate(async (id) => ({ text: await chrome.action.getBadgeText({ tabId: id }), title: await chrome.action.getTitle({ tabId: id }) }), tabId);
    },
    record(tabId) {
      return probe.evaluate(async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] ?? null, tabId);
    },
    /** Waits until the background has handled a read of the tab made after `since` (ms). */
    async readAfter(tabId, since, what = 'the page to be read') {
      return waitFor(`${what} (tab ${tabId})`, async () => {
        const record = await helpers.record(tabId);
        return record && record.readAt >= since && record.badgeAt ? record : null;
      });
    },
    /** Opens an LMS page in a new tab and waits until the extension has read it. */
    async openLms(url) {
      const page = await browser.newPage();
      const started = Date.now();
      await page.goto(url, { waitUntil: 'load' });
      const tabId = await helpers.tabIdOf(page);
      const record = await helpers.readAfter(tabId, started, `the extension to read ${url}`);
      const loadedAt = await page.evaluate(() => performance.timing.loadEventEnd);
      return { page, tabId, record, badgeDelay: record.badgeAt - loadedAt };
    },
    async openPanel(tabId) {
      const panel = await browser.newPage();
      await panel.goto(`${base}panel.html?tab=${tabId}`);
      await panel.waitForFunction(() => !/laden|Loading/.test(document.getElementById('here-status')?.textContent ?? 'laden'));
      return panel;
    },
    async openOptions() {
      const options = await browser.newPage();
      await options.goto(`${base}options.html`);
      await options.waitForFunction(() => document.querySelectorAll('#role option').length > 1);
      return options;
    },
    /** Stops the extension's service worker (as Chrome does when it is idle) and waits until it has stopped. */
    async stopServiceWorker() {
      const cdp = await probe.createCDPSession();
      await cdp.send('ServiceWorker.enable');
      const stopped = new Promise((resolve) => {
        cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
          if (event.versions.some((v) => v.scriptURL.startsWith(base) && v.runningStatus === 'stopped')) resolve();
        });
      });
      await cdp.send('ServiceWorker.stopAllWorkers');
      await Promise.race([stopped, sleep(5000).then(() => Promise.reject(new Error('the service worker did not stop')))]);
      await cdp.detach();
    },
    async serviceWorkerRunning() {
      const session = await browser.target().createCDPSession();
      const { targetInfos } = await session.send('Target.getTargets');
      await session.detach();
      return targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith(base));
    },
  };
  return helpers;
}

/** Every http(s) request in Chromium's network log, with who started it (`initiator`). */
export function requestsInNetLog(file) {
  const log = JSON.parse(readFileSync(file, 'utf8'));
  const names = Object.fromEntries(Object.entries(log.constants.logEventTypes).map(([name, id]) => [id, name]));
  const requests = [];
  for (const event of log.events) {
    if (names[event.type] !== 'URL_REQUEST_START_JOB') continue;
    const url = event.params?.url ?? '';
    if (!/^https?:/.test(url)) continue;
    requests.push({ url, initiator: event.params.initiator ?? '', method: event.params.method });
  }
  return requests;
}
