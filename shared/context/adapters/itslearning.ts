/**
 * itslearning. Its classic pages are ASP.NET WebForms (`form#aspnetForm` with `__VIEWSTATE`) on
 * *.itslearning.com, with the course in a `CourseID` link and content often shown in frames. Same-origin
 * frames are read when the browser allows it; cross-origin frames stay closed.
 */
import { buildContext, firstElement, firstText, queryParam, safeQuery, textWithin } from '../page.ts';
import type { KindFinding } from '../page.ts';
import type { LmsAdapter, PageContext } from '../types.ts';
import { MAX_FRAMES } from '../types.ts';

const EXCLUDE = [
  '.ccl-pageheader', '.ccl-breadcrumbs', '.itsl-topnav', '.itsl-course-menu', '.itsl-aside', '.itsl-footer',
  '.itsl-essay-meta', '.itsl-buttons', '.aspNetHidden', '.itsl-widget', '.ccl-button', '.itsl-answers',
  '.itsl-submissions',
].join(', ');

const MAIN = ['#ctl00_ContentArea', '[role="main"]', '.l-content', '#ContentArea', '#content'];


/** The page kind from an itslearning path (ASP.NET paths, any case). */
export function itslearningPageKind(pathname: string): KindFinding {
  const path = pathname.toLowerCase();
  if (/\/person\/|\/essay\/(assess|essayanswer)|\/assessmentrecord\/person/.test(path)) {
    return { kind: path.includes('/person/') ? 'other' : 'grading', withoutText: true, aboutPerson: true };
  }
  if (/\/(assessment|assessmentrecord|gradebook)\/|\/course\/status|\/essay\/(answers|essayanswers|assess)|\/test\/(results|assess)/.test(path)) {
    return { kind: 'grading', withoutText: true };
  }
  if (/\/course\/(participants|deelnemers|members)|\/messages\/|\/person\/|\/group\/members/.test(path)) {
    return { kind: 'other', withoutText: true };
  }
  if (/\/essay\/|\/assignment\//.test(path)) return { kind: 'assignment' };
  if (/\/test\/|\/survey\/test|\/quiz\//.test(path)) return { kind: 'quiz' };
  if (/\/discussion\/|\/forum\//.test(path)) return { kind: 'forum' };
  if (/\/calendar\//.test(path)) return { kind: 'calendar' };
  if (/\/course\/(settings|coursesettings|instellingen|editcourse)/.test(path)) return { kind: 'settings' };
  if (/^\/main\.aspx$|\/course\/course\.aspx|\/course\/(allcourses|plannen|planner)|\/planner\//.test(path)) {
    return { kind: 'course' };
  }
  if (/\/contentarea\/|\/learningtoolelement\/|\/note\/|\/file\/|\/page\/|\/folder\//.test(path)) return { kind: 'page' };
  return { kind: 'other' };
}

function detect(document: Document, url: URL): boolean {
  if (/(^|\.)itslearning\.[a-z.]+$/i.test(url.hostname)) return true;
  if (!safeQuery(document, 'form#aspnetForm, input[name="__VIEWSTATE"]')) return false;
  // SharePoint and other WebForms sites share the form: ask for itslearning's own classes or paths too.
  return Boolean(safeQuery(document, '[class*="itsl-"], body.ccl-body')) ||
    /^\/(ContentArea|Course|LearningToolElement|Planner|essay)\//i.test(url.pathname);
}

/** The body of each same-origin frame the browser lets us read; cross-origin frames answer null or throw. */
function readableFrameRoots(document: Document, pageOrigin: string): ParentNode[] {
  const roots: ParentNode[] = [];
  for (const frame of Array.from(document.querySelectorAll('iframe, frame')).slice(0, MAX_FRAMES)) {
    try {
      const inner = (frame as HTMLIFrameElement).contentDocument;
      if (!inner?.body) continue;
      const frameUrl = inner.URL;
      // about:blank and srcdoc frames inherit the page's origin; anything else must match it exactly.
      if (!/^about:/.test(frameUrl) && new URL(frameUrl).origin !== pageOrigin) continue;
      const root = firstElement(inner, MAIN) ?? inner.body;
      if (/\S/.test(root.textContent ?? '')) roots.push(root);
    } catch {
      // Cross-origin: not ours to read.
    }
  }
  return roots;
}

function extract(document: Document, url: URL): PageContext {
  const finding = itslearningPageKind(url.pathname);
  const { kind, withoutText } = finding;
  const aboutPerson = finding.aboutPerson || (withoutText && Boolean(queryParam(url, 'PersonId') ?? queryParam(url, 'UserId')));
  const courseLinks = firstElement(document, ['.ccl-breadcrumbs', '.itsl-course-menu']);
  const courseLink = courseLinks ? safeQuery(courseLinks, 'a[href*="CourseID=" i]') : null;
  const linkedId = courseLink ? /courseid=(\d+)/i.exec(courseLink.getAttribute('href') ?? '')?.[1] : undefined;
  const locationIsCourse = queryParam(url, 'LocationType') === '1';
  const courseId = queryParam(url, 'CourseID') ?? linkedId ?? (locationIsCourse ? queryParam(url, 'LocationID') : undefined);
  const course = firstText(document, ['.itsl-course-menu-title']) || textWithin(document, ['.ccl-breadcrumbs'], ['a[href*="CourseID=" i]', 'a']);
  const title = firstText(document, ['h1.ccl-pageheader-title', '#ctl00_PageHeader_TT', '#ctl00_ContentArea h1', '[role="main"] h1']);
  const main = firstElement(document, MAIN);
  return buildContext(document, url, {
    lms: 'itslearning',
    pageKind: kind,
    title,
    course,
    courseId,
    roots: withoutText ? [] : [main, ...readableFrameRoots(document, url.origin)],
    exclude: EXCLUDE,
    keepQuery: ['CourseID', 'LocationID', 'LocationType', 'EssayID', 'ElementID', 'FolderID'],
    withoutText,
    aboutPerson,
  });
}

export const itslearningAdapter: LmsAdapter = {
  id: 'itslearning',
  detect,
  extract,
  exampleUrls: [
    'https://heidezoom.itslearning.com/essay/read_essay.aspx?EssayID=40522',
    'https://heidezoom.itslearning.com/ContentArea/ContentArea.aspx?LocationID=1907&LocationType=1',
    'https://heidezoom.itslearning.com/Course/status.aspx?CourseID=1907',
  ],
};
