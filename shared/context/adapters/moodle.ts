/**
 * Moodle (3.x and 4.x, Boost and Classic themes, MoodleCloud). Moodle names every page after its script in
 * `body#page-…` (`page-mod-assign-view` is /mod/assign/view.php) and lists the course and activity in the
 * body classes (`course-1284`, `cm-type-assign`), which works on self-hosted sites with any address.
 */
import { bodyClasses, buildContext, firstText, hostIs, queryParam, safeQuery, textWithin } from '../page.ts';
import type { KindFinding } from '../page.ts';
import type { LmsAdapter, PageContext } from '../types.ts';

/** Moodle's site-level "course" (front page and dashboard) has id 1: it is not a course. */
const SITE_COURSE_ID = '1';

const EXCLUDE = [
  '.activity-header', '.activity-information', '[data-region="activity-information"]', '.gradingsummary',
  '.feedback', '[data-region="replies-container"]', '.replies', '[data-region="blocks-column"]', '.block',
  '#page-footer', '#participants', '.user-grade', '.userlist', 'a[href*="/user/view.php"]',
  'a[href*="/user/profile.php"]', '.courseindex', '.secondary-navigation', '.tertiary-navigation',
  '.activity-navigation', '.action-menu', '.dropdown-menu', '.groupselector', '.urlselect', '.singleselect',
  '.completion-info', '.automatic-completion-conditions', '.modified', '.discussion-nav',
  '.discussion-settings-container', '#mod_quiz_navblock', '.que .info', '.editing_move', '.commands',
].join(', ');

/** Activity modules whose page is mostly authored content. */
const PAGE_MODULES = new Set([
  'page', 'book', 'resource', 'url', 'folder', 'label', 'lesson', 'wiki', 'glossary', 'imscp', 'h5pactivity', 'scorm',
  'lti', 'subsection',
]);
const FORUM_MODULES = new Set(['forum', 'hsuforum', 'moodleoverflow']);
const ASSIGNMENT_MODULES = new Set(['assign', 'assignment', 'workshop']);
const QUIZ_MODULES = new Set(['quiz', 'adaptivequiz', 'hotpot']);


/** The page kind from Moodle's page id (`mod-assign-view`, without `page-`), else from the script path. */
export function moodlePageKind(pageId: string, url: URL): KindFinding {
  // Prefix tests rather than regular expressions: this runs cold on every page load, where compiling a
  // dozen patterns costs more than the rest of the adapter.
  const id = pageId || scriptId(url.pathname);
  const starts = (...prefixes: string[]) => prefixes.some((prefix) => id.startsWith(prefix));
  const [scope = '', module = '', script = ''] = id.split('-');
  const inModule = scope === 'mod' && module !== '';
  const action = queryParam(url, 'action') ?? '';
  if (starts('user-profile', 'user-view', 'grade-report-user', 'grade-report-singleview', 'mod-assign-grader', 'mod-quiz-review') ||
    (starts('grade-', 'report-', 'user-', 'mod-assign-') && (queryParam(url, 'userid') || queryParam(url, 'user')))) {
    return { kind: id.startsWith('user-') ? 'other' : 'grading', withoutText: true, aboutPerson: true };
  }
  if (starts('grade-', 'report-', 'mod-assign-grading', 'mod-assign-grader', 'mod-quiz-report', 'mod-quiz-review', 'mod-quiz-overview') ||
    (inModule && script.startsWith('report')) || (starts('mod-assign-') && (action === 'grading' || action === 'grader'))) {
    return { kind: 'grading', withoutText: true };
  }
  if (starts('user-', 'enrol-', 'group-', 'cohort-', 'message-', 'badges-recipients-')) return { kind: 'other', withoutText: true };
  if (starts('calendar-')) return { kind: 'calendar' };
  if (starts('course-view')) return { kind: 'course' };
  if (starts('admin', 'course-edit', 'course-modedit', 'course-editsection', 'course-completion', 'course-admin', 'course-reset',
    'course-management', 'course-import', 'course-backup', 'course-restore', 'course-customfield', 'backup-', 'filter-manage',
    'question-edit') || (inModule && script === 'mod' && id === `mod-${module}-mod`)) {
    return { kind: 'settings' };
  }
  if (inModule) {
    if (ASSIGNMENT_MODULES.has(module)) return { kind: 'assignment' };
    if (QUIZ_MODULES.has(module)) return { kind: 'quiz' };
    if (FORUM_MODULES.has(module)) return { kind: 'forum' };
    if (PAGE_MODULES.has(module)) return { kind: 'page' };
  }
  return { kind: 'other' };
}

/** `/mod/assign/view.php` → `mod-assign-view`, the id Moodle itself would give the page. */
function scriptId(pathname: string): string {
  const script = /\/((?:mod|course|grade|calendar|user|admin|report|enrol|group|message)\/[^?#]*?)(?:\.php)?$/.exec(pathname)?.[1];
  return script ? script.replace(/\//g, '-').toLowerCase() : '';
}

function detect(document: Document, url: URL): boolean {
  if (hostIs(url, 'moodlecloud.com')) return true;
  const body = document.body;
  if (!body || !/^page-[a-z0-9-]+$/.test(body.id)) return false;
  const classes = body.getAttribute('class') ?? '';
  return /\bpagelayout-/.test(classes) || /\bpath-[a-z]/.test(classes);
}

function extract(document: Document, url: URL): PageContext {
  const pageId = (document.body?.id ?? '').replace(/^page-/, '');
  const { kind, withoutText, aboutPerson } = moodlePageKind(pageId, url);
  const classes = bodyClasses(document);
  let courseId = [...classes].map((name) => /^course-(\d+)$/.exec(name)?.[1]).find(Boolean);
  if (!courseId && kind === 'course') courseId = queryParam(url, 'id');
  if (courseId === SITE_COURSE_ID) courseId = undefined;

  const heading = firstText(document, ['#page-header h1', '.page-header-headings h1', '#region-main h2', '#region-main h1']);
  // A discussion page's header names the forum; the discussion itself is the page's subject.
  const discussion = /^mod-forum-discuss/.test(pageId) ? firstText(document, ['#region-main .discussionname']) : '';
  const breadcrumbCourse = textWithin(document, ['#page-navbar', '.breadcrumb'], ['a[href*="/course/view.php"]']);
  // On the course page the heading is the course's full name; elsewhere the breadcrumb holds its short name.
  const course = kind === 'course' ? heading || breadcrumbCourse : breadcrumbCourse;

  const region = safeQuery(document, '#region-main');
  const main = (region && safeQuery(region, '[role="main"]')) ?? region ?? safeQuery(document, '#page-content');
  return buildContext(document, url, {
    lms: 'moodle',
    pageKind: kind,
    title: discussion || heading,
    course,
    courseId,
    roots: [main],
    exclude: EXCLUDE,
    keepQuery: ['id', 'd', 'cmid'],
    withoutText,
    aboutPerson,
  });
}

export const moodleAdapter: LmsAdapter = {
  id: 'moodle',
  detect,
  extract,
  exampleUrls: [
    'https://elo.duinrand.nl/mod/assign/view.php?id=5521',
    'https://elo.duinrand.nl/course/view.php?id=318',
    'https://elo.duinrand.nl/mod/forum/discuss.php?d=904',
    'https://elo.duinrand.nl/grade/report/grader/index.php?id=318',
    'https://kompasroos.moodlecloud.com/mod/quiz/attempt.php?attempt=77&cmid=210',
  ],
};
