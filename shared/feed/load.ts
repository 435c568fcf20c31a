/**
 * Loading feeds (JSON catalogs and iCalendar files) for widgets, the extension and the CLI: one merged
 * catalog plus a status per feed that a webmaster can act on.
 *
 * - Stale-while-revalidate: a cached copy is returned at once (state `cached`) and refreshed in the
 *   background; `onUpdate` hears about the fresh result when it differs. Without a network the cached copy
 *   stays in use and is marked as such.
 * - Conditional requests (If-None-Match / If-Modified-Since) from the cached copy; a 304 keeps the copy
 *   and refreshes its time. Cross-origin requests in a browser leave those headers to the browser's own
 *   HTTP cache (`cache: "no-cache"`), because custom headers would need a CORS preflight many servers refuse.
 * - A timeout, a size cap (Content-Length and the bytes actually read) and cancellation: aborting the
 *   caller's signal rejects with a DOMException named `AbortError`.
 */
import { msg } from '../catalog/message-key.ts';
import { withProvenance } from '../catalog/provenance.ts';
import type { Catalog, CatalogProblem } from '../catalog/types.ts';
import type { CachedFeed, FeedCache } from './cache-types.ts';
import { parseFeed, type FeedKind } from './parse-feed.ts';

export type FeedState = 'fresh' | 'cached' | 'failed';

export type FeedFailureReason = 'not-found' | 'not-a-catalog' | 'cors' | 'timeout' | 'too-large' | 'offline' | 'http-error' | 'invalid';

export interface FeedStatus {
  url: string;
  /** `fresh`: just fetched (or confirmed unchanged); `cached`: the last good copy is shown; `failed`: nothing to show. */
  state: FeedState;
  /** When the copy in use was fetched (ISO 8601). */
  fetchedAt?: string;
  /** Why the feed could not be fetched fresh (also set for `cached` when a refresh failed). */
  reason?: FeedFailureReason;
  /** Plain words, naming the URL, that say what happened and what to do. */
  message: string;
  /** Problems inside the feed (items left out, calendar lines skipped). */
  problems: CatalogProblem[];
  /** What the feed turned out to be. */
  kind?: 'catalog' | 'icalendar';
  /** The HTTP status of the last response, when there was one. */
  httpStatus?: number;
}

export interface LoadResult {
  /** Every feed that could be read, merged; undefined when none could. */
  catalog: Catalog | undefined;
  feeds: FeedStatus[];
}

export interface LoadFeedsOptions {
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** Where last good copies are kept (IndexedDB in browsers, `memoryFeedCache()` elsewhere). */
  cache?: FeedCache;
  /** Aborting it stops all loading; the returned promise then rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** Per request (default 10,000 ms). */
  timeoutMs?: number;
  /** Largest feed accepted, in bytes (default 5 MB). */
  maxBytes?: number;
  /** The current time (for `fetchedAt`); default `new Date()`. */
  now?: Date | (() => Date);
  /** Called with the fresh merged result when a background refresh changed something. */
  onUpdate?: (result: LoadResult) => void;
  /**
   * Default true: serve a cached copy at once and refresh it in the background. False: ask the network first
   * (still conditionally), and fall back to the cached copy only when that fails.
   */
  revalidate?: boolean;
}

const DEFAULT_TIMEOUT = 10_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

interface FetchSuccess {
  ok: true;
  /** True for a 304: the cached copy is still current. */
  notModified: boolean;
  body: string;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  httpStatus: number;
}

interface FetchFailure {
  ok: false;
  reason: FeedFailureReason;
  message: string;
  httpStatus?: number;
}

class TooLarge extends Error {}

function abortError(): Error {
  try {
    return new DOMException('Loading the feeds was cancelled.', 'AbortError');
  } catch {
    const error = new Error('Loading the feeds was cancelled.');
    error.name = 'AbortError';
    return error;
  }
}

function currentTime(now: LoadFeedsOptions['now']): Date {
  if (typeof now === 'function') return now();
  return now ?? new Date();
}

function pageLocation(): { origin: string; href: string } | undefined {
  const location = (globalThis as { location?: { origin?: string; href?: string } }).location;
  return location?.origin && location.href && location.origin !== 'null' ? { origin: location.origin, href: location.href } : undefined;
}

function resolveUrl(url: string): URL | undefined {
  try {
    return new URL(url, pageLocation()?.href);
  } catch {
    return undefined;
  }
}

function isCrossOrigin(url: URL): boolean {
  const page = pageLocation();
  return page !== undefined && url.origin !== page.origin;
}

function isOnline(): boolean {
  const navigatorLike = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return navigatorLike?.onLine !== false;
}

function formatTime(iso: string | undefined): string {
  if (!iso) return 'earlier';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').replace(/:\d{2}\.\d{3}Z$/, ' UTC');
}

function charsetOf(contentType: string | undefined): string | undefined {
  return /charset\s*=\s*"?([\w-]+)"?/i.exec(contentType ?? '')?.[1];
}

function decode(bytes: Uint8Array, contentType: string | undefined): string {
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else {
    const charset = charsetOf(contentType);
    if (charset) encoding = charset;
  }
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

async function readBody(response: Response, maxBytes: number): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) {
    const buffer = new Uint8Array(await response.arrayBuffer());
    if (buffer.byteLength > maxBytes) throw new TooLarge();
    return buffer;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** One request, with the timeout, size cap and conditional headers; never throws except for the caller's abort. */
async function fetchFeed(url: string, cached: CachedFeed | undefined, options: LoadFeedsOptions): Promise<FetchSuccess | FetchFailure> {
  const target = resolveUrl(url);
  if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
    return { ok: false, reason: 'invalid', message: msg('badAddress', url) };
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') return { ok: false, reason: 'offline', message: msg('noFetch', url) };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const crossOrigin = isCrossOrigin(target);
  const headers: Record<string, string> = { Accept: 'application/json, text/calendar;q=0.9, */*;q=0.5' };
  if (cached && !crossOrigin) {
    if (cached.etag) headers['If-None-Match'] = cached.etag;
    if (cached.lastModified) headers['If-Modified-Since'] = cached.lastModified;
  }
  try {
    const response = await fetchImpl(target.href, {
      signal: controller.signal,
      headers,
      credentials: 'omit',
      redirect: 'follow',
      ...(crossOrigin && cached ? { cache: 'no-cache' as RequestCache } : {}),
    });
    if (response.status === 304) {
      if (!cached) return { ok: false, reason: 'http-error', httpStatus: 304, message: msg('stray304', url) };
      return { ok: true, notModified: true, body: cached.body, httpStatus: 304, ...pick(cached) };
    }
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: 'not-found', httpStatus: response.status, message: msg('notFound', url, response.status) };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: 'http-error', httpStatus: response.status, message: msg('httpError', url, `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`) };
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: 'too-large', httpStatus: response.status, message: msg('tooLarge', url, megabytes(declared), megabytes(maxBytes)) };
    }
    const bytes = await readBody(response, maxBytes);
    const contentType = response.headers.get('content-type') ?? undefined;
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    return {
      ok: true,
      notModified: false,
      body: decode(bytes, contentType),
      httpStatus: response.status,
      ...(contentType ? { contentType } : {}),
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  } catch (error) {
    if (options.signal?.aborted) throw abortError();
    if (error instanceof TooLarge) {
      return { ok: false, reason: 'too-large', message: msg('largerThan', url, megabytes(maxBytes)) };
    }
    if (timedOut) {
      return { ok: false, reason: 'timeout', message: msg('timeout', url, Math.round(timeoutMs / 1000)) };
    }
    if (!isOnline()) {
      return { ok: false, reason: 'offline', message: msg('offline', url) };
    }
    if (error instanceof TypeError && crossOrigin) {
      return {
        ok: false,
        reason: 'cors',
        message: msg('cors', url),
      };
    }
    return { ok: false, reason: 'offline', message: msg('unreachable', url, error instanceof Error ? error.message : String(error)) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function pick(cached: CachedFeed): { contentType?: string; etag?: string; lastModified?: string } {
  return {
    ...(cached.contentType ? { contentType: cached.contentType } : {}),
    ...(cached.etag ? { etag: cached.etag } : {}),
    ...(cached.lastModified ? { lastModified: cached.lastModified } : {}),
  };
}

interface FeedOutcome {
  status: FeedStatus;
  catalog: Catalog | undefined;
  body: string | undefined;
}

function feedKind(kind: FeedKind): 'catalog' | 'icalendar' | undefined {
  return kind === 'catalog' || kind === 'icalendar' ? kind : undefined;
}

/** Reads a cached copy into an outcome (state `cached`), or undefined when the copy is unusable. */
async function fromCache(url: string, cached: CachedFeed, message: string, reason?: FeedFailureReason): Promise<FeedOutcome | undefined> {
  const parsed = await parseFeed(cached.body, { url, ...(cached.contentType ? { contentType: cached.contentType } : {}) });
  if (!parsed.catalog) return undefined;
  const kind = feedKind(parsed.kind);
  return {
    catalog: parsed.catalog,
    body: cached.body,
    status: { url, state: 'cached', fetchedAt: cached.fetchedAt, message, problems: parsed.problems, ...(reason ? { reason } : {}), ...(kind ? { kind } : {}) },
  };
}

async function safeGet(cache: FeedCache | undefined, url: string): Promise<CachedFeed | undefined> {
  if (!cache) return undefined;
  try {
    const entry = await cache.get(url);
    return entry && typeof entry.body === 'string' ? entry : undefined;
  } catch {
    return undefined;
  }
}

async function safePut(cache: FeedCache | undefined, entry: CachedFeed): Promise<void> {
  if (!cache) return;
  try {
    await cache.put(entry);
  } catch {
    // A full or blocked store must not stop the feed from showing; the store reports its own failures.
  }
}

/** Asks the network; falls back to `cached` when the network fails. */
async function refresh(url: string, cached: CachedFeed | undefined, options: LoadFeedsOptions): Promise<FeedOutcome> {
  const answer = await fetchFeed(url, cached, options);
  const fetchedAt = currentTime(options.now).toISOString();
  if (answer.ok) {
    const parsed = await parseFeed(answer.body, { url, ...(answer.contentType ? { contentType: answer.contentType } : {}) });
    const kind = feedKind(parsed.kind);
    if (parsed.catalog) {
      await safePut(options.cache, {
        url,
        body: answer.body,
        fetchedAt,
        ...(answer.contentType ? { contentType: answer.contentType } : {}),
        ...(answer.etag ? { etag: answer.etag } : {}),
        ...(answer.lastModified ? { lastModified: answer.lastModified } : {}),
      });
      const left = parsed.problems.filter((p) => p.severity === 'error').length;
      const message = answer.notModified
        ? `The feed ${url} is unchanged since ${formatTime(cached?.fetchedAt)}.`
        : `The feed ${url} was loaded${left ? `; ${left} problem${left === 1 ? '' : 's'} in it (see problems)` : ''}.`;
      return { catalog: parsed.catalog, body: answer.body, status: { url, state: 'fresh', fetchedAt, message, problems: parsed.problems, httpStatus: answer.httpStatus, ...(kind ? { kind } : {}) } };
    }
    const reason: FeedFailureReason = parsed.kind === 'html' || parsed.kind === 'unknown' ? 'not-a-catalog' : 'invalid';
    const why =
      reason === 'not-a-catalog'
        ? msg('notACatalog', url, parsed.kind === 'html' ? 'html' : '')
        : msg('unreadable', url, parsed.problems.find((p) => p.severity === 'error')?.message ?? '');
    return withFallback(url, cached, { ok: false, reason, message: why, httpStatus: answer.httpStatus }, parsed.problems);
  }
  return withFallback(url, cached, answer, []);
}

async function withFallback(url: string, cached: CachedFeed | undefined, failure: FetchFailure, problems: CatalogProblem[]): Promise<FeedOutcome> {
  if (cached) {
    const outcome = await fromCache(url, cached, failure.message + msg('showingCopy', formatTime(cached.fetchedAt)), failure.reason);
    if (outcome) return outcome;
  }
  return { catalog: undefined, body: undefined, status: { url, state: 'failed', reason: failure.reason, message: failure.message, problems, ...(failure.httpStatus ? { httpStatus: failure.httpStatus } : {}) } };
}

/** Failure messages travel as keys (see catalog/message-key.ts); their sentences load only when a feed fails. */
async function withSentences(statuses: FeedStatus[]): Promise<FeedStatus[]> {
  if (!statuses.some((status) => status.message.includes('\u0001'))) return statuses;
  const { expandFeedMessage } = await import('./messages.ts');
  return statuses.map((status) => ({ ...status, message: expandFeedMessage(status.message) }));
}

/** One catalog from every feed that could be read; the merge code loads only when there is more than one. */
async function combine(outcomes: FeedOutcome[]): Promise<LoadResult> {
  const sources = outcomes.filter((o) => o.catalog).map((o) => ({ catalog: o.catalog!, feedUrl: o.status.url }));
  let catalog: Catalog | undefined;
  if (sources.length === 1) catalog = withProvenance(sources[0]!.catalog, sources[0]!.feedUrl);
  else if (sources.length > 1) {
    try {
      const { mergeCatalogs } = await import('../catalog/merge.ts');
      catalog = mergeCatalogs(...sources);
    } catch {
      catalog = withProvenance(sources[0]!.catalog, sources[0]!.feedUrl);
    }
  }
  return { catalog, feeds: await withSentences(outcomes.map((o) => o.status)) };
}

/**
 * Loads feeds and merges them. With a cache and `revalidate` (the default), cached copies come back at once
 * and `onUpdate` receives the refreshed result later. Resolves even when every feed fails (each status says
 * why); rejects only with an `AbortError` when `signal` is aborted.
 */
export async function loadFeeds(urls: string[], options: LoadFeedsOptions = {}): Promise<LoadResult> {
  if (options.signal?.aborted) throw abortError();
  const list = [...new Set((Array.isArray(urls) ? urls : []).filter((u) => typeof u === 'string' && u.trim()).map((u) => u.trim()))];
  const revalidate = options.revalidate ?? true;
  const cachedCopies = await Promise.all(list.map((url) => safeGet(options.cache, url)));
  if (options.signal?.aborted) throw abortError();

  const immediate: (FeedOutcome | undefined)[] = await Promise.all(
    list.map((url, i) => {
      const cached = cachedCopies[i];
      if (!cached || !revalidate) return undefined;
      return fromCache(url, cached, `Showing the copy of ${url} fetched ${formatTime(cached.fetchedAt)} while it is refreshed.`);
    }),
  );

  const network = list.map((url, i) => (immediate[i] ? undefined : refresh(url, cachedCopies[i], options)));
  const firstOutcomes = await Promise.all(list.map((_, i) => immediate[i] ?? network[i]!));
  if (options.signal?.aborted) throw abortError();
  const result = await combine(firstOutcomes);

  const pending = list.map((url, i) => (immediate[i] ? i : -1)).filter((i) => i >= 0);
  if (pending.length > 0) {
    void (async () => {
      const outcomes = [...firstOutcomes];
      let changed = false;
      await Promise.all(
        pending.map(async (i) => {
          let fresh: FeedOutcome;
          try {
            fresh = await refresh(list[i]!, cachedCopies[i], options);
          } catch {
            return; // aborted: the page no longer wants this feed
          }
          const before = outcomes[i]!;
          if (fresh.status.state === 'fresh') {
            if (fresh.body !== before.body || before.status.state !== 'fresh') changed = true;
            outcomes[i] = fresh;
          } else {
            // The refresh failed: keep the cached copy, and say why it could not be refreshed, so the page
            // can tell its visitors they see an older copy.
            outcomes[i] = { ...before, status: { ...before.status, ...(fresh.status.reason ? { reason: fresh.status.reason } : {}), message: fresh.status.message } };
            changed = true;
          }
        }),
      );
      if (changed && !options.signal?.aborted) {
        try {
          options.onUpdate?.(await combine(outcomes));
        } catch {
          // The caller's handler failing is the caller's business.
        }
      }
    })();
  }
  return result;
}

/** A FeedCache in memory, for Node (the CLI, tests) and for pages where IndexedDB is unavailable. */
export function memoryFeedCache(): FeedCache & { entries(): CachedFeed[]; clear(): void } {
  const store = new Map<string, CachedFeed>();
  return {
    async get(url) {
      const entry = store.get(url);
      return entry ? { ...entry } : undefined;
    },
    async put(entry) {
      store.set(entry.url, { ...entry });
    },
    entries() {
      return [...store.values()].map((e) => ({ ...e }));
    },
    clear() {
      store.clear();
    },
  };
}
