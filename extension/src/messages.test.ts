import { describe, expect, it } from 'vitest';
import { checkContentMessage, checkContext, checkNotice, checkPageMessage, isExtensionPage } from './messages.ts';
import type { SenderInfo } from './messages.ts';

const EXTENSION = 'abcdefghijklmnopabcdefghijklmnop';
const PAGE = 'https://zeestad.instructure.com/courses/5120/pages/stage-zoeken';

const context = {
  lms: 'canvas',
  pageKind: 'page',
  url: PAGE,
  title: 'Stage zoeken',
  course: 'BPV Zorg en Welzijn jaar 2',
  courseId: '5120',
  headings: ['Wat kun je doen?'],
  text: 'Over zes weken begint je stage.',
  language: 'nl',
};

const fromTab: SenderInfo = { id: EXTENSION, url: PAGE, frameId: 0, tab: { id: 17, url: PAGE } };

describe('checkContentMessage', () => {
  it('accepts a well-formed context from the top frame of a tab and rebuilds it without extra fields', () => {
    const result = checkContentMessage({ kind: 'kw:context', reason: 'load', context: { ...context, injected: '<script>' } }, fromTab, EXTENSION);
    expect(result.ok).toBe(true);
    if (!result.ok || result.value.kind !== 'kw:context') throw new Error('expected a context');
    expect(result.value.tabId).toBe(17);
    expect(result.value.context).toEqual(context);
    expect('injected' in result.value.context).toBe(false);
  });

  it('refuses messages from another extension, a frame, or a page that is not http(s)', () => {
    const message = { kind: 'kw:context', reason: 'load', context };
    expect(checkContentMessage(message, { ...fromTab, id: 'someone-else' }, EXTENSION)).toMatchObject({ ok: false, error: expect.stringContaining('not this extension') });
    expect(checkContentMessage(message, { ...fromTab, frameId: 3 }, EXTENSION)).toMatchObject({ ok: false, error: expect.stringContaining('top frame') });
    expect(checkContentMessage(message, { id: EXTENSION, url: PAGE }, EXTENSION)).toMatchObject({ ok: false, error: expect.stringContaining('not a tab') });
    expect(checkContentMessage(message, { ...fromTab, url: 'file:///home/me/page.html', tab: { id: 17 } }, EXTENSION)).toMatchObject({ ok: false, error: expect.stringContaining('web page') });
  });

  it('refuses a context that claims to be another site', () => {
    const result = checkContentMessage({ kind: 'kw:context', reason: 'load', context: { ...context, url: 'https://elsewhere.example/courses/1' } }, fromTab, EXTENSION);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('not the address of the page') });
  });

  it('refuses unknown kinds, reasons and hint actions', () => {
    expect(checkContentMessage({ kind: 'kw:feedback', itemId: 'x' }, fromTab, EXTENSION).ok).toBe(false);
    expect(checkContentMessage({ kind: 'kw:context', reason: 'because', context }, fromTab, EXTENSION).ok).toBe(false);
    expect(checkContentMessage({ kind: 'kw:hint', action: 'delete-everything' }, fromTab, EXTENSION).ok).toBe(false);
    expect(checkContentMessage({ kind: 'kw:hint', action: 'dismiss' }, fromTab, EXTENSION)).toMatchObject({ ok: true, value: { kind: 'kw:hint', action: 'dismiss', tabId: 17 } });
    expect(checkContentMessage(null, fromTab, EXTENSION).ok).toBe(false);
    expect(checkContentMessage('kw:context', fromTab, EXTENSION).ok).toBe(false);
  });
});

describe('checkContext', () => {
  it.each([
    ['an unknown LMS', { lms: 'sharepoint' }],
    ['an unknown page kind', { pageKind: 'homepage' }],
    ['a title that is too long', { title: 'x'.repeat(301) }],
    ['text over the limit', { text: 'x'.repeat(20_001) }],
    ['too many headings', { headings: Array.from({ length: 41 }, () => 'h') }],
    ['a heading that is not text', { headings: [42] }],
    ['a course id with spaces or markup', { courseId: '<b>1</b>' }],
    ['a language that is not a tag', { language: 'nl; drop table' }],
    ['a javascript: address', { url: 'javascript:alert(1)' }],
  ])('refuses %s', (_what, change) => {
    expect(checkContext({ ...context, ...change }, PAGE).ok).toBe(false);
  });

  it('accepts the ids LMSs really use', () => {
    for (const courseId of ['5120', '_31150_1', 'ODQ1NzIwMTkzNTc2']) expect(checkContext({ ...context, courseId }, PAGE).ok).toBe(true);
  });

  it('accepts a context without an address (an unreadable page) and without optional fields', () => {
    const { course: _c, courseId: _id, language: _l, ...rest } = context;
    expect(checkContext({ ...rest, url: '' }, PAGE).ok).toBe(true);
  });
});

describe('messages from extension pages', () => {
  it('knows its own pages from web pages', () => {
    const base = `chrome-extension://${EXTENSION}/`;
    expect(isExtensionPage({ id: EXTENSION, url: `${base}panel.html?tab=3` }, EXTENSION, base)).toBe(true);
    expect(isExtensionPage(fromTab, EXTENSION, base)).toBe(false);
    expect(isExtensionPage({ id: 'other', url: `${base}panel.html` }, EXTENSION, base)).toBe(false);
  });

  it('checks each kind and its fields', () => {
    expect(checkPageMessage({ kind: 'kw:get-tab', tabId: 4 })).toEqual({ ok: true, value: { kind: 'kw:get-tab', tabId: 4 } });
    expect(checkPageMessage({ kind: 'kw:get-tab', tabId: -1 }).ok).toBe(false);
    expect(checkPageMessage({ kind: 'kw:get-tab', tabId: '4' }).ok).toBe(false);
    expect(checkPageMessage({ kind: 'kw:feedback', tabId: 4, itemId: 'ibelong-programma', relevant: false }).ok).toBe(true);
    expect(checkPageMessage({ kind: 'kw:feedback', tabId: 4, itemId: '', relevant: false }).ok).toBe(false);
    expect(checkPageMessage({ kind: 'kw:pause', tabId: 4, scope: 'planet', paused: true }).ok).toBe(false);
    expect(checkPageMessage({ kind: 'kw:site', origin: 'https://elo.kompas.nl', enabled: true })).toMatchObject({ ok: true });
    expect(checkPageMessage({ kind: 'kw:site', origin: 'https://elo.kompas.nl/course/view.php', enabled: true }).ok).toBe(false);
    expect(checkPageMessage({ kind: 'kw:site', origin: 'file:///etc', enabled: true }).ok).toBe(false);
    expect(checkPageMessage({ kind: 'kw:refresh-feeds' })).toEqual({ ok: true, value: { kind: 'kw:refresh-feeds' } });
    expect(checkPageMessage({ kind: 'kw:wipe' }).ok).toBe(false);
  });

  it('reads notices and ignores anything else', () => {
    expect(checkNotice({ kind: 'kw:tab-changed', tabId: 9 })).toEqual({ kind: 'kw:tab-changed', tabId: 9 });
    expect(checkNotice({ kind: 'kw:tab-changed', tabId: 'x' })).toBeUndefined();
    expect(checkNotice({ kind: 'kw:catalog-changed' })).toEqual({ kind: 'kw:catalog-changed' });
    expect(checkNotice(undefined)).toBeUndefined();
  });
});
