/**
 * Reading text out of a page without layout, with the DOM engine doing the work per node. A content script
 * runs cold on every page load, where a script walk over every node runs in the interpreter and costs ten
 * times what it costs warm; so the main content is copied into an inert document (the browser's own
 * importNode), the copy sits inside copies of its ancestors so selectors see the same context, the
 * browser's own selector engine removes chrome, hidden parts and people from the copy, and `textContent`
 * reads what is left. Script touches only the elements it removes or marks as blocks. `innerText` (which
 * forces layout) is never used, so reading costs the same in a live tab, a parsed page in Node or a
 * background document, and the page itself is never changed.
 */
import { MAX_ELEMENTS_COPIED, MAX_HEADING_LENGTH, MAX_HEADINGS, MAX_NODES_VISITED } from './types.ts';

// Node constants by value: Node.js has no such globals.
const ELEMENT_NODE = 1;

/** Elements whose text is never page content: code, media, form controls, landmarks for chrome. */
const SKIPPED_TAGS = [
  'head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'nav', 'aside', 'footer', 'header',
  'select', 'option', 'optgroup', 'datalist', 'button', 'textarea', 'input', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'canvas', 'video', 'audio', 'map', 'xmp', 'plaintext', 'noembed', 'noframes',
];

/** ARIA roles of chrome: navigation, banners, sidebars, menus, toolbars and transient messages. */
const SKIPPED_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'menu', 'menubar', 'menuitem', 'tablist', 'toolbar',
  'search', 'tooltip', 'alert', 'status', 'log', 'marquee', 'timer',
]);

/** Attributes that hide an element and everything in it (closed dialogs and inline styles are judged apart). */
const HIDDEN = ['[hidden]', '[inert]', '[aria-hidden="true"]'];

/**
 * Elements whose role or inline style may make them chrome or hidden: found with one selector and judged in
 * script. The engine's cost grows with the number of selectors times the number of elements, and these few
 * elements are cheaper to judge one by one than twenty selectors are to try on every element; script also
 * reads a role's first token and inline styles in any case, which a selector would not.
 */
const JUDGED = '[role], [style]';

/** An inline style that hides the element: `display: none` or `visibility: hidden`, in any case or spacing. */
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!\s*important\s*)?(?:;|$)/i;

/** Chrome and hidden parts that selectors find alone, left out on every page whatever the adapter says. */
const CHROME = [...SKIPPED_TAGS, ...HIDDEN].join(', ');

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
const INLINE_TAGS = [
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'label',
  'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'img',
];

/**
 * Reading the cleaned copy's markup: comments, the tags of inline elements (their text flows on), and every
 * other tag (a block: its text is a run of its own, so it becomes a space). The serializer writes attribute
 * values in double quotes and escapes `<` and `>` in text, so a `<` always starts a tag or a comment.
 */
const COMMENT = /<!--[\s\S]*?-->/g;
const INLINE_TAG = new RegExp(`<\\/?(?:${INLINE_TAGS.join('|')})(?=[\\s/>])(?:[^>"]|"[^"]*")*>`, 'g');
const ANY_TAG = /<(?:[^>"]|"[^"]*")*>/g;
const ENTITY = /&(?:amp|lt|gt|nbsp|quot);/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': ' ', '&quot;': '"' };

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

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

/** What one reading gathers across its roots. */
interface Reading {
  parts: string[];
  length: number;
  budget: number;
  headings: string[];
  /** Chrome, hidden parts and the adapter's exclusions, as one selector list. */
  removal: string;
  skip: readonly Element[];
  shadowRoots: boolean;
  /** Elements copied so far: a page of endless empty markup stops here. */
  copied: number;
}

/** Options of {@link collectText}. */
export interface CollectOptions {
  /** Elements inside the roots to leave out that no selector describes. */
  skip?: readonly Element[];
  /**
   * Also read open shadow roots (web components that render authored text into them, as Brightspace's do).
   * Finding them means asking every element, so adapters of sites without them leave this off.
   */
  shadowRoots?: boolean;
}

/**
 * Reads the text of `roots` in document order, leaving out chrome and the parts matched by `exclude`, until
 * `budget` characters are gathered. Reads `<d2l-html-block>` templates (Brightspace keeps authored HTML in
 * them) and, when asked, open shadow roots, which `textContent` alone would not.
 */
export function collectText(roots: readonly ParentNode[], exclude: string, budget: number, options: CollectOptions = {}): CollectedText {
  const reading: Reading = {
    parts: [], length: 0, budget, headings: [], removal: removalSelector(exclude), skip: options.skip ?? [],
    shadowRoots: options.shadowRoots ?? false, copied: 0,
  };
  for (const root of roots) {
    if (reading.length >= budget) break;
    readRoot(root, reading);
  }
  return { text: truncate(collapseWhitespace(reading.parts.join(' ')), budget), headings: reading.headings };
}

/**
 * Reads one root through a cleaned copy. A root with far more text than the budget still needs, or with very
 * many elements, is read in batches of its children instead, so the cost follows the text budget, not the page.
 */
function readRoot(root: ParentNode, reading: Reading): void {
  if (reading.length >= reading.budget || reading.copied > MAX_NODES_VISITED) return;
  const size = elementCount(root);
  if (size <= MAX_ELEMENTS_COPIED && textLength(root) <= room(reading)) readCopy(root, null, size, reading);
  else readInBatches(root, reading);
}

/** Characters of page text worth copying for what the budget still needs (most of a page may be left out). */
function room(reading: Reading): number {
  return (reading.budget - reading.length) * 4 + 2_000;
}

/**
 * Reads the cleaned copy of `root`, or of only `children` of it (in their shell of `root` and its ancestors);
 * `size` is the number of elements copied.
 */
function readCopy(root: ParentNode, children: readonly ChildNode[] | null, size: number, reading: Reading): void {
  reading.copied += size;
  const copy = cleanCopy(root, children, reading);
  if (!copy) return;
  for (const heading of Array.from(copy.querySelectorAll(HEADINGS))) {
    if (reading.headings.length >= MAX_HEADINGS) break;
    const text = textOf(heading, MAX_HEADING_LENGTH);
    if (text) reading.headings.push(text);
  }
  const text = textOfMarkup(copy.innerHTML);
  reading.parts.push(text);
  reading.length += text.length;
}

/**
 * The text of serialized markup, with a space wherever a block starts or ends. One pass of the engine's
 * serializer and a few of its pattern matcher: cheaper, cold, than marking every block element in the DOM.
 */
function textOfMarkup(markup: string): string {
  // Patterns are compiled on first use; pages without comments or entities never pay for those two.
  const uncommented = markup.includes('<!--') ? markup.replace(COMMENT, '') : markup;
  const text = uncommented.replace(INLINE_TAG, '').replace(ANY_TAG, ' ');
  return text.includes('&') ? text.replace(ENTITY, (entity) => ENTITIES[entity] ?? entity) : text;
}

/**
 * Reads a large root in batches of consecutive children, each about as much text as the budget still needs;
 * a child too large on its own is read the same way, one level down. Stops when the budget is filled.
 */
function readInBatches(root: ParentNode, reading: Reading): void {
  const host = root as unknown as Element;
  if (reading.shadowRoots && host.nodeType === ELEMENT_NODE && host.shadowRoot) readRoot(host.shadowRoot, reading);
  let batch: ChildNode[] = [];
  let batchText = 0;
  let batchSize = 0;
  const flush = () => {
    if (batch.length > 0) readCopy(root, batch, batchSize, reading);
    batch = [];
    batchText = 0;
    batchSize = 0;
  };
  for (let child = (root as unknown as Node).firstChild; child; child = child.nextSibling) {
    if (reading.length >= reading.budget || reading.copied > MAX_NODES_VISITED) return;
    const isElement = child.nodeType === ELEMENT_NODE;
    const size = isElement ? (child as Element).getElementsByTagName('*').length + 1 : 0;
    const text = child.textContent?.length ?? 0;
    if (isElement && (size > MAX_ELEMENTS_COPIED || text > room(reading))) {
      flush();
      if (!isRemoved(child as Element, reading)) readRoot(child as Element, reading);
      continue;
    }
    if (batchText + text > room(reading) || batchSize + size > MAX_ELEMENTS_COPIED) flush();
    batch.push(child);
    batchText += text;
    batchSize += size;
  }
  flush();
}

function isRemoved(element: Element, reading: Reading): boolean {
  if (reading.skip.includes(element)) return true;
  if (element.localName === 'dialog' && !element.hasAttribute('open')) return true;
  if (isChromeOrHidden(element)) return true;
  try {
    return element.matches(reading.removal);
  } catch {
    return false;
  }
}

function elementCount(root: ParentNode): number {
  const element = root as unknown as Element;
  return element.nodeType === ELEMENT_NODE ? element.getElementsByTagName('*').length : root.querySelectorAll('*').length;
}

function textLength(root: ParentNode): number {
  return (root as unknown as Node).textContent?.length ?? 0;
}

/**
 * A copy of `root` (or of only `children` of it) in an inert document (no scripts, no image loads, no custom
 * element constructors), inside copies of its ancestors, with shadow roots (when asked) and templates spliced
 * in, and chrome and exclusions removed.
 */
function cleanCopy(root: ParentNode, children: readonly ChildNode[] | null, reading: Reading): Element | null {
  const node = root as unknown as Node;
  const source = node.ownerDocument;
  if (!source) return null;
  const inert = inertDocumentFor(source);
  // The nodes copied one by one, and their copies: the root itself, or the children asked for.
  let sources: readonly Node[];
  let copy: Element;
  if (node.nodeType === ELEMENT_NODE) {
    copy = inert.importNode(node as Element, !children);
    sources = children ?? [node];
    // Ancestors without their other children: selectors such as `#region-main .info` match as on the page.
    let shell: Element = copy;
    for (let ancestor = (node as Element).parentElement; ancestor; ancestor = ancestor.parentElement) {
      const outer = inert.importNode(ancestor, false);
      outer.append(shell);
      shell = outer;
    }
  } else {
    // A template's content or a shadow root: selectors do not reach past it, so no ancestors.
    copy = inert.createElement('kw-fragment');
    sources = children ?? Array.from(node.childNodes);
  }
  const copies = sources === children || node.nodeType !== ELEMENT_NODE ? sources.map((child) => copy.appendChild(inert.importNode(child, true))) : [copy];
  if (reading.shadowRoots) {
    for (let i = 0; i < sources.length; i++) {
      if (sources[i]!.nodeType === ELEMENT_NODE) spliceShadowRoots(sources[i] as Element, copies[i] as Element, inert);
    }
  }
  for (const element of reading.skip) locate(sources, copies, element)?.remove();
  for (const template of Array.from(copy.querySelectorAll('d2l-html-block > template'))) {
    template.replaceWith((template as HTMLTemplateElement).content);
  }
  removeAll(copy, reading.removal);
  return copy;
}

/** The copy of `element`, found by its place under the node that was copied, or null when it was not copied. */
function locate(sources: readonly Node[], copies: readonly Node[], element: Element): ChildNode | null {
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    if (source === element) return copies[i] as ChildNode;
    const path = source.contains(element) ? pathTo(source, element) : null;
    if (path) return follow(copies[i]!, path);
  }
  return null;
}

/** One inert document per page: made once, holding nothing but the copies being read. */
const inertDocuments = new WeakMap<Document, Document>();

function inertDocumentFor(source: Document): Document {
  let inert = inertDocuments.get(source);
  if (!inert) {
    inert = source.implementation.createHTMLDocument('');
    inertDocuments.set(source, inert);
  }
  return inert;
}

/**
 * Puts a copy of every open shadow root under `root` at the start of its host's copy, where it renders. The
 * elements of the source and of a fresh copy come in the same document order, so one index maps both.
 */
function spliceShadowRoots(root: ParentNode, copy: Element, inert: Document): void {
  const hosts: Element[] = [];
  const copies: Element[] = [];
  const sources = Array.from(root.querySelectorAll('*'));
  const targets = Array.from(copy.querySelectorAll('*'));
  const rootElement = root as unknown as Element;
  if (rootElement.nodeType === ELEMENT_NODE) {
    sources.unshift(rootElement);
    targets.unshift(copy);
  }
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    // Brightspace's block renders its template into the shadow root: the template is read, not the copy.
    if (source.shadowRoot && !(source.localName === 'd2l-html-block' && hasTemplateChild(source))) {
      hosts.push(source);
      copies.push(targets[i]!);
    }
  }
  for (let i = 0; i < hosts.length; i++) {
    const shadow = hosts[i]!.shadowRoot!;
    const inner = inert.createElement('kw-fragment');
    for (let child = shadow.firstChild; child; child = child.nextSibling) inner.append(inert.importNode(child, true));
    spliceShadowRoots(shadow, inner, inert);
    copies[i]!.prepend(...Array.from(inner.childNodes));
  }
}

function hasTemplateChild(element: Element): boolean {
  for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
    if (child.localName === 'template') return true;
  }
  return false;
}

/** Child indexes from `root` down to `target`, or null when `target` is not inside `root`. */
function pathTo(root: Node, target: Node): number[] | null {
  const path: number[] = [];
  for (let node: Node | null = target; node && node !== root; node = node.parentNode) {
    const parent: Node | null = node.parentNode;
    if (!parent) return null;
    path.unshift(Array.prototype.indexOf.call(parent.childNodes, node));
  }
  return path;
}

function follow(root: Node, path: readonly number[]): ChildNode | null {
  let node: Node | null = root;
  for (const index of path) node = node?.childNodes[index] ?? null;
  return node && node !== root ? (node as ChildNode) : null;
}

/**
 * Removes every element under `root` that matches `selector`, closed dialogs, and chrome or hidden parts by
 * role or inline style, tolerating selectors the engine rejects.
 */
function removeAll(root: Element, selector: string): void {
  // One query for the whole list: from a content script's isolated world, each query has a fixed cost
  // that outweighs the engine's faster path for lone class or tag selectors.
  const removed = [...closedDialogs(root), ...judgedOut(root), ...matchingIn(root, selector)];
  for (const element of removed) element.remove();
}

/** Elements under `root` that are chrome by their role or hidden by their inline style. */
function judgedOut(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(JUDGED)).filter(isChromeOrHidden);
}

function isChromeOrHidden(element: Element): boolean {
  const role = element.getAttribute('role');
  // A role attribute may list fallbacks; the first token is the role a browser uses when it knows it.
  if (role && SKIPPED_ROLES.has(role.trim().split(/\s+/, 1)[0]!.toLowerCase())) return true;
  const style = element.getAttribute('style');
  return style !== null && HIDING_STYLE.test(style);
}

/** Every element under `root` that matches `selector`; a selector the engine rejects is left out on its own. */
function matchingIn(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    // One selector this engine does not know must not cost the page its other exclusions.
    return supportedParts(root, selector).flatMap((part) => Array.from(root.querySelectorAll(part)));
  }
}

function supportedParts(root: ParentNode, selector: string): string[] {
  return splitList(selector).filter((part) => {
    try {
      root.querySelector(part);
      return true;
    } catch {
      return false;
    }
  });
}

/** Splits a selector list at top-level commas (not inside brackets, parentheses or quotes). */
function splitList(list: string): string[] {
  const selectors: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const char = list[i]!;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[' || char === '(') depth++;
    else if (char === ']' || char === ')') depth--;
    else if (char === ',' && depth === 0) {
      selectors.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  selectors.push(list.slice(start).trim());
  return selectors.filter(Boolean);
}

/** Chrome and hidden parts that selectors find alone, plus `exclude`, as one selector list. */
export function removalSelector(exclude: string): string {
  return exclude ? `${CHROME}, ${exclude}` : CHROME;
}

/** Every element under `root` left out of reading with `exclude` (chrome and hidden parts included). */
export function excludedElements(root: ParentNode, exclude: string): Set<Element> {
  return new Set([...matchingIn(root, removalSelector(exclude)), ...closedDialogs(root), ...judgedOut(root)]);
}

/** Dialogs that are not open: not shown, so not read. */
function closedDialogs(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll('dialog')).filter((dialog) => !dialog.hasAttribute('open'));
}
