/** iCalendar in and out: import (.ics → catalog), occurrence expansion, export (catalog → .ics). */
export { parseICalendar, parseICalendarAsync } from './import.ts';
export type { ICalendarImportOptions, ICalendarImportResult } from './import.ts';
export { expandOccurrences } from './occurrences.ts';
export type { ExpandOptions, ExpandResult, Occurrence } from './occurrences.ts';
export { catalogToICalendar, eventToICalendar, eventUid } from './write.ts';
export type { ICalendarWriteOptions } from './write.ts';
export { importCalendarsIntoCatalog } from './merge-into-catalog.ts';
export type { CalendarText, ImportIntoCatalogResult } from './merge-into-catalog.ts';
