/**
 * Page context: what the page a person is on is about, read on their device and never sent anywhere.
 *
 * ```ts
 * import { extractContext } from './shared/context/index.ts';
 * const context = extractContext(document, location.href);
 * // { lms: 'moodle', pageKind: 'assignment', title, course, courseId, headings, text, language, url }
 * ```
 * In Node, parse saved HTML first: `extractContext(new JSDOM(html, { url }).window.document, url)`.
 * Adding an LMS is one adapter file in `adapters/` and one line in `adapters/index.ts`.
 */
export { extractContext } from './extract.ts';
export { adapters } from './adapters/index.ts';
export type { LmsAdapter, LmsId, PageContext, PageKind } from './types.ts';
export {
  LANGUAGE_SAMPLE_LENGTH,
  MAX_FRAMES,
  MAX_HEADING_LENGTH,
  MAX_HEADINGS,
  MAX_NODES_VISITED,
  MAX_TEXT_LENGTH,
  MAX_TITLE_LENGTH,
} from './types.ts';
