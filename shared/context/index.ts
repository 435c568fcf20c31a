/** Page context: what the page a person is on is about, read on the device. */
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
