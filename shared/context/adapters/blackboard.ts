/**
 * Blackboard Learn, Ultra and Original. Both say `<meta name="author" content="Blackboard">`; Ultra pages sit
 * under `/ultra/courses/<id>/…` (ids like `_31150_1`) and open items in an off-canvas panel over the course
 * outline; Original pages sit under `/webapps/…` with `course_id` in the query.
 */
import { buildContext, firstElement, firstText, hostIs, queryParam, safeQuery } from '../page.ts';
import type { KindFinding } from '../page.ts';
import type { LmsAdapter, PageContext } from '../types.ts';

const EXCLUDE = [
  '#side-menu', '.base-navigation', '.course-header', '.course-outline-details', '.element-meta', '.instructors',
  '.instructor-name', '.profile-link', '.assessment-details', '.assessment-submissions', '.panel-title-bar',
  '.due-date', '.upcoming-due-dates', '.course-tabs', '.courses-filters', '.view-toggle', '.courses-pagination',
  '.course-status', '.course-catalog-link', '.visibility-status', '.discussion-responses', '.responses',
  'bb-username', '.bb-close', '.course-outline-header', '#navigationPane', '#courseMenuPalette', '#breadcrumbs',
  '#globalNavPageNavArea', '.global-nav-bar', '#quick_links_wrap', '.contextMenuContainer', '#copyright',
  '.detailsLabel', '.replyContainer', '.dbThreadMessage .profileCardAvatarThumb',
].join(', ');

const ULTRA_COURSE = /^\/ultra\/courses\/(_\d+_\d+)(\/.*)?$/;
const COURSE_ID = /^_\d+_\d+$/;


/** The page kind from a Blackboard Ultra or Original path. */
export function blackboardPageKind(pathname: string): KindFinding {
  const path = pathname.replace(/\/+$/, '');
  const inCourse = ULTRA_COURSE.exec(path);
  if (inCourse) {
    const rest = inCourse[2] ?? '';
    if (/\/(grades|gradebook|roster)\/.*(attempt|student|user|member)s?\b|\/profile\b/.test(rest)) {
      return { kind: /roster|profile/.test(rest) ? 'other' : 'grading', withoutText: true, aboutPerson: true };
    }
    if (/\/(grades|gradebook|grading|analytics|attendance)\b|\/submissions?\b/.test(rest)) return { kind: 'grading', withoutText: true };
    if (/\/(roster|messages|groups)\b/.test(rest)) return { kind: 'other', withoutText: true };
    if (/\/(assessment|assignment|test)\b/.test(rest)) return { kind: 'assignment' };
    if (/\/discussions?\b/.test(rest)) return { kind: 'forum' };
    if (/\/(document|file|link)\b/.test(rest)) return { kind: 'page' };
    if (/\/calendar\b/.test(rest)) return { kind: 'calendar' };
    if (/\/(settings|course-settings)\b/.test(rest)) return { kind: 'settings' };
    return { kind: 'course' };
  }
  if (/^\/ultra\/(grades|gradebook)\b/.test(path)) return { kind: 'grading', withoutText: true };
  if (/^\/ultra\/profile\b/.test(path)) return { kind: 'other', withoutText: true, aboutPerson: true };
  if (/^\/ultra\/messages\b/.test(path)) return { kind: 'other', withoutText: true };
  if (/^\/ultra\/calendar\b/.test(path)) return { kind: 'calendar' };
  if (/^\/webapps\/gradebook\b|\/webapps\/assignment\/gradeAssignment|\/webapps\/blackboard\/execute\/(courseEnrollment|userList)/i.test(path)) {
    return { kind: 'grading', withoutText: true };
  }
  if (/^\/webapps\/assignment\//i.test(path)) return { kind: 'assignment' };
  if (/^\/webapps\/assessment\//i.test(path)) return { kind: 'quiz' };
  if (/^\/webapps\/discussionboard\//i.test(path)) return { kind: 'forum' };
  if (/^\/webapps\/calendar\//i.test(path)) return { kind: 'calendar' };
  if (/^\/webapps\/blackboard\/execute\/cp\//i.test(path)) return { kind: 'settings' };
  if (/^\/webapps\/blackboard\/execute\/(courseMain|launcher|modulepage)/i.test(path)) return { kind: 'course' };
  if (/^\/webapps\/blackboard\/(content|execute\/(displayLearningUnit|announcement))/i.test(path)) return { kind: 'page' };
  return { kind: 'other' };
}

function detect(document: Document, url: URL): boolean {
  if (safeQuery(document, 'meta[name="author"][content="Blackboard" i]')) return true;
  if (hostIs(url, 'blackboard.com')) return true;
  if (/^\/ultra\/(courses\/_\d+_\d+|course|stream|calendar|grades|institution-page)\b/.test(url.pathname)) return true;
  return /^\/webapps\/(blackboard|assignment|assessment|discussionboard|gradebook|calendar|portal|login)\//i.test(url.pathname);
}

function extract(document: Document, url: URL): PageContext {
  const { kind, withoutText, aboutPerson } = blackboardPageKind(url.pathname);
  const fromQuery = queryParam(url, 'course_id');
  const courseId =
    ULTRA_COURSE.exec(url.pathname)?.[1] ??
    (fromQuery && COURSE_ID.test(fromQuery) ? fromQuery : undefined) ??
    safeQuery(document, '.course-peek[data-course-id]')?.getAttribute('data-course-id') ??
    undefined;
  const courseTitle = safeQuery(document, '.course-header .js-course-title-element, .course-title h1');
  const course =
    courseTitle?.getAttribute('title') ||
    firstText(document, ['.course-header .js-course-title-element', '#courseMenu_link', '.courseName', '#breadcrumbs .root']);
  // An item opened over the course outline is the page the person is looking at.
  const panel = firstElement(document, ['.bb-offcanvas-panel.active', '.bb-offcanvas-panel[role="dialog"]']);
  const panelTitle = panel ? firstText(panel, ['.panel-title', 'h1']) : '';
  const title =
    panelTitle ||
    firstText(document, ['#main-content h1:not(.js-course-title-element)', '#pageTitleText', '#pageTitleHeader']) ||
    course;
  const main = firstElement(document, ['#main-content', 'main', '[role="main"]', '#containerdiv', '#content']);
  const roots = panel
    ? [firstElement(panel, ['.panel-content', '.panel-wrap']) ?? panel]
    : [main && firstElement(main, ['.course-outline', '.base-courses-container']), main];
  return buildContext(document, url, {
    lms: 'blackboard',
    pageKind: kind,
    title,
    course,
    courseId,
    roots: roots[0] ? [roots[0]] : roots.slice(1),
    exclude: EXCLUDE,
    keepQuery: ['course_id', 'content_id'],
    withoutText,
    aboutPerson,
  });
}

export const blackboardAdapter: LmsAdapter = {
  id: 'blackboard',
  detect,
  extract,
  exampleUrls: [
    'https://learn.lindenwaard.nl/ultra/courses/_40210_1/outline',
    'https://learn.lindenwaard.nl/ultra/courses/_40210_1/outline/assessment/_40233_1/overview',
    'https://learn.lindenwaard.nl/webapps/blackboard/content/listContent.jsp?course_id=_1877_1&content_id=_90211_1',
  ],
};
