/**
 * Feeds for the widgets: the core's loader (shared/feed) with the widgets' IndexedDB cache, shared by all
 * elements on a page so one feed is fetched once however many elements show it.
 */
import { loadFeeds } from './feed-loader.ts';
import type { FeedsResult } from './feed-loader.ts';
import { widgetFeedCache } from './store.ts';

export type { FeedsResult, FeedStatus, FeedFailure } from './feed-loader.ts';

interface SharedLoad {
  result: Promise<FeedsResult>;
  listeners: Set<(result: FeedsResult) => void>;
}

const loads = new Map<string, SharedLoad>();

/**
 * Loads these feeds once per page. `onUpdate` hears later versions (a cached copy refreshed in the
 * background); it is removed by the returned function.
 */
export function sharedLoad(urls: string[], onUpdate: (result: FeedsResult) => void): { result: Promise<FeedsResult>; stop: () => void } {
  const key = urls.join(' ');
  let load = loads.get(key);
  if (!load) {
    const listeners = new Set<(result: FeedsResult) => void>();
    const result = loadFeeds(urls, {
      cache: widgetFeedCache,
      onUpdate: (next: FeedsResult) => {
        if (load) load.result = Promise.resolve(next);
        for (const listener of listeners) listener(next);
      },
    });
    load = { result, listeners };
    loads.set(key, load);
    // A failed load is tried again by the next element (or the retry button), not remembered.
    result.then(
      (r) => {
        if (!r.catalog && loads.get(key) === load) loads.delete(key);
      },
      () => {
        if (loads.get(key) === load) loads.delete(key);
      },
    );
  }
  const shared = load;
  shared.listeners.add(onUpdate);
  return { result: shared.result, stop: () => shared.listeners.delete(onUpdate) };
}

/** Forgets every load, so the next request fetches again (retry, tests). */
export function forgetLoads(): void {
  loads.clear();
}
