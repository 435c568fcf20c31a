import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFixture, parseHtml } from './fixtures/support.ts';
import { SelectorMatcher } from './selector.ts';
import { COMMON_EXCLUDE } from './text.ts';

const SAMPLE = [
  COMMON_EXCLUDE,
  'nav', 'd2l-html-block', '#region-main', '#page-footer', '.block', '.que .info', '#region-main > div', 'ol.breadcrumb > li',
  'a[href*="/user/view.php"]', '[data-region="replies-container"]', '[role="region"][aria-label*="pmerking" i]',
  'meta[name="author"][content="Blackboard" i]', '[class^="ic-app"]', '[href$=".pdf"]', '[lang|="nl"]', '[class~="course-section"]',
  'div.drawer.show', '[hidden]', '* > .avatar',
].join(', ');

const fixtureFolders = readdirSync(new URL('./adapters/', import.meta.url)).filter((name) => name.endsWith('.fixtures'));

describe('SelectorMatcher', () => {
  const matcher = new SelectorMatcher(SAMPLE);

  it('compiles every selector of the sample (nothing left to the DOM)', () => {
    expect(matcher.unsupported).toBe('');
  });

  it('agrees with the DOM on every element of every fixture', () => {
    let checked = 0;
    for (const folder of fixtureFolders) {
      const lms = folder.replace(/\.fixtures$/, '');
      for (const file of readdirSync(new URL(`./adapters/${folder}/`, import.meta.url))) {
        const document = loadFixture(lms, file, 'https://example.org/');
        for (const element of Array.from(document.querySelectorAll('*'))) {
          const label = `${lms}/${file}: <${element.localName} class="${element.getAttribute('class') ?? ''}">`;
          const expected = element.matches(SAMPLE);
          expect(matcher.matches(element, (name) => element.getAttribute(name)), label).toBe(expected);
          // The text walk's way: the element's attribute names listed once, its attributes read directly.
          expect(matcher.matchesElement(element, element.getAttributeNames()), label).toBe(expected);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('leaves pseudo-classes and sibling combinators to the DOM', () => {
    const mixed = new SelectorMatcher('.a, p:first-child, h2 + p, h2 ~ ul, div:not(.x)');
    expect(mixed.unsupported).toBe('p:first-child, h2 + p, h2 ~ ul, div:not(.x)');
    const document = parseHtml('<div class="a"></div>');
    const element = document.querySelector('.a')!;
    expect(mixed.matches(element, (name) => element.getAttribute(name))).toBe(true);
  });
});
