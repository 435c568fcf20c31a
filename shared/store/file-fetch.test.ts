import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './index.ts';
import type { KanswijzerStore, StoreOptions } from './index.ts';
import { fileTargetFor } from './file-fetch.ts';
import { CATALOG, corsFailingFetch, event, fileFetch, hangingFetch, pdfBytes, practice, resource, scriptedFetch } from './test-helpers.ts';

const open: KanswijzerStore[] = [];
async function fresh(options: StoreOptions): Promise<KanswijzerStore> {
  const store = await openStore({ indexedDB: new IDBFactory(), name: 'files', channelName: false, ...options });
  open.push(store);
  return store;
}
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

/** A response whose body arrives in chunks of `chunk` bytes, without a Content-Length. */
function streamingResponse(total: number, chunk = 64 * 1024): Response {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size));
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/pdf' } });
}

describe('which file belongs to an item', () => {
  it('takes a resource’s first media file, or its url when that names a file; never for practices or events', () => {
    expect(fileTargetFor(resource())).toEqual({ url: 'https://files.example/leidraad.pdf', type: 'application/pdf' });
    expect(fileTargetFor(resource('r', { media: [], url: 'https://voorbeeld.example/docs/rapport.PDF' }))?.url).toBe('https://voorbeeld.example/docs/rapport.PDF');
    expect(fileTargetFor(resource('r', { media: [], url: 'https://voorbeeld.example/artikel' }))).toBeUndefined();
    expect(fileTargetFor(resource('r', { media: [{ url: 'javascript:alert(1)' }], url: undefined }))).toBeUndefined();
    expect(fileTargetFor(resource('r', { media: [{ url: 'files/gids.pdf' }] }), 'https://voorbeeld.example/feed/catalog.json')?.url).toBe('https://voorbeeld.example/feed/files/gids.pdf');
    expect(fileTargetFor(practice('p', { url: 'https://x.example/a.pdf' }))).toBeUndefined();
    expect(fileTargetFor(event())).toBeUndefined();
  });
});

describe('storing a resource’s file', () => {
  it('stores the file as a Blob that reads back byte for byte, without cookies or referrer', async () => {
    const bytes = pdfBytes(10_000);
    const fetch = fileFetch(bytes);
    let init: RequestInit | undefined;
    const spy = scriptedFetch(async (url, i) => {
      init = i;
      return fetch(url, i);
    });
    const store = await fresh({ fetch: spy });
    const saved = await store.save(resource(), { catalogId: CATALOG });
    expect(saved.file).toMatchObject({ url: 'https://files.example/leidraad.pdf', type: 'application/pdf', size: 10_000 });
    expect(saved.fileProblem).toBeUndefined();
    const blob = await store.getFile(saved.key);
    expect(blob?.type).toBe('application/pdf');
    expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(bytes);
    expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', mode: 'cors' });
    // Listing stays cheap: the saved record holds only what is known about the file.
    expect(JSON.stringify(await store.list())).not.toContain('blob');
  });

  it('saves the item anyway when CORS or the network blocks the download, and says why', async () => {
    const store = await fresh({ fetch: corsFailingFetch() });
    const saved = await store.save(resource(), { catalogId: CATALOG });
    expect(saved.file).toBeUndefined();
    expect(saved.fileProblem).toMatchObject({ url: 'https://files.example/leidraad.pdf', reason: 'network', message: expect.stringContaining('CORS') });
    expect(await store.get(saved.key)).toEqual(saved);
    expect(await store.getFile(saved.key)).toBeUndefined();
  });

  it('does not download a file whose Content-Length is over the cap', async () => {
    let sent = 0;
    let cancelled = false;
    const fetch = scriptedFetch(async () => {
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          sent += 1024;
          c.enqueue(new Uint8Array(1024));
        },
        cancel() {
          cancelled = true;
        },
      });
      return new Response(body, { headers: { 'content-type': 'application/pdf', 'content-length': String(30 * 1024 * 1024) } });
    });
    const store = await fresh({ fetch });
    const saved = await store.save(resource(), { catalogId: CATALOG });
    expect(saved.fileProblem).toMatchObject({ reason: 'too-large', message: expect.stringContaining('30.0 MB') });
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThanOrEqual(2048);
  });

  it('stops a download without Content-Length once it passes the cap', async () => {
    let served = 0;
    const fetch = scriptedFetch(async () => {
      const response = streamingResponse(5 * 1024 * 1024, 256 * 1024);
      const reader = response.body!.getReader();
      const counted = new ReadableStream<Uint8Array>({
        async pull(c) {
          const { done, value } = await reader.read();
          if (done) return c.close();
          served += value.byteLength;
          c.enqueue(value);
        },
      });
      return new Response(counted, { headers: { 'content-type': 'application/pdf' } });
    });
    const store = await fresh({ fetch, maxFileBytes: 1024 * 1024 });
    const saved = await store.save(resource(), { catalogId: CATALOG });
    expect(saved.fileProblem?.reason).toBe('too-large');
    expect(saved.file).toBeUndefined();
    expect(served).toBeLessThan(2 * 1024 * 1024);
  });

  it('skips a file the catalog already says is too large', async () => {
    const fetch = fileFetch(pdfBytes(10));
    const store = await fresh({ fetch, maxFileBytes: 1000 });
    const saved = await store.save(resource('r', { media: [{ url: 'https://files.example/big.mp4', type: 'video/mp4', size: 5000 }] }), { catalogId: CATALOG });
    expect(saved.fileProblem?.reason).toBe('too-large');
    expect(fetch.calls).toEqual([]);
  });

  it('gives up after the time limit, while waiting for an answer or for the rest of the body', async () => {
    const store = await fresh({ fetch: hangingFetch(), fileTimeoutMs: 50 });
    const saved = await store.save(resource(), { catalogId: CATALOG });
    expect(saved.fileProblem).toMatchObject({ reason: 'timeout' });
    expect(await store.get(saved.key)).toBeDefined();

    const stalled = scriptedFetch(async () => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new Uint8Array(100)); // then nothing more, ever
        },
      });
      return new Response(body, { headers: { 'content-type': 'application/pdf' } });
    });
    const store2 = await fresh({ fetch: stalled, fileTimeoutMs: 50, name: 'files-2' });
    expect((await store2.save(resource(), { catalogId: CATALOG })).fileProblem?.reason).toBe('timeout');
  });

  it('does not store error pages or web pages as files', async () => {
    const notFound = await fresh({ fetch: scriptedFetch(async () => new Response('nope', { status: 404, statusText: 'Not Found' })) });
    expect((await notFound.save(resource(), { catalogId: CATALOG })).fileProblem).toMatchObject({ reason: 'http-error', message: 'The server answered 404 Not Found.' });
    const login = await fresh({ name: 'files-2', fetch: scriptedFetch(async () => new Response('<html>log in</html>', { headers: { 'content-type': 'text/html; charset=utf-8' } })) });
    expect((await login.save(resource(), { catalogId: CATALOG })).fileProblem?.reason).toBe('not-a-file');
  });

  it('can be told not to download, and a cancelled download still saves the item', async () => {
    const fetch = fileFetch(pdfBytes(10));
    const store = await fresh({ fetch });
    const saved = await store.save(resource(), { catalogId: CATALOG, fetchFile: false });
    expect(fetch.calls).toEqual([]);
    expect(saved.file).toBeUndefined();
    expect(saved.fileProblem).toBeUndefined();

    const controller = new AbortController();
    const cancelling = await fresh({ name: 'files-2', fetch: hangingFetch() });
    const pending = cancelling.save(resource(), { catalogId: CATALOG, signal: controller.signal });
    controller.abort();
    expect((await pending).fileProblem?.reason).toBe('cancelled');
  });

  it('keeps a file stored earlier when a later save cannot download it', async () => {
    const bytes = pdfBytes(3000);
    let online = true;
    const fetch = scriptedFetch(async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(bytes as BodyInit, { headers: { 'content-type': 'application/pdf' } });
    });
    const store = await fresh({ fetch });
    const first = await store.save(resource(), { catalogId: CATALOG });
    online = false;
    const second = await store.save(resource(), { catalogId: CATALOG });
    expect(second.file).toEqual(first.file);
    expect(second.fileProblem).toBeUndefined();
    expect((await store.getFile(first.key))?.size).toBe(3000);
  });
});
