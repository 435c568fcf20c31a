/**
 * `extractContext`: the page a person is on, understood on their device. Picks the first adapter that
 * recognises the page, falls back to the generic reader, and never throws: a hostile or broken page yields
 * a smaller context, not an error in the host page.
 */
import { adapters, genericAdapter } from './adapters/index.ts';
import { minimalContext } from './page.ts';
import type { LmsAdapter, PageContext } from './types.ts';

/**
 * Reads the page context of `document`, which is at `url` (the tab's address; pass `document.URL` for the
 * current page). Only the main content is read: no navigation, sidebars, user menus, grade tables or
 * participant lists, and no text at all on grading pages.
 *
 * @param document a live document or one parsed from saved HTML (DOMParser, jsdom)
 * @param url the page's address; an unparsable address gives a context with an empty `url`
 * @param candidates the adapters to try, in order (defaults to every known LMS, then the generic one)
 */
export function extractContext(
  document: Document,
  url: URL | string,
  candidates: readonly LmsAdapter[] = adapters,
): PageContext {
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
