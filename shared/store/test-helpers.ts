/**
 * Helpers shared by the store's Node and browser tests: sample items, a scripted fetch, and a way to make
 * IndexedDB writes fail with QuotaExceededError the way a full disk does. Not part of the public API.
 */
import type { CatalogEvent, Practice, Resource } from '../catalog/types.ts';

export const CATALOG = 'voorbeeld-netwerk';
export const FEED = 'https://voorbeeld.example/feed/catalog.json';

export function practice(id = 'anoniem-stage-matchen', extra: Partial<Practice> = {}): Practice {
  return {
    id,
    type: 'practice',
    title: { nl: 'Stageplaatsen toewijzen zonder naam en foto', en: 'Assigning placements without name or photo' },
    summary: { nl: 'De school koppelt studenten aan leerbedrijven op competenties.', en: 'The school matches students to companies on competences.' },
    topics: ['stagediscriminatie'],
    audiences: ['stagebegeleider'],
    sectors: ['mbo'],
    periods: [],
    steps: [{ nl: 'Verzamel de competenties.', en: 'Collect the competences.' }, 'Koppel zonder naam.'],
    ...extra,
  };
}

export function resource(id = 'welkom-gesprekken', extra: Partial<Resource> = {}): Resource {
  return {
    id,
    type: 'resource',
    format: 'toolkit',
    title: 'Gespreksleidraad voor de eerste schoolweek',
    summary: 'Een leidraad voor mentoren in de eerste week.',
    url: 'https://voorbeeld.example/leidraad',
    topics: ['belonging'],
    audiences: ['docent'],
    sectors: ['mbo'],
    periods: [],
    media: [{ url: 'https://files.example/leidraad.pdf', type: 'application/pdf' }],
    ...extra,
  };
}

export function event(id = 'netwerkbijeenkomst', extra: Partial<CatalogEvent> = {}): CatalogEvent {
  return {
    id,
    type: 'event',
    title: { nl: 'Netwerkbijeenkomst stage en gelijke kansen', en: 'Network meeting on internships' },
    summary: 'Voor stagecoördinatoren.',
    url: 'https://voorbeeld.example/agenda/netwerk',
    topics: ['stagediscriminatie'],
    audiences: ['stagebegeleider'],
    sectors: ['mbo'],
    periods: [],
    start: '2026-12-03T14:00:00+01:00',
    end: '2026-12-03T16:30:00+01:00',
    timeZone: 'Europe/Amsterdam',
    location: { name: 'Voorbeeldcollege', address: 'Stationsplein 1, Utrecht' },
    ...extra,
  };
}

/** Bytes that look like a small PDF. */
export function pdfBytes(size = 2048): Uint8Array {
  const bytes = new Uint8Array(size);
  const head = new TextEncoder().encode('%PDF-1.4\n');
  bytes.set(head.subarray(0, Math.min(head.length, size)));
  for (let i = head.length; i < size; i++) bytes[i] = i % 251;
  return bytes;
}

export type FetchScript = (url: string, init: RequestInit | undefined) => Promise<Response>;

/** A fetch that answers from a script and records the URLs asked for. */
export function scriptedFetch(script: FetchScript): typeof fetch & { calls: string[] } {
  const calls: string[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push(url);
    return script(url, init);
  }) as typeof fetch & { calls: string[] };
  fn.calls = calls;
  return fn;
}

/** Serves `bytes` as a file. */
export function fileFetch(bytes: Uint8Array, type = 'application/pdf'): typeof fetch & { calls: string[] } {
  return scriptedFetch(async () => new Response(bytes as BodyInit, { status: 200, headers: { 'content-type': type, 'content-length': String(bytes.length) } }));
}

/** Fails like a browser does when CORS forbids the download or the network is down. */
export function corsFailingFetch(): typeof fetch & { calls: string[] } {
  return scriptedFetch(async () => {
    throw new TypeError('Failed to fetch');
  });
}

/** Never answers until aborted, like a server that hangs. */
export function hangingFetch(): typeof fetch & { calls: string[] } {
  return scriptedFetch(
    (_url, init) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      }),
  );
}

/**
 * Makes `put` on object store `storeName` fail with QuotaExceededError until the returned function is called.
 * `how: 'throw'` throws from `put` itself; `how: 'abort'` lets `put` run and then aborts its transaction with
 * QuotaExceededError as its error, the way a browser reports a full disk at commit time.
 */
export function failPutsWithQuota(storeName: string, how: 'throw' | 'abort', proto: IDBObjectStore = (globalThis as unknown as { IDBObjectStore: { prototype: IDBObjectStore } }).IDBObjectStore.prototype): () => void {
  const original = proto.put;
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name !== storeName) return original.apply(this, args);
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    if (how === 'throw') throw quota;
    const request = original.apply(this, args);
    const tx = this.transaction;
    Object.defineProperty(tx, 'error', { configurable: true, get: () => quota, set: () => undefined });
    tx.abort();
    return request;
  };
  return () => {
    proto.put = original;
  };
}
