/**
 * The adapter loop behind `extractContext`, for callers that carry only some adapters: a content script that
 * runs only on one LMS's hosts bundles that LMS's adapter and the generic one, not all of them (less code to
 * compile on every page load). Importing this module pulls in no adapter but the generic fallback.
 */
import { genericAdapter } from './adapters/generic.ts';
import { minimalContext } from './page.ts';
import type { LmsAdapter, PageContext } from './types.ts';

/**
 * Reads the page context of `document` at `url` with the first of `candidates` that recognises the page, else
 * the generic reader. Never throws: a hostile or broken page yields a smaller context, not an error.
 */
export function extractContextUsing(document: Document, url: URL | string, candidates: readonly LmsAdapter[]): PageContext {
  const address = toUrl(url);
  if (!address) return safeMinimal(document, null);
  for (const adapter of candidates) {
    let detected = false;
    try {
      detected = adapter.detect(document, address);
    } catch {
      detected = false;
    }
    if (!detected) continue;
    try {
      return adapter.extract(document, address);
    } catch {
      break;
    }
  }
  try {
    return genericAdapter.extract(document, address);
  } catch {
    return safeMinimal(document, address);
  }
}

function toUrl(url: URL | string): URL | null {
  try {
    return typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    return null;
  }
}

function safeMinimal(document: Document, url: URL | null): PageContext {
  try {
    return minimalContext(document, url);
  } catch {
    return { lms: 'generic', pageKind: 'other', url: '', title: '', headings: [], text: '' };
  }
}
