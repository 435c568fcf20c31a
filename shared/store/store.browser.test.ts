import { expect } from '@open-wc/testing';
import { writeFixtureDatabase } from '../../test/fixtures/idb/fixture-db.ts';
import type { FixtureDump } from '../../test/fixtures/idb/fixture-db.ts';
import { DB_VERSION, openStore } from './index.ts';
import type { KanswijzerStore, StoreChange, StoreOptions } from './index.ts';
import { CATALOG, event, failPutsWithQuota, practice, resource, scriptedFetch } from './test-helpers.ts';

// web-test-runner runs this file with Mocha; no Mocha type package is installed, so its globals are declared here.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function afterEach(body: () => void): void;

const open: KanswijzerStore[] = [];
let counter = 0;
/** A database name of its own for each test, so tests never see each other's data. */
function uniqueName(): string {
  return `kw-browser-${Date.now()}-${counter++}`;
}
async function fresh(options: StoreOptions = {}): Promise<KanswijzerStore> {
  const store = await openStore({ name: uniqueName(), ...options });
  open.push(store);
  return store;
}
async function rejection(promise: Promise<unknown>): Promise<{ name?: string; reason?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name?: string; reason?: string };
  }
  throw new Error('expected the promise to reject');
}
function nextChange(store: KanswijzerStore, type: string): Promise<StoreChange> {
  return new Promise((resolve) => {
    const stop = store.onChange((change) => {
      if (change.type === type) {
        stop();
        resolve(change);
      }
    });
  });
}

afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

/** A file served by the test server itself (same origin, so CORS allows it). */
const servedFile = new URL('/test/fixtures/idb/v1.json', location.href).href;

describe('real IndexedDB in Chromium', () => {
  it('saves, lists and removes items, and the stored file reads back', async () => {
    const store = await fresh();
    expect(store.persistent).to.equal(true);
    expect(store.mode).to.equal('indexeddb');

    const expected = await (await fetch(servedFile)).text();
    const saved = await store.save(resource('gids', { media: [{ url: servedFile, type: 'application/json' }] }), { catalogId: CATALOG, note: 'Met bestand' });
    await store.save(practice(), { catalogId: CATALOG });
    expect(saved.file?.url).to.equal(servedFile);
    expect(saved.file?.size).to.equal(new TextEncoder().encode(expected).length);

    const list = await store.list();
    expect(list.map((s) => s.key)).to.deep.equal([`${CATALOG}:anoniem-stage-matchen`, saved.key]);
    const blob = await store.getFile(saved.key);
    expect(blob).to.be.instanceOf(Blob);
    expect(await blob!.text()).to.equal(expected);

    expect(await store.remove(saved.key)).to.equal(true);
    expect((await store.list()).map((s) => s.key)).to.deep.equal([`${CATALOG}:anoniem-stage-matchen`]);
    expect(await store.getFile(saved.key)).to.equal(undefined);
  });

  it('keeps items after the store is closed and opened again', async () => {
    const name = uniqueName();
    const first = await openStore({ name });
    await first.save(event(), { catalogId: CATALOG, note: 'blijft bewaard' });
    first.close();
    const second = await fresh({ name });
    expect((await second.list())[0]?.note).to.equal('blijft bewaard');
  });

  it('offline: a save still succeeds and the file is marked as not stored', async () => {
    const offline = scriptedFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    const store = await fresh({ fetch: offline });
    const saved = await store.save(resource(), { catalogId: CATALOG });
    expect(offline.calls).to.deep.equal(['https://files.example/leidraad.pdf']);
    expect(saved.file).to.equal(undefined);
    expect(saved.fileProblem?.reason).to.be.oneOf(['network', 'offline']);
    expect((await store.get(saved.key))?.fileProblem?.reason).to.equal(saved.fileProblem?.reason);
    expect(await store.getFile(saved.key)).to.equal(undefined);
  });

  it('opens a version 1 database created with raw IndexedDB, with nothing lost', async () => {
    const dump = (await (await fetch(servedFile)).json()) as FixtureDump;
    expect(dump.version).to.equal(1);
    const name = uniqueName();
    await writeFixtureDatabase(indexedDB, dump, name);

    const store = await fresh({ name });
    const saved = dump.stores.find((s) => s.name === 'saved')!.records as Array<{ key: string; savedAt: string }>;
    const newestFirst = [...saved].sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
    expect(await store.list()).to.deep.equal(newestFirst);
    const file = dump.stores.find((s) => s.name === 'files')!.records[0] as { key: string; blob: { $blob: { base64: string } } };
    const blob = await store.getFile(file.key);
    expect(btoa(String.fromCharCode(...new Uint8Array(await blob!.arrayBuffer())))).to.equal(file.blob.$blob.base64);
    const plan = dump.stores.find((s) => s.name === 'plans')!.records[0] as { id: string };
    expect(await store.getPlan(plan.id)).to.deep.equal(plan);
    const feed = dump.stores.find((s) => s.name === 'feeds')!.records[0] as { url: string };
    expect(await store.feedCache.get(feed.url)).to.deep.equal(feed);
    // The store added in version 2 works.
    await store.addFeedback(`${CATALOG}:x`, 'course:1');
    expect(await store.listFeedback('course:1')).to.have.length(1);

    const version = await new Promise<number>((resolve) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => {
        resolve(r.result.version);
        r.result.close();
      };
    });
    expect(version).to.equal(DB_VERSION);
  });
});

describe('two pages at once', () => {
  it('two stores in one page see each other’s changes over BroadcastChannel', async () => {
    const name = uniqueName();
    const a = await fresh({ name });
    const b = await fresh({ name });
    const heard = nextChange(b, 'saved');
    const { key } = await a.save(practice(), { catalogId: CATALOG });
    expect(await heard).to.deep.equal({ type: 'saved', key, local: false });
    expect((await b.list()).map((s) => s.key)).to.deep.equal([key]);

    const removed = nextChange(a, 'removed');
    await b.remove(key);
    expect((await removed).local).to.equal(false);
    expect(await a.list()).to.deep.equal([]);
  });

  it('a same-origin frame (another page) and this page share the saved list', async () => {
    const name = uniqueName();
    const here = await fresh({ name });
    const frame = document.createElement('iframe');
    const ready = new Promise<void>((resolve) => {
      const onMessage = (e: MessageEvent) => {
        if (e.data?.kw === 'ready') {
          window.removeEventListener('message', onMessage);
          resolve();
        }
      };
      window.addEventListener('message', onMessage);
    });
    frame.srcdoc = `<!doctype html><script type="module">
      import { openStore } from '/shared/store/index.ts';
      const store = await openStore({ name: ${JSON.stringify(name)} });
      window.kwStore = store;
      store.onChange((change) => parent.postMessage({ kw: 'change', change }, '*'));
      parent.postMessage({ kw: 'ready' }, '*');
    </script>`;
    document.body.append(frame);
    try {
      await ready;
      const other = (frame.contentWindow as unknown as { kwStore: KanswijzerStore }).kwStore;

      const frameHeard = new Promise<StoreChange>((resolve) => {
        const onMessage = (e: MessageEvent) => {
          if (e.data?.kw === 'change' && e.data.change.type === 'saved') {
            window.removeEventListener('message', onMessage);
            resolve(e.data.change as StoreChange);
          }
        };
        window.addEventListener('message', onMessage);
      });
      const saved = await here.save(practice(), { catalogId: CATALOG });
      expect(await frameHeard).to.deep.equal({ type: 'saved', key: saved.key, local: false });
      expect((await other.list()).map((s) => s.key)).to.deep.equal([saved.key]);

      const hereHeard = nextChange(here, 'note');
      await other.setNote(saved.key, 'van de andere pagina');
      expect((await hereHeard).key).to.equal(saved.key);
      expect((await here.get(saved.key))?.note).to.equal('van de andere pagina');
      other.close();
    } finally {
      frame.remove();
    }
  });
});

describe('storage failures in Chromium', () => {
  it('an upgrade blocked by an old connection held open is reported as blocked', async () => {
    const name = uniqueName();
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => r.result.createObjectStore('saved', { keyPath: 'key' });
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const error = await rejection(openStore({ name }));
    expect(error.name).to.equal('StoreError');
    expect(error.reason).to.equal('blocked');

    old.close();
    const store = await fresh({ name });
    expect(await store.list()).to.deep.equal([]);
  });

  it('never blocks a newer tab: it lets go of the database, then says a newer version took over', async () => {
    const name = uniqueName();
    const store = await fresh({ name });
    await store.save(practice(), { catalogId: CATALOG });
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name, DB_VERSION + 1);
      r.onblocked = () => reject(new Error('the newer tab was blocked'));
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    newer.close();
    expect((await rejection(store.list())).reason).to.equal('version-too-new');
  });

  it('a database from a newer version is reported as version-too-new', async () => {
    const name = uniqueName();
    await new Promise<void>((resolve) => {
      const r = indexedDB.open(name, DB_VERSION + 3);
      r.onsuccess = () => {
        r.result.close();
        resolve();
      };
    });
    expect((await rejection(openStore({ name }))).reason).to.equal('version-too-new');
  });

  for (const how of ['throw', 'abort'] as const) {
    it(`a quota error (${how}) surfaces as quota-exceeded and keeps what was saved`, async () => {
      const store = await fresh();
      const first = await store.save(practice(), { catalogId: CATALOG, note: 'eerste' });
      const undo = failPutsWithQuota('saved', how);
      try {
        const error = await rejection(store.save(event(), { catalogId: CATALOG }));
        expect(error.reason).to.equal('quota-exceeded');
        expect((await rejection(store.setNote(first.key, 'nieuw'))).reason).to.equal('quota-exceeded');
      } finally {
        undo();
      }
      expect(await store.list()).to.deep.equal([first]);
    });
  }
});
