/**
 * Occurrence expansion with ical.js at hand (Node, the CLI, the library): expand.ts does the work, and this
 * module hands it recurrence.ts (which carries ical.js) up front, so rules are followed without waiting.
 * Browser code that wants ical.js only for calendars with rules imports expand.ts and calls loadRecurrence
 * when needsIcal says so.
 */
import { provideRecurrence } from './ical-loader.ts';
import * as recurrence from './recurrence.ts';

provideRecurrence(recurrence);

export { expandOccurrences, needsIcal } from './expand.ts';
export type { ExpandOptions, ExpandResult, Occurrence } from './expand.ts';
