/**
 * The widgets' way into the offline store (shared/store). The full store (saving, export, plans) is a
 * lazy chunk, loaded when someone saves or opens saved items, so a list of resources stays small. What
 * every page needs at once — the feed cache and which items are saved — reads the same database through
 * the store's light path (raw IndexedDB, no idb), which costs about a tenth of the full store.
 */
import { lightGet, lightKeys, lightPut, openLightDatabase } from '../../shared/store/light.ts';
import type { CachedFeed, FeedCache } from '../../shared/feed/cache-types.ts';
import type { Item } from '../../shared/catalog/types.ts';
import type { KanswijzerStore } from '../../shared/store/index.ts';
import { config } from './config.ts';

let database: Promise<IDBDatabase | undefined> | undefined;

/** The database for light reads; undefined when IndexedDB is missing or blocked (then nothing is cached). */
function lightDatabase(): Promise<IDBDatabase | undefined> {
  if (!database) {
    let factory: IDBFactory | undefined;
    try {
      factory = globalThis.indexedDB;
    } catch {
      factory = undefined;
    }
    database = openLightDatabase(config.storeName, factory);
  }
  return database;
}

/**
 * The feed loader's cache of last good copies. Never rejects: a cache must not make a feed fail. When it
 * cannot write (no room, no database), the feed still shows; it is just not kept for offline use.
 */
export const widgetFeedCache: FeedCache = {
  async get(url: string): Promise<CachedFeed | undefined> {
    return lightGet(await lightDatabase(), 'feeds', url);
  },
  async put(entry: CachedFeed): Promise<void> {
    await lightPut(await lightDatabase(), 'feeds', entry);
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
    setSaved((await lightKeys(await lightDatabase(), 'saved')).map(String));
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
  void database?.then((db) => db?.close());
  void fullStore?.then((s) => s.close());
  database = undefined;
  fullStore = undefined;
  savedLoaded = undefined;
  savedKeys = new Set();
}
