/**
 * Google Classroom (classroom.google.com). Its class names are generated and change, so this adapter leans
 * on paths (`/c/<course>`, `/c/<course>/a/<item>/details`, `/w/<course>/t/all`, optional `/u/N/`) and on
 * landmarks and ARIA: the `main` landmark, the `h1`, and the labelled regions for class comments.
 */
import { buildContext, firstText, hostIs, safeQuery } from '../page.ts';
import type { KindFinding } from '../page.ts';
import type { LmsAdapter, PageContext } from '../types.ts';

// Comment threads and the byline beside the title carry names; the submission counter and tabs are chrome.
const EXCLUDE = [
  '[role="region"][aria-label*="pmerking" i]', '[role="region"][aria-label*="comment" i]', '[aria-label*="reactie" i]',
  '[role="textbox"]', 'a[href*="/profile/"]',
].join(', ');


/** The path without the `/u/N` account prefix. */
function classroomPath(pathname: string): string {
  return pathname.replace(/^\/u\/\d+(?=\/)/, '').replace(/\/+$/, '');
}

/** The page kind from a Classroom path. */
export function classroomPageKind(pathname: string): KindFinding {
  const path = classroomPath(pathname);
  if (/\/submissions\/.*\/student\/|^\/profile\b|\/r\/[^/]+\/.*\/student\//.test(path)) {
    return { kind: path.includes('/submissions/') ? 'grading' : 'other', withoutText: true, aboutPerson: true };
  }
  if (/^\/c\/[^/]+\/(a|sa|mc)\/[^/]+\/submissions|^\/c\/[^/]+\/gb\b|^\/g\/|^\/ta\//.test(path)) {
    return { kind: 'grading', withoutText: true };
  }
  // The stream mixes everyone's posts with their names; the people page is a list of people.
  if (/^\/r\/|^\/c\/[^/]+$|^\/c\/[^/]+\/(r|people)\b/.test(path)) return { kind: path.startsWith('/c/') ? 'course' : 'other', withoutText: true };
  if (/^\/c\/[^/]+\/(a|sa|mc)\/[^/]+/.test(path)) return { kind: 'assignment' };
  if (/^\/c\/[^/]+\/p\/[^/]+/.test(path)) return { kind: 'page' };
  if (/^\/w\/[^/]+/.test(path)) return { kind: 'course' };
  if (/^\/calendar\b/.test(path)) return { kind: 'calendar' };
  if (/^\/s$|^\/c\/[^/]+\/settings/.test(path)) return { kind: 'settings' };
  return { kind: 'other' };
}

function detect(_document: Document, url: URL): boolean {
  return hostIs(url, 'classroom.google.com');
}

function extract(document: Document, url: URL): PageContext {
  const { kind, withoutText, aboutPerson } = classroomPageKind(url.pathname);
  const courseId = /^\/(?:c|w|r)\/([^/]+)/.exec(classroomPath(url.pathname))?.[1];
  // The course navigation in the header is labelled with the course name.
  const banner = safeQuery(document, '[role="banner"], header');
  const courseNav = courseId && banner ? safeQuery(banner, `nav[aria-label] a[href$="/c/${courseId}"]`)?.closest('nav') : null;
  const course = courseNav?.getAttribute('aria-label') ||
    (courseId ? safeQuery(document, `a[href$="/c/${courseId}"][aria-label]`)?.getAttribute('aria-label') : '') || '';
  const main = safeQuery(document, 'main, [role="main"]');
  const heading = main ? safeQuery(main, 'h1, [role="heading"][aria-level="1"]') : null;
  const title = firstText(main ?? document, ['h1', '[role="heading"][aria-level="1"]']);
  // The block around the title holds the author, date, points and due date: leave it out with the title.
  const titleBlock = heading?.parentElement && heading.parentElement !== main ? heading.parentElement : null;
  return buildContext(document, url, {
    lms: 'google-classroom',
    pageKind: kind,
    title,
    course,
    courseId,
    roots: [main],
    exclude: EXCLUDE,
    skip: titleBlock ? [titleBlock] : [],
    withoutText,
    aboutPerson,
  });
}

export const googleClassroomAdapter: LmsAdapter = {
  id: 'google-classroom',
  detect,
  extract,
  exampleUrls: [
    'https://classroom.google.com/u/1/c/ODQ1NzIwMTkzNTc2/a/OTEyMzQ1Njc4OTAx/details',
    'https://classroom.google.com/c/ODQ1NzIwMTkzNTc2/p/OTMzNDQ1NTY2Nzc4/details',
    'https://classroom.google.com/w/ODQ1NzIwMTkzNTc2/t/all',
    'https://classroom.google.com/c/ODQ1NzIwMTkzNTc2',
  ],
};
