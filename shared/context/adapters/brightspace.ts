/**
 * D2L Brightspace. Every page lives under `/d2l/`, the body carries `d2l-body`, and the org unit (`ou`) names
 * the course. Authored HTML sits in `<d2l-html-block>` templates and the web components render into open
 * shadow roots, which the text reader splices in where they render.
 */
import { bodyClasses, buildContext, firstElement, firstText, hostIs, queryParam, safeQuery } from '../page.ts';
import type { KindFinding } from '../page.ts';
import type { LmsAdapter, PageContext } from '../types.ts';

const EXCLUDE = [
  '.d2l-page-header', 'd2l-breadcrumbs', '.d2l-le-content-toc', '.d2l-page-sidebar', '.d2l-le-content-nav',
  '.d2l-le-content-topic-header', '.d2l-dropbox-upload', '.d2l-dropbox-info', '.d2l-dropbox-rubric', '.d2l-button-group',
  '.d2l-fileviewer-attachments', '.d2l-navigation-s', 'd2l-navigation', '.d2l-widget', 'd2l-button', 'd2l-button-subtle',
  'd2l-button-icon', 'd2l-dropdown', 'd2l-dropdown-content', 'd2l-menu', 'd2l-tooltip', 'd2l-labs-user-profile-card',
  '.d2l-user-profile', '[class*="replies"]', '[class*="submission"]', '.d2l-page-footer',
].join(', ');


/** The page kind from a Brightspace path under `/d2l/`. */
export function brightspacePageKind(pathname: string): KindFinding {
  const path = pathname.toLowerCase();
  if (/\/evaluate|\/userprogress\/|\/lp\/profile\/|\/grades\/.*user_(grades|view)/.test(path)) {
    return { kind: path.includes('/profile/') ? 'other' : 'grading', withoutText: true, aboutPerson: true };
  }
  if (/^\/d2l\/lms\/grades\/|^\/d2l\/le\/userprogress\/|\/dropbox\/admin\/(mark|folders_manage_submissions)|\/dropbox\/.*(evaluate|submissions_users)|\/quizzing\/admin\/(mark|grading|statistics)/.test(path)) {
    return { kind: 'grading', withoutText: true };
  }
  if (/^\/d2l\/lms\/classlist\/|^\/d2l\/le\/email\/|^\/d2l\/lp\/profile\/|^\/d2l\/lms\/group\/|^\/d2l\/le\/conversations\//.test(path)) {
    return { kind: 'other', withoutText: true };
  }
  if (path.startsWith('/d2l/lms/dropbox/') || path.startsWith('/d2l/le/dropbox/')) return { kind: 'assignment' };
  if (path.startsWith('/d2l/lms/quizzing/') || path.startsWith('/d2l/le/quizzing/')) return { kind: 'quiz' };
  if (/^\/d2l\/(le|lms)\/(\d+\/)?discussions\//.test(path)) return { kind: 'forum' };
  if (/^\/d2l\/le\/calendar\//.test(path)) return { kind: 'calendar' };
  if (/^\/d2l\/le\/content\/\d+\/home/.test(path) || /^\/d2l\/home\/\d+/.test(path)) return { kind: 'course' };
  if (path.startsWith('/d2l/le/content/') || path.startsWith('/d2l/lms/news/') || /^\/d2l\/le\/\d+\/news\//.test(path)) {
    return { kind: 'page' };
  }
  if (/^\/d2l\/lp\/(cmc|manageCourses|courseadmin|navbars|homepage)|^\/d2l\/le\/manageCourses|\/admin\//i.test(path)) {
    return { kind: 'settings' };
  }
  return { kind: 'other' };
}

/** The org unit id: the `ou` parameter or the number in `/d2l/home/<ou>`, `/d2l/le/content/<ou>/…`. */
export function brightspaceOrgUnit(url: URL): string | undefined {
  const fromQuery = queryParam(url, 'ou');
  if (fromQuery && /^\d+$/.test(fromQuery)) return fromQuery;
  return /^\/d2l\/(?:home|le\/content|le\/calendar|le|lms\/[a-z]+)\/(\d+)(?:\/|$)/i.exec(url.pathname)?.[1];
}

function detect(document: Document, url: URL): boolean {
  if (bodyClasses(document).has('d2l-body')) return true;
  if (url.pathname.startsWith('/d2l/')) return true;
  return hostIs(url, 'brightspace.com') || hostIs(url, 'desire2learn.com');
}

function extract(document: Document, url: URL): PageContext {
  const finding = brightspacePageKind(url.pathname);
  const { kind, withoutText } = finding;
  // A user id in the address means the page is about that person.
  const aboutPerson = finding.aboutPerson || (withoutText && Boolean(queryParam(url, 'userId')));
  const courseLink = firstElement(document, ['.d2l-navigation-s-title[text]', 'd2l-navigation-link.d2l-navigation-s-title']);
  const course = courseLink?.getAttribute('text') || firstText(document, ['.d2l-navigation-s-title']);
  const currentCrumb = safeQuery(document, 'd2l-breadcrumb-current-page[text]')?.getAttribute('text');
  const title = firstText(document, ['h1.d2l-page-title', '#d2l_main h1', '.d2l-page-main h1']) || currentCrumb || '';
  return buildContext(document, url, {
    lms: 'brightspace',
    pageKind: kind,
    title,
    course,
    courseId: brightspaceOrgUnit(url),
    roots: [firstElement(document, ['#d2l_main .d2l-page-main-content', '#d2l_main', '.d2l-page-main', '[role="main"]'])],
    exclude: EXCLUDE,
    shadowRoots: true,
    keepQuery: ['ou', 'db'],
    withoutText,
    aboutPerson,
  });
}

export const brightspaceAdapter: LmsAdapter = {
  id: 'brightspace',
  detect,
  extract,
  exampleUrls: [
    'https://zilvermeer.brightspace.com/d2l/le/content/30412/viewContent/700215/View',
    'https://zilvermeer.brightspace.com/d2l/lms/dropbox/user/folder_submit_files.d2l?ou=30412&db=5520',
    'https://zilvermeer.brightspace.com/d2l/le/30412/discussions/threads/8812/View',
  ],
};
