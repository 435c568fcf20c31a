/**
 * The feed loader's offline cache over the store's `feeds` object store. A cache must never be the reason
 * a feed fails to load, so reads that fail are misses and writes that fail are dropped (the store emits
 * an `error` event with the StoreError).
 */
import type { CachedFeed, FeedCache } from '../feed/cache-types.ts';
import { defaultStore, KanswijzerStore, openStore } from './store.ts';
import type { StoreOptions } from './types.ts';

/** `idbFeedCache` is a FeedCache itself (on the page's default store) and makes one for other stores. */
export interface IdbFeedCache extends FeedCache {
  /** A FeedCache on a given store, or on a store opened with these options. */
  (source?: KanswijzerStore | StoreOptions): FeedCache;
}

function cacheOn(store: () => Promise<KanswijzerStore>): FeedCache {
  return {
    async get(url: string): Promise<CachedFeed | undefined> {
      try {
        return await (await store()).feedCache.get(url);
      } catch {
        return undefined;
      }
    },
    async put(entry: CachedFeed): Promise<void> {
      try {
        await (await store()).feedCache.put(entry);
      } catch {
        // The database could not be opened (blocked, newer version): the feed still loads, uncached.
      }
    },
  };
}

function makeCache(source?: KanswijzerStore | StoreOptions): FeedCache {
  if (source instanceof KanswijzerStore) return source.feedCache;
  if (source === undefined) return cacheOn(defaultStore);
  let opening: Promise<KanswijzerStore> | undefined;
  return cacheOn(() => {
    if (!opening) {
      opening = openStore(source);
      opening.catch(() => {
        opening = undefined;
      });
    }
    return opening;
  });
}

const onDefaultStore = cacheOn(defaultStore);

/**
 * The IndexedDB feed cache. Use it directly (`loadFeeds(urls, { cache: idbFeedCache })`) for the page's
 * default store, or call it for another store: `idbFeedCache(store)`, `idbFeedCache({ name: 'test' })`.
 * Where IndexedDB is unavailable it keeps copies in memory for the life of the page.
 */
export const idbFeedCache: IdbFeedCache = Object.assign((source?: KanswijzerStore | StoreOptions) => makeCache(source), {
  get: onDefaultStore.get,
  put: onDefaultStore.put,
});
