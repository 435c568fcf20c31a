/**
 * Helpers for the widgets' browser tests: a fresh store and feed state per test, fixture feeds served by
 * web-test-runner from the repository root, waiting for an element to finish loading, and a fetch that
 * can be made to hang or fail.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { configureWidgets } from '../shared/config.ts';
import { forgetLoads } from '../shared/feeds.ts';
import { resetStoreAccess } from '../shared/store.ts';

export const FIXTURES = '/widgets/test-fixtures';
export const SMALL = `${FIXTURES}/small.json`;
export const HOSTILE = `${FIXTURES}/hostile.json`;
export const EMPTY = `${FIXTURES}/empty.json`;
export const NOT_A_CATALOG = `${FIXTURES}/not-a-catalog.json`;
export const MISSING = `${FIXTURES}/does-not-exist.json`;

let counter = 0;

/** Every test starts with its own database and no remembered feed loads. */
export function freshState(): string {
  resetStoreAccess();
  forgetLoads();
  const storeName = `kw-test-${Date.now()}-${counter++}`;
  configureWidgets({ storeName, defaultSrc: '' });
  return storeName;
}

/** Waits until the element's shadow root shows no loading message, then for Lit to settle. */
export async function loaded(element: HTMLElement & { updateComplete?: Promise<unknown> }): Promise<void> {
  await waitUntil(() => element.shadowRoot?.querySelector('*') && !element.shadowRoot.querySelector('.loading'), 'element kept loading', { timeout: 10000 });
  await element.updateComplete;
  await aTimeout(0);
  await element.updateComplete;
}

/** The text a reader sees in the element (shadow root), whitespace collapsed. */
export function shadowText(element: Element): string {
  return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function $(element: Element, selector: string): HTMLElement {
  const found = element.shadowRoot?.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`${selector} not found in <${element.localName}>`);
  return found;
}

export function $$(element: Element, selector: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
}

/** Replaces `fetch` for requests whose URL contains `match`; returns the function that restores it. */
export function stubFetch(match: string, respond: (url: string) => Promise<Response>): () => void {
  const original = window.fetch;
  window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return url.includes(match) ? respond(url) : original(input, init);
  }) as typeof fetch;
  return () => {
    window.fetch = original;
  };
}

/** Makes `navigator.onLine` say false until the returned function is called. */
export function goOffline(): () => void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  return () => {
    delete (navigator as { onLine?: boolean }).onLine;
  };
}

/** The element that has focus, looking through shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Every element under `root`, through open shadow roots. */
export function deepElements(root: Element): Element[] {
  const found: Element[] = [];
  const walk = (el: Element) => {
    found.push(el);
    for (const child of el.children) walk(child);
    if (el.shadowRoot) for (const child of el.shadowRoot.children) walk(child);
  };
  walk(root);
  return found;
}

/** Nothing the hostile feed tries may have run or been injected. */
export function expectInert(root: Element): void {
  expect((window as { __kwHacked?: unknown }).__kwHacked, 'a script from the feed ran').to.equal(undefined);
  for (const el of deepElements(root)) {
    expect(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'SVG'].includes(el.tagName.toUpperCase()), `<${el.localName}> injected`).to.equal(false);
    expect(el.localName === 'form' && el.hasAttribute('action'), '<form action> injected').to.equal(false);
    for (const attribute of el.getAttributeNames()) {
      expect(attribute.startsWith('on'), `${attribute} attribute on <${el.localName}>`).to.equal(false);
      expect(attribute, `style attribute on <${el.localName}>`).not.to.equal('style');
    }
    // The elements' own attributes (src="/feed.json") are the test's, not the feed's.
    if (el.localName.startsWith('kw-')) continue;
    for (const name of ['href', 'src']) {
      const value = el.getAttribute(name);
      if (value) expect(/^(https?:|mailto:)/i.test(value) || name === 'href' && value.startsWith('#'), `${name}="${value}" on <${el.localName}>`).to.equal(true);
    }
  }
}

/** Nothing the reader can see sticks out past `width` (hidden screen-reader text is clipped to 1 px). */
export function expectNoOverflow(element: Element, width = 320): void {
  expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(width);
  for (const el of deepElements(element)) {
    if (el.closest('.visually-hidden') || !el.getClientRects().length) continue;
    expect(el.getBoundingClientRect().right, `<${el.localName} class="${el.getAttribute('class') ?? ''}"> sticks out`).to.be.at.most(width + 1);
  }
}
