/**
 * Downloading a saved resource's file so it opens offline. Many servers do not allow downloads from other
 * sites (CORS) and files can be large, so this is best effort: every failure becomes a `FileProblem` with
 * a reason, never an exception, and the item is saved either way.
 */
import type { Item } from '../catalog/types.ts';
import { formatSize } from './text.ts';
import type { FileProblem, FileProblemReason } from './types.ts';

export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
export const DEFAULT_FILE_TIMEOUT_MS = 30_000;

/** Address endings that mean "a file", for resources whose `url` points straight at one. */
const FILE_EXTENSIONS = /\.(pdf|docx?|pptx?|xlsx?|odt|odp|ods|rtf|txt|csv|epub|zip|mp3|m4a|ogg|wav|mp4|m4v|webm|png|jpe?g|gif|webp|svg)$/i;

export interface FileTarget {
  url: string;
  /** The media type the catalog gives, used when the server does not send one. */
  type?: string;
  /** The size the catalog gives, so a file known to be too large is not downloaded at all. */
  size?: number;
}

function httpUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file worth storing for an item: a resource's first media file, else its `url` when that names a
 * file (a PDF, a document, a recording). Practices and events have no file. Relative addresses are read
 * against the feed's address.
 */
export function fileTargetFor(item: Item, feedUrl?: string): FileTarget | undefined {
  if (item.type !== 'resource') return undefined;
  const media = Array.isArray(item.media) ? item.media : [];
  for (const entry of media) {
    if (!entry || typeof entry !== 'object') continue;
    const url = httpUrl(entry.url, feedUrl);
    if (!url) continue;
    return {
      url,
      ...(typeof entry.type === 'string' && entry.type ? { type: entry.type } : {}),
      ...(typeof entry.size === 'number' && Number.isFinite(entry.size) ? { size: entry.size } : {}),
    };
  }
  const url = httpUrl(item.url, feedUrl);
  if (url && FILE_EXTENSIONS.test(new URL(url).pathname)) return { url };
  return undefined;
}

export interface DownloadOptions {
  fetch: typeof fetch;
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
  now: () => Date;
}

export type DownloadResult = { ok: true; blob: Blob; type: string; size: number } | { ok: false; problem: FileProblem };


function offline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** Thrown inside `downloadFile` to end the download with a specific reason. */
class Stop extends Error {
  constructor(
    readonly reason: FileProblemReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Downloads `target` within the size cap and time limit. Sends no cookies and no referrer (nothing about
 * the page the user is on leaves the device). Never throws.
 */
export async function downloadFile(target: FileTarget, options: DownloadOptions): Promise<DownloadResult> {
  const fail = (reason: FileProblemReason, message: string): DownloadResult => ({
    ok: false,
    problem: { url: target.url, reason, message, at: options.now().toISOString() },
  });
  const url = httpUrl(target.url);
  if (!url) return fail('unsupported-url', 'Only files at http(s) addresses can be stored.');
  if (target.size !== undefined && target.size > options.maxBytes) {
    return fail('too-large', `The file is ${formatSize(target.size)}, more than the ${formatSize(options.maxBytes)} that can be stored.`);
  }

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onCallerAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (options.signal?.aborted) controller.abort();
  // Resolves never; rejects when the download is aborted, so a stalled body read ends too.
  const aborted = new Promise<never>((_, reject) => {
    const stop = () => reject(new Stop(timedOut ? 'timeout' : 'network', 'aborted'));
    if (controller.signal.aborted) stop();
    else controller.signal.addEventListener('abort', stop, { once: true });
  });
  aborted.catch(() => undefined);

  try {
    const response = await Promise.race([
      options.fetch(url, { signal: controller.signal, mode: 'cors', credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow' }),
      aborted,
    ]);
    // Anything refused below never reads the body; cancelling it releases the connection.
    const refuse = (reason: FileProblemReason, message: string) => {
      response.body?.cancel().catch(() => undefined);
      return new Stop(reason, message);
    };
    if (response.type === 'opaque' || response.type === 'opaqueredirect') {
      throw refuse('network', 'The server does not allow other sites to download this file (CORS).');
    }
    if (!response.ok) throw refuse('http-error', `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
    const contentType = (response.headers.get('content-type') ?? '').trim();
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') {
      throw refuse('not-a-file', 'The address leads to a web page, not a file.');
    }
    const declared = Number(response.headers.get('content-length'));
    if (response.headers.has('content-length') && Number.isFinite(declared) && declared > options.maxBytes) {
      throw refuse('too-large', `The file is ${formatSize(declared)}, more than the ${formatSize(options.maxBytes)} that can be stored.`);
    }
    const type = mediaType || target.type || '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    const tooLarge = () => new Stop('too-large', `The file is larger than the ${formatSize(options.maxBytes)} that can be stored.`);
    if (response.body) {
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await Promise.race([reader.read(), aborted]);
          if (done) break;
          size += value.byteLength;
          if (size > options.maxBytes) throw tooLarge();
          chunks.push(value);
        }
      } catch (error) {
        reader.cancel().catch(() => undefined);
        throw error;
      }
    } else {
      const blob = await Promise.race([response.blob(), aborted]);
      if (blob.size > options.maxBytes) throw tooLarge();
      return { ok: true, blob: type && blob.type !== type ? new Blob([blob], { type }) : blob, type, size: blob.size };
    }
    return { ok: true, blob: new Blob(chunks as BlobPart[], { type }), type, size };
  } catch (error) {
    if (error instanceof Stop) {
      if (error.message === 'aborted') {
        return timedOut
          ? fail('timeout', `The download took longer than ${Math.round(options.timeoutMs / 1000)} seconds.`)
          : fail('cancelled', 'The download was cancelled.');
      }
      return fail(error.reason, error.message);
    }
    if (timedOut) return fail('timeout', `The download took longer than ${Math.round(options.timeoutMs / 1000)} seconds.`);
    if (controller.signal.aborted) return fail('cancelled', 'The download was cancelled.');
    if (offline()) return fail('offline', 'This device is offline.');
    return fail('network', 'The file could not be downloaded: the server does not allow downloads from other sites (CORS), or the network is down.');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}
