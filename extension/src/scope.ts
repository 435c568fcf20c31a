/**
 * Where a choice applies: "not relevant here", pausing and dismissing the hint are remembered per course
 * (the site's origin, the LMS and the LMS's own course id, because course ids are only unique within one
 * site) or, on pages outside a course, per site.
 */
import type { LmsId } from '../../shared/context/types.ts';

/** What identifies where a page is. */
export interface PagePlace {
  /** The page's origin as the browser reports it (never taken from the page itself). */
  origin: string;
  lms: LmsId;
  courseId?: string;
}

/** The key of a site: `site:https://elo.school.nl`. */
export function siteKey(origin: string): string {
  return `site:${origin.toLowerCase()}`;
}

/**
 * The key of a course: `course:https://elo.school.nl|moodle|1284`. Undefined when the page is not in a
 * course (no course id), so callers fall back to the site.
 */
export function courseKey(place: PagePlace): string | undefined {
  const id = place.courseId?.trim();
  if (!id) return undefined;
  return `course:${place.origin.toLowerCase()}|${place.lms}|${id}`;
}

/** The narrowest scope a page belongs to: its course when it has one, else its site. */
export function feedbackScope(place: PagePlace): string {
  return courseKey(place) ?? siteKey(place.origin);
}

/** The origin inside a site or course key, for display ("paused on elo.school.nl"). */
export function originOfScope(scope: string): string | undefined {
  const match = /^(?:site|course):([a-z][a-z0-9+.-]*:\/\/[^|/]+)/i.exec(scope);
  return match?.[1];
}
