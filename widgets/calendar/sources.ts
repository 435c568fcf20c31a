/**
 * The calendar's sources: each feed in `src` (or each catalog in a catalog handed over as a property) with a
 * label, a colour and, where the feed allows it, an address to subscribe to in a calendar app.
 */
import type { Catalog, Item, LocalizedText } from '../../shared/catalog/types.ts';
import type { FeedStatus } from '../../shared/feed/load.ts';

export interface CalendarSource {
  /** The feed URL, or `catalog:<id>` for a catalog given as a property. */
  key: string;
  /** The feed's address, when it was loaded from one. */
  url?: string;
  kind?: 'catalog' | 'icalendar';
  /** The catalog's or calendar's own title; undefined when it only repeats the address. */
  title?: LocalizedText;
  /** A short fallback name: the file and host of the address. */
  fallback: string;
  /** 1–6: which of the source colours (`--kw-calendar-source-N`) it wears. */
  colour: number;
}

export const SOURCE_COLOURS = 6;

/** The source an item belongs to. */
export function sourceKeyOf(item: Item): string {
  const provenance = item.provenance;
  if (provenance?.feedUrl) return provenance.feedUrl;
  return `catalog:${provenance?.catalogId ?? ''}`;
}

function shortName(url: string): string {
  try {
    const parsed = new URL(url);
    const file = decodeURIComponent(parsed.pathname.split('/').filter(Boolean).pop() ?? '');
    return file ? `${file} (${parsed.hostname})` : parsed.hostname;
  } catch {
    return url;
  }
}

/** The sources in `src` order, then any others the catalog's items name. */
export function sourcesOf(catalog: Catalog | undefined, urls: string[], feeds: FeedStatus[]): CalendarSource[] {
  const sources = new Map<string, CalendarSource>();
  const add = (key: string, fill: Omit<CalendarSource, 'key' | 'colour' | 'fallback'> & { fallback?: string }) => {
    if (sources.has(key)) return;
    sources.set(key, { key, colour: (sources.size % SOURCE_COLOURS) + 1, fallback: fill.fallback ?? shortName(key), ...fill } as CalendarSource);
  };
  for (const url of urls) {
    const feed = feeds.find((f) => f.url === url);
    add(url, { url, ...(feed?.kind ? { kind: feed.kind } : {}) });
  }
  for (const item of catalog?.items ?? []) {
    if (item.type !== 'event') continue;
    const key = sourceKeyOf(item);
    if (!sources.has(key)) {
      const id = item.provenance?.catalogId ?? '';
      add(key, key.startsWith('catalog:') ? { fallback: id || '—' } : { url: key });
    }
    const source = sources.get(key)!;
    if (source.title === undefined && item.provenance?.catalogTitle !== undefined) {
      const title = item.provenance.catalogTitle;
      // A calendar without a name is titled with its address by the importer; the short name reads better.
      if (typeof title !== 'string' || (title !== source.url && !/^https?:\/\//.test(title))) source.title = title;
    }
  }
  return [...sources.values()];
}

/**
 * The address to subscribe to a source in a calendar app: the .ics itself for calendars, `events.ics` beside
 * a catalog when the server has one (checked by the caller). `webcal:` makes calendar apps offer to subscribe.
 */
export function webcalOf(icsUrl: string): string | undefined {
  try {
    const url = new URL(icsUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return `webcal://${url.host}${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

const probes = new Map<string, Promise<boolean>>();

/** Whether a catalog publishes `events.ics` beside it (asked once per page, with a HEAD request). */
export function eventsIcsBeside(catalogUrl: string): { url: string; exists: Promise<boolean> } {
  let url: string;
  try {
    url = new URL('events.ics', catalogUrl).href;
  } catch {
    return { url: '', exists: Promise.resolve(false) };
  }
  let exists = probes.get(url);
  if (!exists) {
    exists = fetch(url, { method: 'HEAD', credentials: 'omit' }).then(
      (response) => response.ok && !/html|json/i.test(response.headers.get('content-type') ?? ''),
      () => false,
    );
    probes.set(url, exists);
  }
  return { url, exists };
}
