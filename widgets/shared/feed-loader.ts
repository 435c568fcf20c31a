/**
 * Adapter over the core's feed loader (`loadFeeds` in shared/feed). Until that module lands this file
 * holds a minimal stand-in with the same shape: fetch with a time limit and size cap, lenient parsing,
 * the last good copy from the cache when the network fails, and per-feed status.
 */
import { mergeCatalogs, parseCatalog } from '../../shared/catalog/index.ts';
import type { Catalog, CatalogProblem } from '../../shared/catalog/types.ts';
import type { FeedCache } from '../../shared/feed/cache-types.ts';

export type FeedFailure = 'not-found' | 'not-a-catalog' | 'cors' | 'timeout' | 'too-large' | 'offline' | 'http-error';

export interface FeedStatus {
  url: string;
  state: 'fresh' | 'cached' | 'failed';
  /** Why the network copy could not be used (also set on `cached` when the refresh failed). */
  reason?: FeedFailure;
  /** HTTP status for `http-error` and `not-found`. */
  status?: number;
  /** When the copy in use was fetched (ISO 8601), for `cached`. */
  fetchedAt?: string;
  /** What the parser found wrong (items it left out, or why it is not a catalog). */
  problems?: CatalogProblem[];
}

export interface FeedsResult {
  catalog: Catalog | undefined;
  feeds: FeedStatus[];
}

export interface LoadOptions {
  cache?: FeedCache;
  signal?: AbortSignal;
  onUpdate?: (result: FeedsResult) => void;
  timeoutMs?: number;
  maxBytes?: number;
}

const TIMEOUT_MS = 15_000;
const MAX_BYTES = 10_000_000;

async function loadOne(url: string, options: LoadOptions): Promise<{ status: FeedStatus; catalog?: Catalog }> {
  const read = (body: string) => parseCatalog(body, { mode: 'lenient' });
  let failure: Omit<FeedStatus, 'url' | 'state'>;
  try {
    const signals = [AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS), ...(options.signal ? [options.signal] : [])];
    const response = await fetch(url, { signal: AbortSignal.any(signals), credentials: 'omit' });
    if (!response.ok) {
      failure = { reason: response.status === 404 || response.status === 410 ? 'not-found' : 'http-error', status: response.status };
    } else {
      const body = await response.text();
      if (body.length > (options.maxBytes ?? MAX_BYTES)) {
        failure = { reason: 'too-large' };
      } else {
        const parsed = read(body);
        if (parsed.catalog) {
          await options.cache?.put({ url, body, fetchedAt: new Date().toISOString(), ...(response.headers.get('content-type') ? { contentType: response.headers.get('content-type')! } : {}) });
          return { status: { url, state: 'fresh', ...(parsed.problems.length ? { problems: parsed.problems } : {}) }, catalog: parsed.catalog };
        }
        failure = { reason: 'not-a-catalog', problems: parsed.problems };
      }
    }
  } catch (error) {
    const name = (error as { name?: string })?.name;
    if (options.signal?.aborted) throw error;
    failure = { reason: name === 'TimeoutError' ? 'timeout' : navigator.onLine === false ? 'offline' : 'cors' };
  }
  const cached = await options.cache?.get(url);
  const fromCache = cached ? read(cached.body) : undefined;
  if (cached && fromCache?.catalog) return { status: { url, state: 'cached', fetchedAt: cached.fetchedAt, ...failure }, catalog: fromCache.catalog };
  return { status: { url, state: 'failed', ...failure } };
}

/** Loads and merges feeds; never rejects except when `signal` aborts. */
export async function loadFeeds(urls: string[], options: LoadOptions = {}): Promise<FeedsResult> {
  const results = await Promise.all(urls.map((url) => loadOne(url, options)));
  const sources = results.flatMap((r) => (r.catalog ? [{ catalog: r.catalog, feedUrl: r.status.url }] : []));
  return { catalog: sources.length ? mergeCatalogs(...sources) : undefined, feeds: results.map((r) => r.status) };
}
