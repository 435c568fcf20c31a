/**
 * iCalendar → catalog with every helper at hand (Node, the CLI, the library): the Windows zone table, the
 * RRULE check and ical.js are imported up front, so `parseICalendar` answers synchronously. The reading itself is in
 * import-core.ts; browsers use its `parseICalendarAsync`, which loads those helpers only for calendars that
 * need them.
 */
import ICAL from 'ical.js';
import { checkRrule } from '../catalog/rrule.ts';
import { importICalendar, type ICalendarImportOptions, type ICalendarImportResult } from './import-core.ts';
import { expandImportProblems } from './import-messages.ts';
import * as zones from './zone-fallbacks.ts';

export { parseICalendarAsync } from './import-core.ts';
export type { ICalendarImportOptions, ICalendarImportResult } from './import-core.ts';

/**
 * Reads an iCalendar text into a catalog of events. Returns `catalog: undefined` only when the text is not
 * an iCalendar file (HTML, JSON, empty); a damaged calendar still gives every event that could be read.
 */
export function parseICalendar(text: string, options: ICalendarImportOptions = {}): ICalendarImportResult {
  const result = importICalendar(text, options, { zones, ical: ICAL, checkRrule });
  return result.problems.length ? { ...result, problems: expandImportProblems(result.problems) } : result;
}
