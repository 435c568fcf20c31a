/**
 * Reading text out of a page without layout: a walk over text nodes that leaves out chrome, hidden
 * parts and people, and stops as soon as the text budget is filled. It never calls `innerText` (which
 * forces layout), so it costs the same in a live tab, a parsed page in Node, or a background document.
 */
import { compileSelectors, type AttributeReader, type SelectorMatcher } from './selector.ts';
import { MAX_HEADING_LENGTH, MAX_HEADINGS, MAX_NODES_VISITED } from './types.ts';

// Node constants by value: Node.js has no such globals.
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements whose text is never page content: code, media, form controls, landmarks for chrome. */
const SKIPPED_TAGS = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'nav', 'aside', 'footer', 'header',
  'select', 'option', 'optgroup', 'datalist', 'button', 'textarea', 'input', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'canvas', 'video', 'audio', 'map',
]);

/** ARIA roles of chrome: navigation, banners, sidebars, menus, toolbars and transient messages. */
const SKIPPED_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'menu', 'menubar', 'menuitem', 'tablist', 'toolbar',
  'search', 'tooltip', 'alert', 'status', 'log', 'marquee', 'timer',
]);

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/**
 * Parts left out on every site: visually hidden helper text, avatars and user names, bylines, comment
 * threads, participant and grade lists, cookie banners, breadcrumbs. Student names live in these.
 */
export const COMMON_EXCLUDE = [
  '.sr-only', '.screenreader-only', '.visually-hidden', '.accesshide', '.skip-link',
  '.breadcrumb', '.breadcrumbs', '[class*="avatar"]', '.userpicture', '.userinitials', '[class*="user-name"]',
  '[class*="username"]', '[class*="usermenu"]', '[class*="user-menu"]', '[class*="personal-menu"]',
  '[class*="author"]', '[class*="byline"]', '[rel="author"]', '[itemprop="author"]', 'address',
  '[class*="comment"]', '[class*="participant"]', '[class*="roster"]', '[class*="classlist"]',
  '[class*="gradereport"]', '[class*="grade-report"]', '[class*="gradebook"]', '.submissionstatustable',
  '[class*="cookie"]', '[contenteditable]', 'form[role="search"]',
].join(', ');

/** Elements that do not end a run of text: their text flows on with the text around them. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'label',
  'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'img',
]);

/** Collapses runs of whitespace (including non-breaking spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts text to at most `max` characters, at a word boundary when one is near. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd();
}

/** The collapsed text of an element (textContent, never innerText), cut to `max` characters. */
export function textOf(element: Element | null | undefined, max: number): string {
  if (!element) return '';
  return truncate(collapseWhitespace(element.textContent ?? ''), max);
}

/** The result of reading the main content. */
export interface CollectedText {
  text: string;
  headings: string[];
}

interface WalkState {
  parts: string[];
  length: number;
  budget: number;
  visited: number;
  lastBlock: Node | null;
  /** True when the last part added ends with a space (and at the start, so the text never starts with one). */
  endsWithSpace: boolean;
  headings: string[];
  exclude: string;
  skip: readonly Element[];
  done: boolean;
}

/**
 * Reads the text of `roots` in document order, leaving out chrome and the parts matched by `exclude`, until
 * `budget` characters are gathered; `skip` lists elements to leave out that no selector describes. Reads
 * `<d2l-html-block>` templates and open shadow roots, which a TreeWalker alone would not enter.
 */
export function collectText(
  roots: readonly ParentNode[],
  exclude: string,
  budget: number,
  skip: readonly Element[] = [],
): CollectedText {
  const state: WalkState = {
    parts: [], length: 0, budget, visited: 0, lastBlock: null, endsWithSpace: true, headings: [], exclude, skip, done: false,
  };
  for (const root of roots) {
    if (state.done) break;
    walk(root, state);
  }
  // The parts never hold two spaces in a row (see pushSpace): trimming the ends collapses all whitespace.
  return { text: truncate(state.parts.join('').trim(), budget), headings: state.headings };
}

/**
 * Walks `root` in document order by first child and next sibling, as a TreeWalker over elements and text
 * would, but without calling back into script for every node (costly in browsers and in jsdom alike).
 * An excluded element's whole subtree is passed over. The nearest enclosing block is tracked on the way
 * down instead of being looked up again for every text node.
 */
function walk(root: ParentNode, state: WalkState): void {
  const rootNode = root as unknown as Node;
  const matcher = compileSelectors(state.exclude);
  const others = new Set<Element>(state.skip);
  if (matcher.unsupported) for (const element of excludedIn(root, matcher.unsupported)) others.add(element);
  // blocks[i] is the nearest block around the children of the i-th open element (blocks[0]: the root's).
  const blocks: (Node | null)[] = [nearestBlock(rootNode)];
  let node: Node | null = rootNode.firstChild;
  while (node) {
    let enter = false;
    const type = node.nodeType;
    const names = type === ELEMENT_NODE ? attributeNamesOf(node as Element) : NO_NAMES;
    if (type === TEXT_NODE || (type === ELEMENT_NODE && !isSkippedWith(node as Element, names, matcher, others))) {
      if (++state.visited > MAX_NODES_VISITED || state.length >= state.budget) {
        state.done = true;
        return;
      }
      if (type === TEXT_NODE) {
        addText((node as Text).data, blocks[blocks.length - 1] ?? null, state);
      } else {
        const element = node as Element;
        visitElement(element, names, state);
        if (state.done) return;
        if (element.firstChild) {
          blocks.push(INLINE_TAGS.has(element.localName) ? (blocks[blocks.length - 1] ?? null) : element);
          enter = true;
        }
      }
    }
    if (enter) {
      node = node.firstChild;
      continue;
    }
    // Up to the nearest ancestor with a next sibling, closing the elements passed on the way.
    while (node && node !== rootNode && !node.nextSibling) {
      node = node.parentNode;
      blocks.pop();
    }
    node = node && node !== rootNode ? node.nextSibling : null;
  }
}

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** What an element that is read adds itself: a break, a heading, or the content of its template or shadow root. */
function visitElement(element: Element, names: readonly string[], state: WalkState): void {
  const name = element.localName;
  if (name === 'br' || name === 'hr') pushSpace(state);
  else if (HEADING_TAGS.has(name) || (names.includes('role') && element.getAttribute('role') === 'heading')) addHeading(element, state);
  // Brightspace keeps authored HTML in a <template> that its element renders into a shadow root: read the
  // template and not also the rendered copy.
  const template = name === 'd2l-html-block' ? templateChild(element) : null;
  if (template) walk(template.content, state);
  else if (element.shadowRoot) walk(element.shadowRoot, state);
}

function addText(data: string, block: Node | null, state: WalkState): void {
  if (!/\S/.test(data)) {
    if (data.length > 0) pushSpace(state);
    return;
  }
  if (block !== state.lastBlock) {
    pushSpace(state);
    state.lastBlock = block;
  }
  const piece = data.replace(/\s+/g, ' ');
  state.parts.push(state.endsWithSpace && piece.startsWith(' ') ? piece.slice(1) : piece);
  state.endsWithSpace = piece.endsWith(' ');
  // The budget counts the piece as read, its leading space included, as it always has.
  state.length += piece.length;
}

/** Adds a space unless the text gathered so far already ends with one. */
function pushSpace(state: WalkState): void {
  if (state.endsWithSpace) return;
  state.parts.push(' ');
  state.endsWithSpace = true;
}

function addHeading(element: Element, state: WalkState): void {
  if (state.headings.length >= MAX_HEADINGS) return;
  const heading = textOf(element, MAX_HEADING_LENGTH);
  if (heading) state.headings.push(heading);
}

/** `node` itself unless it is an inline element, else its nearest ancestor that is not inline. */
function nearestBlock(node: Node): Node | null {
  let block: Node | null = node;
  while (block && block.nodeType === ELEMENT_NODE && INLINE_TAGS.has((block as Element).localName)) {
    block = block.parentNode;
  }
  return block;
}

function templateChild(element: Element): HTMLTemplateElement | null {
  for (const child of Array.from(element.children)) {
    if (child.localName === 'template') return child as HTMLTemplateElement;
  }
  return null;
}

const NO_ATTRIBUTES: AttributeReader = () => null;
const NO_NAMES: readonly string[] = [];

/**
 * True for elements whose whole subtree is left out: chrome tags and roles, hidden elements, elements
 * matched by `matcher`, and the elements in `others`.
 */
export function isSkipped(element: Element, matcher: SelectorMatcher, others: ReadonlySet<Element>): boolean {
  return isSkippedWith(element, attributeNamesOf(element), matcher, others);
}

/** The names of an element's attributes, looked up once so that only attributes it has are read. */
function attributeNamesOf(element: Element): readonly string[] {
  return element.hasAttributes() ? element.getAttributeNames() : NO_NAMES;
}

/** {@link isSkipped} for an element whose attribute names are known. */
function isSkippedWith(element: Element, names: readonly string[], matcher: SelectorMatcher, others: ReadonlySet<Element>): boolean {
  const name = element.localName;
  if (SKIPPED_TAGS.has(name)) return true;
  if (others.size > 0 && others.has(element)) return true;
  // Most elements carry no attributes at all: only their tag can match.
  if (names.length === 0) return name === 'dialog' || matcher.matches(element, NO_ATTRIBUTES, NO_NAMES);
  let open = false;
  for (const attribute of names) {
    switch (attribute) {
      case 'hidden':
      case 'inert':
        return true;
      case 'open':
        open = true;
        break;
      case 'aria-hidden':
        if (element.getAttribute(attribute) === 'true') return true;
        break;
      case 'role':
        if (SKIPPED_ROLES.has(element.getAttribute(attribute) ?? '')) return true;
        break;
      case 'style':
        if (HIDDEN_STYLE.test(element.getAttribute(attribute) ?? '')) return true;
        break;
    }
  }
  if (name === 'dialog' && !open) return true;
  return matcher.matchesElement(element, names);
}

/** Every element under `root` that matches `selector` (for selectors the compiled matcher leaves to the DOM). */
export function excludedIn(root: ParentNode, selector: string): Set<Element> {
  if (!selector) return new Set();
  try {
    return new Set(Array.from(root.querySelectorAll(selector)));
  } catch {
    // A selector this engine does not know must not cost the page its text.
    return new Set();
  }
}
