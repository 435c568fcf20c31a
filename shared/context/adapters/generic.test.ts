import { describe, expect, it } from 'vitest';
import { extractContext } from '../extract.ts';
import { genericAdapter } from './generic.ts';
import { checkFixture, parseHtml, uncoveredExamples, type FixtureCase } from '../fixtures/support.ts';

const [newsUrl, intranetUrl, blogUrl] = genericAdapter.exampleUrls as [string, string, string];

const cases: FixtureCase[] = [
  {
    file: 'news-article.html',
    url: newsUrl,
    lms: 'generic',
    pageKind: 'page',
    title: 'Brugklassers met een mentor uit de bovenbouw blijven vaker',
    language: 'nl',
    contains: ['leerlingen uit de bovenbouw inzetten als maatje', 'als eerste in hun gezin', 'Een maatje helpt bij het plannen'],
    headings: ['Vooral leerlingen zonder oudere broer of zus hebben er baat bij'],
    // The reader's account, the byline, a commenter, the sidebar, menus, cookie banner and share buttons.
    absent: ['Jeroen Staalduinen', 'Margriet Terpstra', 'Wouter Hamstra', 'Meest gelezen', 'Primair onderwijs', 'cookies', 'Deel op LinkedIn'],
  },
  {
    file: 'intranet-no-landmark.html',
    url: intranetUrl,
    lms: 'generic',
    pageKind: 'page',
    title: 'Werkwijze stagebureau',
    // No lang attribute: guessed from Dutch stop words.
    language: 'nl',
    contains: ['Het stagebureau helpt studenten', 'zoals naam, afkomst of geloof', 'elke twee weken in het teamoverleg'],
    absent: ['Ingrid Plantinga', 'Kerstborrel', 'ICT-hulp', 'Uitloggen'],
  },
  {
    file: 'blog-post.html',
    url: blogUrl,
    lms: 'generic',
    pageKind: 'page',
    title: 'Language support in practical lessons',
    language: 'en',
    contains: ['struggle with the written instructions', 'picture glossary'],
    headings: ['What changed'],
    absent: ['Joost Heemskerk', 'Femke Zuidema', 'cooking classes', 'Recent posts', 'WordPress'],
  },
];

describe('generic adapter', () => {
  it.each(cases)('reads $file', (fixture) => {
    checkFixture('generic', fixture);
  });

  it('has a fixture for every example URL', () => {
    expect(uncoveredExamples(genericAdapter, cases)).toEqual([]);
  });

  it('takes the page name out of a heading with a breadcrumb prefix', () => {
    const document = parseHtml(
      '<title>Jaarplan 2025 - Team Zorg</title><div><h1>Team Zorg &gt; Jaarplan 2025</h1></div><div role="main"><p>Doelen voor dit jaar.</p></div>',
    );
    expect(extractContext(document, document.URL).title).toBe('Jaarplan 2025');
  });

  it('calls a page without readable content "other"', () => {
    const document = parseHtml('<title>Leeg</title><body><nav><a href="/">Start</a></nav></body>');
    const context = extractContext(document, 'https://example.org/leeg');
    expect(context.lms).toBe('generic');
    expect(context.pageKind).toBe('other');
    expect(context.text).toBe('');
  });
});
