import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogEvent } from '../catalog/types.ts';
import { loadFeeds, memoryFeedCache, type LoadResult } from './load.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CATALOG = readFileSync(path.resolve(here, '../../../shared/examples/minimal-catalog.json'), 'utf8');
const ICS = readFileSync(path.resolve(here, '../../test/fixtures/ics/new-york-dst.ics'), 'utf8');
const FEED = 'https://hub.example/feed/catalog.json';
const NOW = new Date('2026-11-02T10:00:00Z');

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** A fetch that answers from `handler` and records each request. */
function fakeFetch(handler: Handler) {
  const calls: { url: string; headers: Record<string, string>; init: RequestInit }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, headers: { ...(init.headers as Record<string, string>) }, init });
    return handler(url, init);
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

/** A fetch that never answers, only rejects when its signal aborts (as real fetch does). */
function hangingFetch(): typeof fetch {
  return ((_: RequestInfo | URL, init: RequestInit = {}) =>
    new Promise<Response>((_, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
    })) as typeof fetch;
}

const json = (body: string, headers: Record<string, string> = {}) => new Response(body, { status: 200, headers: { 'content-type': 'application/json', ...headers } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadFeeds: answers from the network', () => {
  it('loads a JSON catalog, keeps it in the cache with its validators, and reports it fresh', async () => {
    const cache = memoryFeedCache();
    const { fetch } = fakeFetch(() => json(CATALOG, { etag: '"v1"', 'last-modified': 'Sun, 01 Nov 2026 09:00:00 GMT' }));
    const result = await loadFeeds([FEED], { fetch, cache, now: NOW });
    expect(result.feeds).toEqual([expect.objectContaining({ url: FEED, state: 'fresh', kind: 'catalog', fetchedAt: NOW.toISOString(), problems: [] })]);
    expect(result.catalog!.items.map((i) => i.id)).toContain('spreekuur-maandelijks');
    expect(result.catalog!.items[0]!.provenance).toMatchObject({ catalogId: 'voorbeeld-netwerk', feedUrl: FEED });
    expect(cache.entries()).toEqual([expect.objectContaining({ url: FEED, etag: '"v1"', lastModified: 'Sun, 01 Nov 2026 09:00:00 GMT', fetchedAt: NOW.toISOString() })]);
  });

  it('reads iCalendar by content type, and by its text when the type says nothing', async () => {
    const { fetch } = fakeFetch((url) =>
      url.endsWith('a') ? new Response(ICS, { headers: { 'content-type': 'text/calendar; charset=utf-8' } }) : new Response(ICS, { headers: { 'content-type': 'application/octet-stream' } }),
    );
    const result = await loadFeeds(['https://school.example/agenda?a', 'https://school.example/download?b'], { fetch });
    expect(result.feeds.map((f) => [f.state, f.kind])).toEqual([
      ['fresh', 'icalendar'],
      ['fresh', 'icalendar'],
    ]);
    const events = result.catalog!.items as CatalogEvent[];
    expect(events.filter((e) => e.title === 'Webinar peer mentoring (New York)')).toHaveLength(2);
    expect(new Set(events.map((e) => e.provenance?.feedUrl)).size).toBe(2);
  });

  it('says plainly when a feed is missing, is a web page, is not a valid catalog or the server fails', async () => {
    const { fetch } = fakeFetch((url) => {
      if (url.includes('missing')) return new Response('nope', { status: 404, statusText: 'Not Found' });
      if (url.includes('page')) return new Response('<!doctype html><html><body>Error</body></html>', { headers: { 'content-type': 'text/html' } });
      if (url.includes('broken')) return json('{"format": "something-else"}');
      return new Response('', { status: 503, statusText: 'Service Unavailable' });
    });
    const urls = ['https://x.example/missing.json', 'https://x.example/page', 'https://x.example/broken.json', 'https://x.example/down.json'];
    const result = await loadFeeds(urls, { fetch });
    expect(result.catalog).toBeUndefined();
    expect(result.feeds.map((f) => [f.state, f.reason, f.httpStatus])).toEqual([
      ['failed', 'not-found', 404],
      ['failed', 'not-a-catalog', 200],
      ['failed', 'invalid', 200],
      ['failed', 'http-error', 503],
    ]);
    result.feeds.forEach((feed, i) => expect(feed.message).toContain(urls[i]));
    expect(result.feeds[1]!.message).toMatch(/web page/);
    expect(result.feeds[2]!.problems.length).toBeGreaterThan(0);
  });

  it('gives up after the timeout', async () => {
    const result = await loadFeeds([FEED], { fetch: hangingFetch(), timeoutMs: 30 });
    expect(result.feeds[0]).toMatchObject({ state: 'failed', reason: 'timeout' });
    expect(result.feeds[0]!.message).toMatch(/did not answer within/);
  });

  it('refuses feeds over the size cap, by Content-Length and by the bytes actually sent', async () => {
    const big = 'x'.repeat(2000);
    const { fetch } = fakeFetch((url) => {
      if (url.includes('declared')) return json(big, { 'content-length': String(big.length) });
      // A stream without Content-Length, larger than the cap.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      });
      return new Response(stream, { headers: { 'content-type': 'application/json' } });
    });
    const result = await loadFeeds(['https://x.example/declared.json', 'https://x.example/streamed.json'], { fetch, maxBytes: 1000 });
    expect(result.feeds.map((f) => [f.state, f.reason])).toEqual([
      ['failed', 'too-large'],
      ['failed', 'too-large'],
    ]);
  });
});

describe('loadFeeds: cache, conditional requests and stale-while-revalidate', () => {
  async function primedCache() {
    const cache = memoryFeedCache();
    await cache.put({ url: FEED, body: CATALOG, contentType: 'application/json', etag: '"v1"', lastModified: 'Sun, 01 Nov 2026 09:00:00 GMT', fetchedAt: '2026-11-01T09:00:00.000Z' });
    return cache;
  }

  it('asks conditionally and keeps the cached copy on 304, with a new fetch time', async () => {
    const cache = await primedCache();
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 304 }));
    const result = await loadFeeds([FEED], { fetch, cache, now: NOW, revalidate: false });
    expect(calls[0]!.headers).toMatchObject({ 'If-None-Match': '"v1"', 'If-Modified-Since': 'Sun, 01 Nov 2026 09:00:00 GMT' });
    expect(result.feeds[0]).toMatchObject({ state: 'fresh', fetchedAt: NOW.toISOString(), httpStatus: 304 });
    expect(result.catalog!.items.length).toBeGreaterThan(0);
    expect(cache.entries()[0]).toMatchObject({ fetchedAt: NOW.toISOString(), etag: '"v1"' });
  });

  it('serves the cached copy at once and hands the refreshed catalog to onUpdate when it changed', async () => {
    const cache = await primedCache();
    const changed = JSON.parse(CATALOG) as { items: { id: string; title: unknown }[] };
    changed.items[0]!.title = 'Nieuwe titel';
    const { fetch } = fakeFetch(() => json(JSON.stringify(changed), { etag: '"v2"' }));
    const update = new Promise<LoadResult>((resolve) => {
      void loadFeeds([FEED], { fetch, cache, now: NOW, onUpdate: resolve }).then((first) => {
        expect(first.feeds[0]).toMatchObject({ state: 'cached', fetchedAt: '2026-11-01T09:00:00.000Z' });
        expect(first.catalog!.items[0]!.title).not.toBe('Nieuwe titel');
      });
    });
    const fresh = await update;
    expect(fresh.feeds[0]).toMatchObject({ state: 'fresh', fetchedAt: NOW.toISOString() });
    expect(fresh.catalog!.items[0]!.title).toBe('Nieuwe titel');
    expect(cache.entries()[0]).toMatchObject({ etag: '"v2"' });
  });

  it('on 304 only tells that the copy is confirmed: same items, now fresh', async () => {
    const cache = await primedCache();
    const { fetch } = fakeFetch(() => new Response(null, { status: 304 }));
    let first!: LoadResult;
    const fresh = await new Promise<LoadResult>((resolve) => {
      void loadFeeds([FEED], { fetch, cache, now: NOW, onUpdate: resolve }).then((result) => (first = result));
    });
    expect(first.feeds[0]!.state).toBe('cached');
    expect(fresh.feeds[0]).toMatchObject({ state: 'fresh', fetchedAt: NOW.toISOString(), httpStatus: 304 });
    expect(fresh.catalog!.items).toEqual(first.catalog!.items);
    expect(cache.entries()[0]!.fetchedAt).toBe(NOW.toISOString());
  });

  it('tells onUpdate when the refresh fails, keeping the cached copy and saying why', async () => {
    const cache = await primedCache();
    const onUpdate = vi.fn();
    let answered!: () => void;
    const done = new Promise<void>((resolve) => (answered = resolve));
    const { fetch } = fakeFetch(() => {
      setTimeout(answered, 0);
      return new Response('', { status: 500 });
    });
    const first = await loadFeeds([FEED], { fetch, cache, now: NOW, onUpdate });
    expect(first.feeds[0]!.state).toBe('cached');
    await done;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(onUpdate).toHaveBeenCalledTimes(1);
    const update = onUpdate.mock.calls[0]![0] as Awaited<ReturnType<typeof loadFeeds>>;
    expect(update.feeds[0]).toMatchObject({ state: 'cached', reason: 'http-error', fetchedAt: '2026-11-01T09:00:00.000Z' });
    expect(update.feeds[0]!.message).toMatch(/answered with an error \(HTTP 500\)/);
    expect(update.catalog?.items.length).toBe(first.catalog?.items.length);
    expect(cache.entries()[0]!.fetchedAt).toBe('2026-11-01T09:00:00.000Z');
  });

  it('uses the cached copy when offline, and says it is offline when there is none', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const offline = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const withCache = await loadFeeds([FEED], { fetch: offline.fetch, cache: await primedCache(), revalidate: false });
    expect(withCache.feeds[0]).toMatchObject({ state: 'cached', reason: 'offline', fetchedAt: '2026-11-01T09:00:00.000Z' });
    expect(withCache.feeds[0]!.message).toMatch(/no internet connection.*copy fetched 2026-11-01 09:00 UTC/);
    expect(withCache.catalog).toBeDefined();
    const without = await loadFeeds([FEED], { fetch: offline.fetch });
    expect(without.feeds[0]).toMatchObject({ state: 'failed', reason: 'offline' });
    expect(without.catalog).toBeUndefined();
  });
});

describe('loadFeeds: browser situations', () => {
  it('recognises a CORS refusal and says what the server must send, or how to import the calendar', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    vi.stubGlobal('location', { origin: 'https://school.example', href: 'https://school.example/agenda' });
    const { fetch, calls } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const result = await loadFeeds(['https://other.example/agenda.ics'], { fetch, cache: memoryFeedCache() });
    expect(result.feeds[0]).toMatchObject({ state: 'failed', reason: 'cors' });
    expect(result.feeds[0]!.message).toContain('Access-Control-Allow-Origin');
    expect(result.feeds[0]!.message).toContain('kanswijzer build --ics https://other.example/agenda.ics');
    // No custom headers cross-origin: they would need a preflight.
    expect(Object.keys(calls[0]!.headers)).toEqual(['Accept']);
  });

  it('rejects with an AbortError when the caller cancels, before or during loading', async () => {
    const before = new AbortController();
    before.abort();
    await expect(loadFeeds([FEED], { fetch: hangingFetch(), signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const during = new AbortController();
    const pending = loadFeeds([FEED], { fetch: hangingFetch(), signal: during.signal, timeoutMs: 60_000 });
    during.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses addresses that are not http(s) links', async () => {
    const { fetch, calls } = fakeFetch(() => json(CATALOG));
    const result = await loadFeeds(['javascript:alert(1)', 'file:///etc/passwd'], { fetch });
    expect(result.feeds.map((f) => f.reason)).toEqual(['invalid', 'invalid']);
    expect(calls).toHaveLength(0);
  });
});
