/**
 * Page context: what Kanswijzer understands about the page a person is on. It is built on the device from
 * the page's DOM and never leaves it.
 */

/** The learning environments with their own adapter; `generic` is every other site. */
export type LmsId =
  | 'moodle'
  | 'canvas'
  | 'brightspace'
  | 'blackboard'
  | 'itslearning'
  | 'google-classroom'
  | 'generic';

/** What kind of page this is inside the learning environment. */
export type PageKind =
  | 'course'
  | 'assignment'
  | 'quiz'
  | 'forum'
  | 'page'
  | 'grading'
  | 'calendar'
  | 'settings'
  | 'other';

export interface PageContext {
  lms: LmsId;
  pageKind: PageKind;
  /**
   * The page address without fragment and without query values, except the few ids the adapter needs to
   * know the page again (Moodle's `id`, Brightspace's `ou`): query strings can carry names and tokens.
   */
  url: string;
  /** The page's own heading (not the browser title with the site name appended). May be empty. */
  title: string;
  /** The course name, when the page belongs to a course. */
  course?: string;
  /** Headings found inside the main content, in document order. */
  headings: string[];
  /**
   * The main content's text, whitespace collapsed, at most {@link MAX_TEXT_LENGTH} characters. Empty on
   * pages that list people or grades.
   */
  text: string;
  /** BCP 47 tag from `html[lang]` or a content-language meta, else a guess (`nl` or `en`) from stop words. */
  language?: string;
  /**
   * The LMS's own id of the course (Moodle `1284`, Canvas `2381`, Brightspace org unit `21990`, Blackboard
   * `_31150_1`). Unique within one site only: key per-course memory by origin, lms and courseId.
   */
  courseId?: string;
}

/**
 * One learning environment. `detect` and `extract` are pure functions of the document and the address; they
 * read the DOM and never change it.
 */
export interface LmsAdapter {
  id: LmsId;
  /** True when this page belongs to this LMS. Cheap: a few attribute and path checks. */
  detect(document: Document, url: URL): boolean;
  extract(document: Document, url: URL): PageContext;
  /** Addresses of the page kinds this adapter knows, each covered by a saved fixture in its tests. */
  exampleUrls: readonly string[];
}

/** Most characters of main content text kept in {@link PageContext.text}. */
export const MAX_TEXT_LENGTH = 20_000;
/** Most characters of a title or course name. */
export const MAX_TITLE_LENGTH = 300;
/** Most headings kept. */
export const MAX_HEADINGS = 40;
/** Most characters per heading. */
export const MAX_HEADING_LENGTH = 200;
/** Most DOM nodes one reading visits or copies before it stops, so a page of empty markup stays cheap. */
export const MAX_NODES_VISITED = 60_000;
/** Most elements copied at once to read a content root; a larger root is read in batches of its children. */
export const MAX_ELEMENTS_COPIED = 8_000;
/** Most same-origin frames read on a page (itslearning puts content in frames). */
export const MAX_FRAMES = 4;
/** Characters of text looked at when guessing the language from stop words. */
export const LANGUAGE_SAMPLE_LENGTH = 4_000;
