/**
 * Building blocks the adapters share: turning an adapter's findings (page kind, title, content roots, parts
 * to leave out) into a bounded {@link PageContext}, cleaning addresses and titles, and finding the main
 * content of a page nobody wrote an adapter for.
 */
import { detectLanguage } from './language.ts';
import { COMMON_EXCLUDE, collapseWhitespace, collectText, excludedElements, textOf, truncate } from './text.ts';
import type { LmsId, PageContext, PageKind } from './types.ts';
import { MAX_NODES_VISITED, MAX_TEXT_LENGTH, MAX_TITLE_LENGTH } from './types.ts';

/** What an adapter's rules say about a page from its address and markers. */
export interface KindFinding {
  kind: PageKind;
  /** Pages that list people, grades or messages: title and course only. */
  withoutText?: boolean;
  /** A page about one person (their submission, grades, profile): its heading is their name, so not even a title. */
  aboutPerson?: boolean;
}

/** What an adapter found; {@link buildContext} turns it into a PageContext. */
export interface ContextParts {
  lms: LmsId;
  pageKind: PageKind;
  /** The page's own heading; when empty, the first `h1` in the content, then the browser title. */
  title?: string | null;
  course?: string | null;
  courseId?: string | null;
  /** Main content roots in reading order. Missing ones are ignored; with none, the generic main content. */
  roots: readonly (ParentNode | null | undefined)[];
  /** CSS selector of parts inside the roots to leave out, on top of {@link COMMON_EXCLUDE}. */
  exclude?: string;
  /** Elements inside the roots to leave out that no stable selector describes. */
  skip?: readonly Element[];
  /** Read open shadow roots too (sites whose web components render authored text into them). */
  shadowRoots?: boolean;
  /** Query parameters kept in the context's url (ids, never free text). */
  keepQuery?: readonly string[];
  /** Pages that list people, grades or messages: keep the title and course, no text, no headings. */
  withoutText?: boolean;
  /** A page about one person: no title, text or headings at all (see {@link KindFinding.aboutPerson}). */
  aboutPerson?: boolean;
}

/** Turns an adapter's findings into a bounded PageContext. */
export function buildContext(document: Document, url: URL, parts: ContextParts): PageContext {
  const withoutText = parts.withoutText || parts.aboutPerson;
  let roots = distinctRoots(parts.roots);
  if (roots.length === 0 && !withoutText) {
    const main = findMainContent(document);
    roots = main ? [main] : [];
  }
  const exclude = parts.exclude ? `${COMMON_EXCLUDE}, ${parts.exclude}` : COMMON_EXCLUDE;
  const { text, headings } = withoutText ? { text: '', headings: [] } : collectText(roots, exclude, MAX_TEXT_LENGTH, { skip: parts.skip, shadowRoots: parts.shadowRoots });
  const title = parts.aboutPerson
    ? ''
    : clean(parts.title) || (withoutText ? '' : firstHeading(roots)) || documentTitle(document);
  const course = clean(parts.course);
  const courseId = parts.courseId?.trim();
  const language = detectLanguage(document, `${title} ${text}`);
  return {
    lms: parts.lms,
    pageKind: parts.pageKind,
    url: cleanUrl(url, parts.keepQuery),
    title,
    ...(course ? { course } : {}),
    ...(courseId ? { courseId } : {}),
    headings,
    text,
    ...(language ? { language } : {}),
  };
}

/** The smallest context: what is safe to say about any page, even one whose DOM cannot be read. */
export function minimalContext(document: Document | null | undefined, url: URL | null): PageContext {
  let title = '';
  try {
    title = document ? documentTitle(document) : '';
  } catch {
    title = '';
  }
  return { lms: 'generic', pageKind: 'other', url: url ? cleanUrl(url) : '', title, headings: [], text: '' };
}

/** Origin and path, plus only the named query parameters (matched without regard to case). */
export function cleanUrl(url: URL, keep: readonly string[] = []): string {
  const base = url.origin !== 'null' ? `${url.origin}${url.pathname}` : `${url.protocol}${url.pathname}`;
  const kept = new URLSearchParams();
  for (const name of keep) {
    const value = queryParam(url, name);
    if (value) kept.set(name, value);
  }
  const query = kept.toString();
  return query ? `${base}?${query}` : base;
}

/** A query parameter's value, matching the name without regard to case (ASP.NET sites mix cases). */
export function queryParam(url: URL, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of url.searchParams) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** The browser title without the site name that LMSs append (`Activity | Course | Site`). */
export function documentTitle(document: Document): string {
  const raw = collapseWhitespace(document.title ?? '');
  const first = raw.split(/\s+[|–—-]\s+/)[0] ?? '';
  return truncate(first, MAX_TITLE_LENGTH);
}

/** Collapsed, bounded text of the first element matching one of `selectors`, in the order given. */
export function firstText(scope: ParentNode, selectors: readonly string[], max = MAX_TITLE_LENGTH): string {
  for (const selector of selectors) {
    const text = textOf(safeQuery(scope, selector), max);
    if (text) return text;
  }
  return '';
}

/**
 * Text of the first match of `selectors` inside the first element found for `scopes`. Finding a small
 * container first keeps a query such as "links in the breadcrumb" from visiting every link of a huge page.
 */
export function textWithin(document: Document, scopes: readonly string[], selectors: readonly string[]): string {
  const scope = firstElement(document, scopes);
  return scope ? firstText(scope, selectors) : '';
}

/** querySelector that answers null instead of throwing on a selector the engine does not support. */
export function safeQuery(scope: ParentNode, selector: string): Element | null {
  try {
    return scope.querySelector(selector);
  } catch {
    return null;
  }
}

/** The first element found for one of `selectors`, in the order given. */
export function firstElement(scope: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const element = safeQuery(scope, selector);
    if (element) return element;
  }
  return null;
}

/** The body's class list as a set of tokens (empty when there is no body). */
export function bodyClasses(document: Document): Set<string> {
  return new Set((document.body?.getAttribute('class') ?? '').split(/\s+/).filter(Boolean));
}

/** True when the host is `domain` or one of its subdomains. */
export function hostIs(url: URL, domain: string): boolean {
  const host = url.hostname.toLowerCase();
  return host === domain || host.endsWith(`.${domain}`);
}

function clean(value: string | null | undefined): string {
  return value ? truncate(collapseWhitespace(value), MAX_TITLE_LENGTH) : '';
}

function distinctRoots(candidates: readonly (ParentNode | null | undefined)[]): ParentNode[] {
  const roots: ParentNode[] = [];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const node = candidate as unknown as Node;
    if (roots.some((root) => (root as unknown as Node).contains(node))) continue;
    roots.push(candidate);
  }
  return roots;
}

function firstHeading(roots: readonly ParentNode[]): string {
  for (const root of roots) {
    const heading = textOf(safeQuery(root, 'h1'), MAX_TITLE_LENGTH);
    if (heading) return heading;
  }
  return '';
}

/**
 * The main content of a page without an adapter: the `main` landmark, else an `article`, else the element
 * that holds the most paragraph text outside links (navigation and sidebars are skipped while scoring).
 */
export function findMainContent(document: Document): Element | null {
  for (const selector of ['main', '[role="main"]', 'article']) {
    const landmark = safeQuery(document, selector);
    if (landmark && hasText(landmark)) return landmark;
  }
  return largestTextBlock(document) ?? document.body ?? null;
}

/** True when the element holds any non-blank text; stops at the first such text node. */
function hasText(element: Element): boolean {
  const walker = (element.ownerDocument ?? document).createTreeWalker(element, 0x4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/\S/.test((node as Text).data)) return true;
  }
  return false;
}

const PARAGRAPH_TAGS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'dd', 'dt', 'blockquote', 'pre', 'figcaption']);
const INLINE_FOR_SCORING = new Set(['a', 'b', 'strong', 'em', 'i', 'span', 'small', 'code', 'mark', 'u', 'sup', 'sub', 'abbr', 'time', 'cite', 'q']);

function largestTextBlock(document: Document): Element | null {
  const body = document.body;
  if (!body) return null;
  const excluded = excludedElements(body, COMMON_EXCLUDE);
  const walker = document.createTreeWalker(body, 0x1 | 0x4, {
    acceptNode: (node: Node) => (node.nodeType === 1 && excluded.has(node as Element) ? 2 : 1),
  });
  const scores = new Map<Element, number>();
  const add = (element: Element | null, amount: number) => {
    if (element) scores.set(element, (scores.get(element) ?? 0) + amount);
  };
  let visited = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++visited > MAX_NODES_VISITED) break;
    if (node.nodeType !== 3) continue;
    const length = (node as Text).data.trim().length;
    if (length === 0) continue;
    let block = node.parentElement;
    let linked = false;
    while (block && INLINE_FOR_SCORING.has(block.localName)) {
      if (block.localName === 'a') linked = true;
      block = block.parentElement;
    }
    if (!block) continue;
    // Link text is what menus are made of: it counts for little.
    const weight = linked ? length * 0.2 : length;
    const container = PARAGRAPH_TAGS.has(block.localName) ? block.parentElement : block;
    add(container, weight);
    add(container?.parentElement ?? null, weight / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  return best;
}
