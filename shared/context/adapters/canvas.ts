/**
 * Canvas LMS (Instructure, hosted on *.instructure.com or self-hosted). Canvas pages share one shell:
 * `#application.ic-app`, the course in `body.context-course_<id>` and in `#breadcrumbs`, and the page itself
 * in `#content`. The page kind follows Canvas's REST-like paths (`/courses/:id/assignments/:id`).
 */
import { bodyClasses, buildContext, firstText, hostIs, safeQuery, textWithin } from '../page.ts';
import type { KindFinding } from '../page.ts';
import { collapseWhitespace } from '../text.ts';
import type { LmsAdapter, PageContext } from '../types.ts';

const EXCLUDE = [
  '#header', '.ic-app-header', '#left-side', '#right-side-wrapper', '#right-side', '#breadcrumbs',
  '.ic-app-nav-toggle-and-crumbs', '.header-bar', '.header-bar-outer-container', '.published-status',
  '.wiki-page-last-edited', '.page-changed-alert', '#discussion_subentries', '.discussion-entries', '.discussion-toolbar',
  '.entry-controls', '.discussion-reply-action', '#quiz_details_wrapper', '#quiz_student_details', '.assignment_dates',
  '.student_assignment', '.submission-details', '.submission_details', '#sidebar_content', '.front-page-label',
  '#flash_message_holder', '#StudentTray__Container', '.ui-tabs-nav', '.form-actions', '.student_context_card_trigger',
  'a[href*="/users/"]', '.ic-app-footer', '#footer',
].join(', ');


/** The page kind from a Canvas path. */
export function canvasPageKind(pathname: string): KindFinding {
  const path = pathname.replace(/\/+$/, '');
  const inCourse = /^\/courses\/\d+(?:\/(.*))?$/.exec(path);
  const rest = inCourse ? inCourse[1] ?? '' : path.replace(/^\//, '');
  if (/^(grades|users)\/\d+|^assignments\/\d+\/submissions\/\d+|speed_grader|^profile|^about\/\d+/.test(rest)) {
    return { kind: /^(users|profile|about)/.test(rest) ? 'other' : 'grading', withoutText: true, aboutPerson: true };
  }
  if (/^(gradebook|grades|speed_grader|analytics|statistics|outcomes\/users)/.test(rest) ||
    /^(assignments|quizzes)\/\d+\/(submissions|history|statistics|moderate)/.test(rest)) {
    return { kind: 'grading', withoutText: true };
  }
  if (/^(users|groups|roster|enrollments|people|conversations|inbox|profile|messages)/.test(rest)) {
    return { kind: 'other', withoutText: true };
  }
  if (!inCourse) {
    if (/^calendar/.test(rest)) return { kind: 'calendar' };
    if (/^accounts\/[^/]+\/settings/.test(rest)) return { kind: 'settings' };
    return { kind: 'other' };
  }
  if (rest === '' || /^(modules|syllabus|assignments\/syllabus|wiki$)/.test(rest)) return { kind: 'course' };
  if (/^assignments/.test(rest)) return { kind: 'assignment' };
  if (/^(quizzes|assessments)/.test(rest)) return { kind: 'quiz' };
  if (/^(discussion_topics|announcements)/.test(rest)) return { kind: 'forum' };
  if (/^(pages|wiki)/.test(rest)) return { kind: 'page' };
  if (/^(settings|details)/.test(rest)) return { kind: 'settings' };
  if (/^calendar/.test(rest)) return { kind: 'calendar' };
  return { kind: 'other' };
}

function detect(document: Document, url: URL): boolean {
  if (hostIs(url, 'instructure.com')) return true;
  if (safeQuery(document, '#application.ic-app')) return true;
  return [...bodyClasses(document)].some((name) => name.startsWith('context-course_')) && Boolean(safeQuery(document, '#content'));
}

function extract(document: Document, url: URL): PageContext {
  const { kind, withoutText, aboutPerson } = canvasPageKind(url.pathname);
  const courseId =
    /^\/courses\/(\d+)/.exec(url.pathname)?.[1] ??
    [...bodyClasses(document)].map((name) => /^context-course_(\d+)$/.exec(name)?.[1]).find(Boolean);
  const title = firstText(document, ['#content h1', '#content .page-title', '#breadcrumbs li:last-child']);
  const course = courseId ? canvasCourseName(document, url, title, courseId) : '';
  return buildContext(document, url, {
    lms: 'canvas',
    pageKind: kind,
    title,
    course,
    courseId,
    roots: [safeQuery(document, '#content') ?? safeQuery(document, '[role="main"]')],
    exclude: EXCLUDE,
    withoutText,
    aboutPerson,
  });
}

/**
 * Canvas titles its pages "<page>: <course name>" and the course home with the course name alone, which is
 * the full name; the breadcrumb only has the short course code.
 */
function canvasCourseName(document: Document, url: URL, title: string, courseId: string): string {
  const browserTitle = collapseWhitespace(document.title ?? '');
  if (title && browserTitle.startsWith(`${title}: `)) return browserTitle.slice(title.length + 2);
  if (/^\/courses\/\d+\/?$/.test(url.pathname) && browserTitle) return browserTitle;
  return textWithin(document, ['#breadcrumbs'], [`a[href$="/courses/${courseId}"]`, `a[href*="/courses/${courseId}"]`]);
}

export const canvasAdapter: LmsAdapter = {
  id: 'canvas',
  detect,
  extract,
  exampleUrls: [
    'https://wadkust.instructure.com/courses/5120/pages/werkplekleren-in-jaar-2',
    'https://wadkust.instructure.com/courses/5120/assignments/88123',
    'https://wadkust.instructure.com/courses/5133/discussion_topics/642',
    'https://wadkust.instructure.com/courses/5133/gradebook',
  ],
};
