import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { wrap } from 'idb';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpDatabase, revive, writeFixtureDatabase } from '../../test/fixtures/idb/fixture-db.ts';
import type { FixtureDump } from '../../test/fixtures/idb/fixture-db.ts';
import { DB_VERSION, openStore } from './index.ts';
import type { KanswijzerStore } from './index.ts';
import { CURRENT_SCHEMA, migrate } from './schema.ts';
import { CATALOG, practice } from './test-helpers.ts';

const FIXTURE_DIR = new URL('../../test/fixtures/idb/', import.meta.url);
const fixtures = readdirSync(FIXTURE_DIR)
  .filter((name) => /^v\d+\.json$/.test(name))
  .map((name) => ({ name, dump: JSON.parse(readFileSync(new URL(name, FIXTURE_DIR), 'utf8')) as FixtureDump }));

const open: KanswijzerStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

/** The layout of a database as plain data: stores, key paths, indexes. */
function layoutOf(dump: FixtureDump) {
  return Object.fromEntries(
    dump.stores.map((s) => [s.name, { keyPath: s.keyPath, indexes: Object.fromEntries(s.indexes.map((i) => [i.name, i.keyPath])) }]),
  );
}

/** Opens `name` at `version` running only the first `version` migrations, as the code of that version did. */
async function createAtVersion(factory: IDBFactory, name: string, version: number): Promise<void> {
  const request = factory.open(name, version);
  request.onupgradeneeded = (event) => {
    migrate(wrap(request.result) as IDBPDatabase<unknown>, wrap(request.transaction!) as unknown as IDBPTransaction<unknown, string[], 'versionchange'>, event.oldVersion, version);
  };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
}

describe('schema', () => {
  it('has a fixture for every earlier version', () => {
    const versions = fixtures.map((f) => f.dump.version).sort();
    expect(versions).toEqual(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1));
  });

  it('a new database has exactly the current layout', async () => {
    const factory = new IDBFactory();
    open.push(await openStore({ indexedDB: factory, name: 'fresh', channelName: false }));
    const dump = await dumpDatabase(factory, 'fresh');
    expect(dump.version).toBe(DB_VERSION);
    expect(layoutOf(dump)).toEqual(CURRENT_SCHEMA);
  });

  it.each(fixtures)('$name has the layout the migrations of its version create', async ({ dump }) => {
    const factory = new IDBFactory();
    await createAtVersion(factory, 'old', dump.version);
    expect(layoutOf(await dumpDatabase(factory, 'old'))).toEqual(layoutOf(dump));
  });
});

describe.each(fixtures)('a database written by schema $name', ({ dump }) => {
  it('opens in the current version with every record unchanged and the current layout', async () => {
    const factory = new IDBFactory();
    await writeFixtureDatabase(factory, dump, 'kanswijzer');
    const store = await openStore({ indexedDB: factory, channelName: false });
    open.push(store);
    store.close();

    const after = await dumpDatabase(factory, 'kanswijzer');
    expect(after.version).toBe(DB_VERSION);
    expect(layoutOf(after)).toEqual(CURRENT_SCHEMA);
    for (const before of dump.stores) {
      const now = after.stores.find((s) => s.name === before.name);
      expect(now?.records, `records of ${before.name}`).toEqual(expect.arrayContaining(before.records));
      expect(now?.records).toHaveLength(before.records.length);
    }
  });

  it('is fully usable: list, search, files, plans, feeds, and the stores added since', async () => {
    const factory = new IDBFactory();
    await writeFixtureDatabase(factory, dump, 'kanswijzer');
    const store = await openStore({ indexedDB: factory, channelName: false });
    open.push(store);

    const savedBefore = (dump.stores.find((s) => s.name === 'saved')?.records ?? []) as Array<{ key: string; savedAt: string }>;
    const newestFirst = [...savedBefore].sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1)).map((s) => s.key);
    expect((await store.list()).map((s) => s.key)).toEqual(newestFirst);
    for (const record of savedBefore) expect(await store.get(record.key)).toEqual(record);

    expect((await store.search('zoe teamoverleg')).map((s) => s.key)).toEqual(['voorbeeld-netwerk:anoniem-stage-matchen']);

    for (const file of (dump.stores.find((s) => s.name === 'files')?.records ?? []) as Array<{ key: string; blob: unknown }>) {
      const expected = revive(file.blob) as Blob;
      const blob = await store.getFile(file.key);
      expect(blob?.type).toBe(expected.type);
      expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(new Uint8Array(await expected.arrayBuffer()));
    }
    for (const plan of (dump.stores.find((s) => s.name === 'plans')?.records ?? []) as Array<{ id: string }>) expect(await store.getPlan(plan.id)).toEqual(plan);
    for (const feed of (dump.stores.find((s) => s.name === 'feeds')?.records ?? []) as Array<{ url: string }>) expect(await store.feedCache.get(feed.url)).toEqual(feed);

    await store.addFeedback(`${CATALOG}:x`, 'site:a');
    expect(await store.listFeedback('site:a')).toHaveLength(1);
    await store.save(practice('nieuw'), { catalogId: CATALOG });
    expect((await store.list())[0]?.key).toBe(`${CATALOG}:nieuw`);
  });
});

describe('database of another version', () => {
  it('written by a newer Kanswijzer: refuses with version-too-new and leaves it alone', async () => {
    const factory = new IDBFactory();
    await writeFixtureDatabase(factory, { version: DB_VERSION + 5, stores: [{ name: 'future', keyPath: 'id', indexes: [], records: [{ id: 1 }] }] }, 'kanswijzer');
    await expect(openStore({ indexedDB: factory, channelName: false })).rejects.toMatchObject({ name: 'StoreError', reason: 'version-too-new' });
    const still = await dumpDatabase(factory, 'kanswijzer');
    expect(still.version).toBe(DB_VERSION + 5);
    expect(still.stores[0]?.records).toEqual([{ id: 1 }]);
  });

  it('held open at an older version by another tab: reports blocked, and opens once that tab lets go', async () => {
    const factory = new IDBFactory();
    await writeFixtureDatabase(factory, fixtures[0]!.dump, 'kanswijzer');
    // An old tab whose code does not close on versionchange.
    const oldTab = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = factory.open('kanswijzer', 1);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const error = await openStore({ indexedDB: factory, channelName: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StoreError', reason: 'blocked', messages: { nl: expect.stringContaining('ander tabblad') } });

    oldTab.close();
    const store = await openStore({ indexedDB: factory, channelName: false });
    open.push(store);
    expect(await store.list()).toHaveLength(4);
  });

  it('a newer tab upgrading is never blocked by this store, and this store reopens afterwards', async () => {
    const factory = new IDBFactory();
    const store = await openStore({ indexedDB: factory, channelName: false });
    open.push(store);
    await store.save(practice(), { catalogId: CATALOG });

    // A newer Kanswijzer opens the database at a higher version.
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = factory.open('kanswijzer', DB_VERSION + 1);
      r.onblocked = () => reject(new Error('blocked by the older store'));
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    newer.close();
    // This store's code is now the old one: it says so instead of failing obscurely.
    await expect(store.list()).rejects.toMatchObject({ reason: 'version-too-new' });
  });
});
