/**
 * Reading text out of a page without layout: a TreeWalker over text nodes that leaves out chrome, hidden
 * parts and people, and stops as soon as the text budget is filled. It never calls `innerText` (which
 * forces layout), so it costs the same in a live tab, a parsed page in Node, or a background document.
 */
import { compileSelectors, type AttributeReader, type SelectorMatcher } from './selector.ts';
import { MAX_HEADING_LENGTH, MAX_HEADINGS, MAX_NODES_VISITED } from './types.ts';

// NodeFilter and Node constants by value: Node.js has no such globals.
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const FILTER_ACCEPT = 1;
const FILTER_REJECT = 2;
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
    parts: [], length: 0, budget, visited: 0, lastBlock: null, headings: [], exclude, skip, done: false,
  };
  for (const root of roots) {
    if (state.done) break;
    walk(root, state);
  }
  return { text: truncate(collapseWhitespace(state.parts.join('')), budget), headings: state.headings };
}

function walk(root: ParentNode, state: WalkState): void {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const matcher = compileSelectors(state.exclude);
  const others = new Set<Element>(state.skip);
  if (matcher.unsupported) for (const element of excludedIn(root, matcher.unsupported)) others.add(element);
  const walker = doc.createTreeWalker(root as Node, SHOW_ELEMENT | SHOW_TEXT, {
    acceptNode: (node: Node) => (node.nodeType === ELEMENT_NODE && isSkipped(node as Element, matcher, others) ? FILTER_REJECT : FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++state.visited > MAX_NODES_VISITED || state.length >= state.budget) {
      state.done = true;
      return;
    }
    if (node.nodeType === TEXT_NODE) {
      addText(node as Text, state);
      continue;
    }
    const element = node as Element;
    const name = element.localName;
    if (name === 'br' || name === 'hr') state.parts.push(' ');
    else if (/^h[1-6]$/.test(name) || element.getAttribute('role') === 'heading') addHeading(element, state);
    // Brightspace keeps authored HTML in a <template> that its element renders into a shadow root: read the
    // template and not also the rendered copy.
    const template = name === 'd2l-html-block' ? templateChild(element) : null;
    if (template) walk(template.content, state);
    else if (element.shadowRoot) walk(element.shadowRoot, state);
    if (state.done) return;
  }
}

function addText(node: Text, state: WalkState): void {
  const data = node.data;
  if (!/\S/.test(data)) {
    if (data.length > 0) state.parts.push(' ');
    return;
  }
  const block = blockOf(node);
  if (block !== state.lastBlock) {
    state.parts.push(' ');
    state.lastBlock = block;
  }
  const piece = data.replace(/\s+/g, ' ');
  state.parts.push(piece);
  state.length += piece.length;
}

function addHeading(element: Element, state: WalkState): void {
  if (state.headings.length >= MAX_HEADINGS) return;
  const heading = textOf(element, MAX_HEADING_LENGTH);
  if (heading) state.headings.push(heading);
}

/** The nearest ancestor that is not inline: text in different blocks gets a space between it. */
function blockOf(node: Node): Node | null {
  let parent = node.parentNode;
  while (parent && parent.nodeType === ELEMENT_NODE && INLINE_TAGS.has((parent as Element).localName)) {
    parent = parent.parentNode;
  }
  return parent;
}

function templateChild(element: Element): HTMLTemplateElement | null {
  for (const child of Array.from(element.children)) {
    if (child.localName === 'template') return child as HTMLTemplateElement;
  }
  return null;
}

const NO_ATTRIBUTES: AttributeReader = () => null;

/**
 * True for elements whose whole subtree is left out: chrome tags and roles, hidden elements, elements
 * matched by `matcher`, and the elements in `others`.
 */
export function isSkipped(element: Element, matcher: SelectorMatcher, others: ReadonlySet<Element>): boolean {
  const name = element.localName;
  if (SKIPPED_TAGS.has(name)) return true;
  if (others.size > 0 && others.has(element)) return true;
  // Most elements carry no attributes at all: only their tag can match.
  if (!element.hasAttributes()) return name === 'dialog' || matcher.matches(element, NO_ATTRIBUTES);
  const read: AttributeReader = (attribute) => element.getAttribute(attribute);
  if (element.hasAttribute('hidden') || element.hasAttribute('inert')) return true;
  if (name === 'dialog' && !element.hasAttribute('open')) return true;
  if (read('aria-hidden') === 'true') return true;
  const role = read('role');
  if (role && SKIPPED_ROLES.has(role)) return true;
  const style = read('style');
  if (style && HIDDEN_STYLE.test(style)) return true;
  return matcher.matches(element, read);
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
