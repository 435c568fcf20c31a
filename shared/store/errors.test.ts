import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { idbFeedCache, openStore, StoreError, toStoreError } from './index.ts';
import type { KanswijzerStore, StoreChange, StoreOptions } from './index.ts';
import { CATALOG, corsFailingFetch, event, fileFetch, pdfBytes, practice, resource } from './test-helpers.ts';
import { failPutsWithQuota } from './test-helpers.ts';

const open: KanswijzerStore[] = [];
const restore: Array<() => void> = [];
async function fresh(options: StoreOptions = {}): Promise<KanswijzerStore> {
  const store = await openStore({ indexedDB: new IDBFactory(), name: 'errors', channelName: false, fetch: corsFailingFetch(), ...options });
  open.push(store);
  return store;
}
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
  for (const store of open.splice(0)) store.close();
});

describe('mapping browser errors', () => {
  it.each([
    ['QuotaExceededError', 'use', 'quota-exceeded'],
    ['NS_ERROR_DOM_QUOTA_REACHED', 'use', 'quota-exceeded'],
    ['VersionError', 'open', 'version-too-new'],
    ['InvalidStateError', 'open', 'unavailable'],
    ['SecurityError', 'open', 'unavailable'],
    ['UnknownError', 'open', 'unavailable'],
    ['UnknownError', 'use', 'unknown'],
    ['DataCloneError', 'use', 'invalid'],
  ] as const)('%s during %s → %s, with words in Dutch and English', (name, during, reason) => {
    const error = toStoreError(new DOMException('technical text', name), during);
    expect(error).toBeInstanceOf(StoreError);
    expect(error.reason).toBe(reason);
    expect(error.messages.nl.length).toBeGreaterThan(20);
    expect(error.message).toContain(error.messages.en);
  });
});

describe('out of space', () => {
  it.each(['throw', 'abort'] as const)('a failed write (quota, %s) is reported as quota-exceeded and loses nothing saved before', async (how) => {
    const store = await fresh();
    const first = await store.save(practice(), { catalogId: CATALOG, note: 'eerste' });
    await store.putPlan({ id: 'p', title: 'Plan', entries: [] });
    const changes: StoreChange[] = [];
    store.onChange((c) => changes.push(c));

    restore.push(failPutsWithQuota('saved', how, IDBObjectStore.prototype));
    await expect(store.save(event(), { catalogId: CATALOG })).rejects.toMatchObject({ name: 'StoreError', reason: 'quota-exceeded' });
    await expect(store.setNote(first.key, 'overschreven?')).rejects.toMatchObject({ reason: 'quota-exceeded' });
    const imported = await store.importJson(
      JSON.stringify({ format: 'kanswijzer-saved', version: 1, items: [{ catalogId: CATALOG, savedAt: '2026-01-01T00:00:00Z', item: practice('x') }] }),
    );
    expect(imported).toMatchObject({ added: 0, updated: 0, error: { reason: 'quota-exceeded' } });
    expect(imported.problems.at(-1)?.message).toMatch(/no room left/);
    restore.pop()!();

    expect(await store.list()).toEqual([first]);
    expect((await store.get(first.key))?.note).toBe('eerste');
    expect(await store.getPlan('p')).toBeDefined();
    expect(changes).toEqual([]); // nothing changed, so nothing was announced
  });

  it('a save whose file does not fit still saves the item, without the file', async () => {
    const store = await fresh({ fetch: fileFetch(pdfBytes(5000)) });
    restore.push(failPutsWithQuota('files', 'abort', IDBObjectStore.prototype));
    const saved = await store.save(resource(), { catalogId: CATALOG });
    expect(saved.file).toBeUndefined();
    expect(saved.fileProblem).toMatchObject({ reason: 'storage-full' });
    expect(await store.get(saved.key)).toEqual(saved);
    expect(await store.getFile(saved.key)).toBeUndefined();
  });

  it('the feed cache never fails a feed load: a failed write is dropped and reported as an error event', async () => {
    const store = await fresh();
    const errors: unknown[] = [];
    store.addEventListener('error', (e) => errors.push((e as CustomEvent).detail));
    restore.push(failPutsWithQuota('feeds', 'throw', IDBObjectStore.prototype));
    await expect(store.feedCache.put({ url: 'https://x.example/f.json', body: '{}', fetchedAt: '2026-01-01T00:00:00Z' })).resolves.toBeUndefined();
    expect(errors).toMatchObject([{ reason: 'quota-exceeded' }]);
    expect(await store.feedCache.get('https://x.example/f.json')).toBeUndefined();
  });
});

describe('no IndexedDB', () => {
  it('works from memory with the same API, and says so', async () => {
    let t = Date.parse('2026-09-01T08:00:00Z');
    const store = await openStore({ indexedDB: null, name: 'memory-1', fetch: fileFetch(pdfBytes(300)), now: () => new Date((t += 1000)) });
    open.push(store);
    expect(store.persistent).toBe(false);
    expect(store.mode).toBe('memory');
    expect(store.warning).toMatchObject({ reason: 'unavailable', messages: { en: expect.stringContaining('only until you close this page'), nl: expect.stringContaining('tot je deze pagina sluit') } });

    const saved = await store.save(resource(), { catalogId: CATALOG, note: 'in het geheugen' });
    await store.save(practice(), { catalogId: CATALOG });
    expect((await store.list()).map((s) => s.key)).toEqual([`${CATALOG}:anoniem-stage-matchen`, saved.key]);
    expect((await store.getFile(saved.key))?.size).toBe(300);
    expect((await store.search('geheugen')).map((s) => s.key)).toEqual([saved.key]);
    await store.putPlan({ id: 'p', title: 'Plan', entries: [] });
    await store.addFeedback(saved.key, 'site:x');
    expect(await store.listFeedback('site:x')).toHaveLength(1);
    const text = await store.exportJson();
    expect(await store.remove(saved.key)).toBe(true);
    expect(await store.importJson(text)).toMatchObject({ added: 1, skipped: 1 });
    expect((await store.getFile(saved.key))?.size).toBe(300);
  });

  it('memory stores on one page share their items and hear each other', async () => {
    const a = await openStore({ indexedDB: null, name: 'memory-2' });
    const b = await openStore({ indexedDB: null, name: 'memory-2' });
    open.push(a, b);
    const seen: StoreChange[] = [];
    b.onChange((c) => seen.push(c));
    await a.save(practice(), { catalogId: CATALOG });
    expect(await b.list()).toHaveLength(1);
    expect(seen).toEqual([{ type: 'saved', key: `${CATALOG}:anoniem-stage-matchen`, local: false }]);
  });

  it('a failed memory transaction keeps the old data too', async () => {
    const store = await openStore({ indexedDB: null, name: 'memory-3' });
    open.push(store);
    await store.save(practice(), { catalogId: CATALOG, note: 'blijft' });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(store.save(practice('anoniem-stage-matchen', { extra: circular }), { catalogId: CATALOG })).rejects.toMatchObject({ reason: 'invalid' });
    expect((await store.list())[0]?.note).toBe('blijft');
  });

  it.each(['InvalidStateError', 'SecurityError', 'UnknownError'])('falls back to memory when opening fails with %s (private browsing)', async (name) => {
    const failing = {
      open() {
        const request = { error: new DOMException('no', name) } as unknown as IDBOpenDBRequest;
        setTimeout(() => request.onerror?.({ preventDefault() {} } as unknown as Event), 0);
        return request;
      },
    } as unknown as IDBFactory;
    const store = await openStore({ indexedDB: failing, name: `memory-${name}` });
    open.push(store);
    expect(store.persistent).toBe(false);
    expect(store.warning?.reason).toBe('unavailable');
    await store.save(practice(), { catalogId: CATALOG });
    expect(await store.list()).toHaveLength(1);
  });

  it('falls back to memory when reading indexedDB itself throws, or opening never answers', async () => {
    const throwing = {
      open() {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const a = await openStore({ indexedDB: throwing, name: 'memory-4' });
    const silent = { open: () => ({}) as IDBOpenDBRequest } as unknown as IDBFactory;
    const b = await openStore({ indexedDB: silent, name: 'memory-5', openTimeoutMs: 20 });
    open.push(a, b);
    expect([a.mode, b.mode]).toEqual(['memory', 'memory']);
  });
});

describe('idbFeedCache', () => {
  it('is a FeedCache on the default store and makes one for a given store', async () => {
    const store = await fresh({ name: 'feeds' });
    const cache = idbFeedCache(store);
    await cache.put({ url: 'https://a.example/c.json', body: 'x', fetchedAt: '2026-01-01T00:00:00Z' });
    expect(await store.getCachedFeed('https://a.example/c.json')).toMatchObject({ body: 'x' });

    const byOptions = idbFeedCache({ indexedDB: null, name: 'feeds-memory' });
    await byOptions.put({ url: 'u', body: 'y', fetchedAt: '2026-01-01T00:00:00Z' });
    expect(await byOptions.get('u')).toMatchObject({ body: 'y' });

    // The default store uses the global (fake) IndexedDB here.
    await idbFeedCache.put({ url: 'https://b.example/c.json', body: 'z', fetchedAt: '2026-01-01T00:00:00Z' });
    expect(await idbFeedCache.get('https://b.example/c.json')).toMatchObject({ body: 'z' });
  });
});
