/**
 * The catalog and its index in the background. Feeds are fetched only on a schedule (alarms), when the feed
 * list changes, or when the user asks; a service-worker start reads the last merged catalog and the
 * serialised index from `storage.local` instead, so waking up costs no network and no index build. The
 * index is rebuilt only when the catalog's fingerprint changes, and not even then for the packaged catalog,
 * whose index is built with the extension. A new catalog is used as soon as it is indexed; writing it to
 * storage does not hold up the pages waiting for it.
 */
import browser from '../browser.ts';
import { mergeCatalogs } from '../../../shared/catalog/merge.ts';
import type { Catalog, Item } from '../../../shared/catalog/types.ts';
import { loadFeeds } from '../../../shared/feed/load.ts';
import type { FeedStatus } from '../../../shared/feed/load.ts';
import type { FeedCache } from '../../../shared/feed/cache-types.ts';
import { savedKey } from '../../../shared/store/store.ts';
import { PACKAGED_FEED_PATH, PACKAGED_INDEX_PATH, PUBLISHED_FEED_URL } from '../config.ts';
import { buildSuggester, restoreSuggester } from '../core/match.ts';
import type { SuggesterHandle } from '../core/match.ts';
import { PACKAGED_FEED, readPackagedCatalog } from '../core/packaged.ts';

/** The default feed: the published one when the build names it, else the packaged copy. */
export const DEFAULT_FEED = PUBLISHED_FEED_URL || PACKAGED_FEED;

/** A feed's state as the settings page shows it (problems shortened to what fits storage). */
export interface FeedReport {
  url: string;
  state: 'fresh' | 'cached' | 'failed';
  message: string;
  reason?: string;
  fetchedAt?: string;
  items?: number;
  problems: string[];
}

interface CatalogRecord {
  fingerprint: string;
  catalog: Catalog;
  feeds: FeedReport[];
  urls: string[];
  loadedAt: string;
}

interface IndexRecord {
  fingerprint: string;
  serialized: unknown;
}

export interface LoadedCatalog {
  catalog: Catalog;
  fingerprint: string;
  feeds: FeedReport[];
  urls: string[];
  loadedAt: string;
  suggester: SuggesterHandle;
  /** Item id → item, and store key (`catalogId:itemId`) → item id. */
  byId: Map<string, Item>;
  idByKey: Map<string, string>;
}

const CATALOG_KEY = 'catalog';
const INDEX_KEY = 'suggesterIndex';

/** FNV-1a over the catalog's JSON: equal catalogs, equal fingerprints. */
export function fingerprintOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return `${(a >>> 0).toString(36)}-${(b >>> 0).toString(36)}-${text.length.toString(36)}`;
}

function report(status: FeedStatus, catalog?: Catalog): FeedReport {
  return {
    url: status.url,
    state: status.state,
    message: status.message,
    ...(status.reason ? { reason: status.reason } : {}),
    ...(status.fetchedAt ? { fetchedAt: status.fetchedAt } : {}),
    ...(catalog ? { items: catalog.items.filter((item) => item.provenance?.feedUrl === status.url).length } : {}),
    problems: status.problems.filter((p) => p.severity === 'error').slice(0, 10).map((p) => `${p.path || '(root)'}: ${p.message}`),
  };
}

async function loadPackaged(): Promise<{ catalog?: Catalog; report: FeedReport }> {
  try {
    const response = await fetch(browser.runtime.getURL(PACKAGED_FEED_PATH));
    const catalog = readPackagedCatalog(await response.text());
    return {
      catalog,
      report: { url: PACKAGED_FEED, state: 'fresh', message: '', items: catalog.items.length, problems: [] },
    };
  } catch (error) {
    return { report: { url: PACKAGED_FEED, state: 'failed', message: `The catalog packaged with the extension could not be read: ${String(error)}`, problems: [] } };
  }
}

/** The index built with the extension, when it fits `catalog` (the packaged catalog alone, or the same catalog published). */
async function packagedSuggester(catalog: Catalog): Promise<SuggesterHandle | undefined> {
  try {
    const response = await fetch(browser.runtime.getURL(PACKAGED_INDEX_PATH));
    return response.ok ? restoreSuggester(await response.json(), catalog) : undefined;
  } catch {
    // Not packaged (a build without the default catalog) or unreadable: the caller builds the index.
    return undefined;
  }
}

function indexItems(catalog: Catalog): { byId: Map<string, Item>; idByKey: Map<string, string> } {
  const byId = new Map<string, Item>();
  const idByKey = new Map<string, string>();
  for (const item of catalog.items) {
    byId.set(item.id, item);
    try {
      idByKey.set(savedKey(item), item.id);
    } catch {
      // An item without catalog provenance cannot be saved or hidden; it can still be suggested.
    }
  }
  return { byId, idByKey };
}

export class CatalogService {
  private loaded: LoadedCatalog | undefined;
  private loading: Promise<LoadedCatalog | undefined> | undefined;
  private refreshing: Promise<LoadedCatalog | undefined> | undefined;

  constructor(private readonly feedCache: FeedCache, private readonly onChange: (loaded: LoadedCatalog) => void) {}

  /** The catalog and index, from memory, else from storage.local; fetched only when nothing is stored for these feeds. */
  async get(urls: string[]): Promise<LoadedCatalog | undefined> {
    if (this.loaded && sameList(this.loaded.urls, urls)) return this.loaded;
    if (this.refreshing) return this.refreshing;
    if (!this.loading) {
      this.loading = this.fromStorage(urls).finally(() => {
        this.loading = undefined;
      });
    }
    const stored = await this.loading;
    return stored ?? this.refresh(urls);
  }

  /** Fetches the feeds now (conditionally) and rebuilds the index if the catalog changed. */
  refresh(urls: string[]): Promise<LoadedCatalog | undefined> {
    if (!this.refreshing) {
      this.refreshing = this.fetchAndStore(urls).finally(() => {
        this.refreshing = undefined;
      });
    }
    return this.refreshing;
  }

  /** The last loaded feed reports (for the settings page). */
  async reports(): Promise<{ feeds: FeedReport[]; loadedAt?: string }> {
    if (this.loaded) return { feeds: this.loaded.feeds, loadedAt: this.loaded.loadedAt };
    const stored = (await browser.storage.local.get(CATALOG_KEY))[CATALOG_KEY] as CatalogRecord | undefined;
    return stored ? { feeds: stored.feeds, loadedAt: stored.loadedAt } : { feeds: [] };
  }

  private async fromStorage(urls: string[]): Promise<LoadedCatalog | undefined> {
    const stored = await browser.storage.local.get([CATALOG_KEY, INDEX_KEY]);
    const record = stored[CATALOG_KEY] as CatalogRecord | undefined;
    if (!record || !sameList(record.urls, urls)) return undefined;
    const index = stored[INDEX_KEY] as IndexRecord | undefined;
    let suggester = index && index.fingerprint === record.fingerprint ? restoreSuggester(index.serialized, record.catalog) : undefined;
    suggester ??= await packagedSuggester(record.catalog);
    if (!suggester) {
      suggester = buildSuggester(record.catalog);
      await browser.storage.local.set({ [INDEX_KEY]: { fingerprint: record.fingerprint, serialized: suggester.serialize() } satisfies IndexRecord });
    }
    this.loaded = { ...record, suggester, ...indexItems(record.catalog) };
    return this.loaded;
  }

  private async fetchAndStore(urls: string[]): Promise<LoadedCatalog | undefined> {
    const remote = urls.filter((url) => url !== PACKAGED_FEED);
    const wantsPackaged = urls.includes(PACKAGED_FEED);
    const [packaged, loaded] = await Promise.all([
      wantsPackaged || remote.includes(PUBLISHED_FEED_URL) ? loadPackaged() : Promise.resolve(undefined),
      remote.length ? loadFeeds(remote, { cache: this.feedCache, revalidate: false }) : Promise.resolve(undefined),
    ]);
    const sources: Array<{ catalog: Catalog; feedUrl?: string }> = [];
    const feeds: FeedReport[] = [];
    if (wantsPackaged && packaged) {
      if (packaged.catalog) sources.push({ catalog: packaged.catalog, feedUrl: PACKAGED_FEED });
      feeds.push(packaged.report);
    }
    if (loaded) {
      const publishedFailed = loaded.feeds.some((f) => f.url === PUBLISHED_FEED_URL && f.state === 'failed');
      // First run without a network: the published feed falls back to the copy packaged with the extension.
      if (publishedFailed && packaged?.catalog && !wantsPackaged) sources.push({ catalog: packaged.catalog, feedUrl: PACKAGED_FEED });
      if (loaded.catalog) sources.push({ catalog: loaded.catalog });
      feeds.push(...loaded.feeds.map((status) => report(status, loaded.catalog)));
    }
    if (sources.length === 0) {
      // Nothing could be read: keep what we had, but show why.
      const previous = this.loaded ?? (await this.fromStorage(urls).catch(() => undefined));
      if (previous) {
        previous.feeds = feeds;
        return previous;
      }
      const empty = mergeCatalogs();
      return this.store(empty, feeds, urls);
    }
    const catalog = sources.length === 1 && !sources[0]!.feedUrl ? sources[0]!.catalog : mergeCatalogs(...sources);
    return this.store(catalog, feeds, urls);
  }

  private async store(catalog: Catalog, feeds: FeedReport[], urls: string[]): Promise<LoadedCatalog> {
    const fingerprint = fingerprintOf(JSON.stringify(catalog));
    const loadedAt = new Date().toISOString();
    const previous = this.loaded ?? (await this.fromStorage(urls).catch(() => undefined));
    const unchanged = previous !== undefined && previous.fingerprint === fingerprint;
    const packaged = unchanged ? undefined : await packagedSuggester(catalog);
    const suggester = unchanged ? previous.suggester : (packaged ?? buildSuggester(catalog));
    const record: CatalogRecord = { fingerprint, catalog, feeds, urls, loadedAt };
    this.loaded = { ...record, suggester, ...(unchanged ? { byId: previous.byId, idByKey: previous.idByKey } : indexItems(catalog)) };
    // Pages waiting for the catalog are answered first (their continuations run before this timer); a
    // worker stopped before the write ends reads the feeds again when it wakes. An index from the package
    // is not stored again: a waking worker restores it from the package, and an older stored one goes.
    setTimeout(() => {
      const index = unchanged || packaged ? {} : { [INDEX_KEY]: { fingerprint, serialized: suggester.serialize() } satisfies IndexRecord };
      Promise.all([
        browser.storage.local.set({ [CATALOG_KEY]: record, ...index }),
        packaged ? browser.storage.local.remove(INDEX_KEY) : undefined,
      ]).catch((error: unknown) => console.warn(`Kanswijzer: the catalog could not be stored (${String(error)}).`));
    }, 0);
    if (!unchanged || !previous || !sameList(previous.urls, urls)) this.onChange(this.loaded);
    return this.loaded;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
