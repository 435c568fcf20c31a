/**
 * Every other site: school intranets, SharePoint pages, blogs, news. The main content is the `main`
 * landmark, else an `article`, else the element holding the most paragraph text; navigation, menus,
 * footers, sidebars, bylines and comment threads are never read.
 */
import { buildContext, documentTitle, findMainContent, firstText, safeQuery } from '../page.ts';
import { collapseWhitespace, textOf } from '../text.ts';
import type { LmsAdapter, PageContext } from '../types.ts';
import { MAX_TITLE_LENGTH } from '../types.ts';

const EXCLUDE = [
  '[class*="sidebar"]', '[class*="share-"]', '[class*="sharing"]', '[class*="social"]', '[class*="related"]', '[class*="newsletter"]', '[class*="pagination"]',
  '[class*="meta"]', '.tags', '.ms-webpart-titleText', '#sideNavBox', '#suiteBar', '.ms-pageModified',
].join(', ');

/**
 * The page's own heading: the `h1` of the main content, else the first `h1` outside the site banner (without
 * a breadcrumb prefix such as "Team > "), else `og:title`, else the browser title without its site suffix.
 */
function pageHeading(document: Document, main: Element | null): string {
  const inMain = main ? firstText(main, ['h1']) : '';
  if (inMain) return inMain;
  for (const h1 of Array.from(document.querySelectorAll('h1')).slice(0, 5)) {
    if (h1.closest('header, [role="banner"], nav')) continue;
    const heading = textOf(h1, MAX_TITLE_LENGTH).split(/\s+[>›»]\s+/).pop() ?? '';
    if (heading) return heading;
  }
  const og = collapseWhitespace(safeQuery(document, 'meta[property="og:title"]')?.getAttribute('content') ?? '');
  return og || documentTitle(document);
}

function extract(document: Document, url: URL): PageContext {
  const main = findMainContent(document);
  const context = buildContext(document, url, {
    lms: 'generic',
    pageKind: 'page',
    title: pageHeading(document, main),
    roots: [main],
    exclude: EXCLUDE,
    shadowRoots: true,
  });
  // Nothing readable (an app shell, a page of links): not a content page.
  return context.text ? context : { ...context, pageKind: 'other' };
}

export const genericAdapter: LmsAdapter = {
  id: 'generic',
  detect: () => true,
  extract,
  exampleUrls: [
    'https://www.onderwijsnieuwsnoord.nl/artikel/2025/03/mentoren-in-de-brugklas',
    'https://intranet.heidezoom.nl/medewerkers/stagebureau/werkwijze',
    'https://blog.docentenlab.nl/2024/11/taalsteun-in-de-praktijkles',
  ],
};
