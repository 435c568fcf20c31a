/** The last good copy of a feed, as kept by the offline store and served by the feed loader. */
export interface CachedFeed {
  /** The feed URL as requested (the cache key). */
  url: string;
  /** The response body as text. */
  body: string;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** When this copy was fetched (ISO 8601). */
  fetchedAt: string;
}

/** Where the feed loader keeps last good copies: IndexedDB in browsers (shared/store), memory or disk elsewhere. */
export interface FeedCache {
  get(url: string): Promise<CachedFeed | undefined>;
  put(entry: CachedFeed): Promise<void>;
}
