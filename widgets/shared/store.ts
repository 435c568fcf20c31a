/**
 * The widgets' way into the offline store (shared/store). The full store (saving, export, plans) is a
 * lazy chunk, loaded when someone saves or opens saved items, so a list of resources stays small. What
 * every page needs at once — the feed cache and which items are saved — reads the same database through
 * the store's backend alone.
 */
import { IdbBackend, MemoryBackend, memoryDatabase } from '../../shared/store/backend.ts';
import type { Backend } from '../../shared/store/backend.ts';
import type { CachedFeed, FeedCache } from '../../shared/feed/cache-types.ts';
import type { Item } from '../../shared/catalog/types.ts';
import type { KanswijzerStore } from '../../shared/store/index.ts';
import { config } from './config.ts';

const OPEN_TIMEOUT_MS = 10_000;

let backend: Promise<Backend | undefined> | undefined;

/** The database through its backend only; memory when IndexedDB is missing; undefined when it is blocked. */
function lightBackend(): Promise<Backend | undefined> {
  if (!backend) {
    const name = config.storeName;
    let factory: IDBFactory | undefined;
    try {
      factory = globalThis.indexedDB;
    } catch {
      factory = undefined;
    }
    backend = factory
      ? IdbBackend.open(factory, name, OPEN_TIMEOUT_MS).then(
          (b) => b as Backend,
          (error: { reason?: string }) => (error?.reason === 'unavailable' ? new MemoryBackend(memoryDatabase(name)) : undefined),
        )
      : Promise.resolve(new MemoryBackend(memoryDatabase(name)));
  }
  return backend;
}

/** The feed loader's cache of last good copies. Never rejects: a cache must not make a feed fail. */
export const widgetFeedCache: FeedCache = {
  async get(url: string): Promise<CachedFeed | undefined> {
    try {
      return await (await lightBackend())?.run(['feeds'], 'readonly', (tx) => tx.get('feeds', url));
    } catch {
      return undefined;
    }
  },
  async put(entry: CachedFeed): Promise<void> {
    try {
      await (await lightBackend())?.run(['feeds'], 'readwrite', (tx) => tx.put('feeds', entry));
    } catch {
      // No room or no database: the feed still shows, it just is not kept for offline use.
    }
  },
};

let fullStore: Promise<KanswijzerStore> | undefined;

/** The full store, loaded and opened on first use and shared by every element on the page. */
export function getStore(): Promise<KanswijzerStore> {
  if (!fullStore) {
    const opening = import('../../shared/store/index.ts').then(({ openStore }) => openStore({ name: config.storeName }));
    fullStore = opening;
    opening.then(
      (store) => {
        store.onChange(() => void refreshSaved(store));
        void refreshSaved(store);
      },
      () => {
        if (fullStore === opening) fullStore = undefined;
      },
    );
  }
  return fullStore;
}

/** The key an item is saved under: `${catalogId}:${id in its own catalog}` (see SavedItem.key). */
export function itemKey(item: Item): string {
  const provenance = item.provenance;
  return provenance ? `${provenance.catalogId}:${provenance.originalId}` : item.id;
}

// ── Which items are saved ──────────────────────────────────────────────────────────────────────────

let savedKeys = new Set<string>();
let savedLoaded: Promise<void> | undefined;
let visibilityWatched = false;
const savedListeners = new Set<() => void>();

function setSaved(keys: Iterable<string>): void {
  savedKeys = new Set(keys);
  for (const listener of savedListeners) listener();
}

async function refreshSaved(store?: KanswijzerStore): Promise<void> {
  try {
    if (store) {
      setSaved((await store.list()).map((saved) => saved.key));
      return;
    }
    const b = await lightBackend();
    if (b) setSaved((await b.run(['saved'], 'readonly', (tx) => tx.getAll('saved'))).map((saved) => saved.key));
  } catch {
    // Unknown is shown as "not saved"; saving again is harmless.
  }
}

/** True when the item with this key is saved on this device (as far as known yet). */
export function isSaved(key: string): boolean {
  return savedKeys.has(key);
}

/** Calls `listener` whenever the set of saved items may have changed; returns the unsubscribe function. */
export function onSavedChange(listener: () => void): () => void {
  savedListeners.add(listener);
  if (!savedLoaded) {
    savedLoaded = refreshSaved();
  }
  if (!visibilityWatched) {
    visibilityWatched = true;
    // Another tab may have saved something while this one was in the background.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void (fullStore ? fullStore.then(refreshSaved) : refreshSaved());
    });
  }
  return () => savedListeners.delete(listener);
}

/** For tests: forget the opened databases so the next use opens `config.storeName` afresh. */
export function resetStoreAccess(): void {
  void backend?.then((b) => b?.close());
  void fullStore?.then((s) => s.close());
  backend = undefined;
  fullStore = undefined;
  savedLoaded = undefined;
  savedKeys = new Set();
}
