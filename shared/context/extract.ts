/**
 * `extractContext`: the page a person is on, understood on their device. Picks the first adapter that
 * recognises the page, falls back to the generic reader, and never throws: a hostile or broken page yields
 * a smaller context, not an error in the host page.
 */
import { adapters } from './adapters/index.ts';
import { extractContextUsing } from './extract-using.ts';
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
  return extractContextUsing(document, url, candidates);
}
