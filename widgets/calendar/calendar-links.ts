/**
 * "Add to my calendar" links for one occurrence: Google Calendar and Outlook on the web open a new event
 * filled in with the title, times, place and a short description. Nothing is sent anywhere until the reader
 * follows a link.
 */

export interface EventForLinks {
  title: string;
  /** Plain text; shortened, because the whole event travels in the address. */
  details: string;
  location: string;
  allDay: boolean;
  /** `YYYY-MM-DD` for all-day events (end exclusive), else ISO 8601 instants. */
  start: string;
  end: string;
  startDate: Date;
  endDate: Date;
}

const MAX_DETAILS = 800;

function utcStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function utcIso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function shorten(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > MAX_DETAILS ? `${clean.slice(0, MAX_DETAILS - 1)}…` : clean;
}

/** A new event in Google Calendar (its documented `action=TEMPLATE` address). */
export function googleCalendarUrl(event: EventForLinks): string {
  const url = new URL('https://calendar.google.com/calendar/render');
  url.searchParams.set('action', 'TEMPLATE');
  url.searchParams.set('text', event.title);
  const dates = event.allDay ? `${event.start.replaceAll('-', '')}/${event.end.replaceAll('-', '')}` : `${utcStamp(event.startDate)}/${utcStamp(event.endDate)}`;
  url.searchParams.set('dates', dates);
  if (event.details) url.searchParams.set('details', shorten(event.details));
  if (event.location) url.searchParams.set('location', event.location);
  return url.href;
}

/** A new event in Outlook on the web: `work` is Microsoft 365 (school and work accounts), else Outlook.com. */
export function outlookUrl(event: EventForLinks, work: boolean): string {
  const url = new URL(work ? 'https://outlook.office.com/calendar/0/deeplink/compose' : 'https://outlook.live.com/calendar/0/deeplink/compose');
  url.searchParams.set('path', '/calendar/action/compose');
  url.searchParams.set('rru', 'addevent');
  url.searchParams.set('subject', event.title);
  url.searchParams.set('startdt', event.allDay ? event.start : utcIso(event.startDate));
  url.searchParams.set('enddt', event.allDay ? event.end : utcIso(event.endDate));
  if (event.allDay) url.searchParams.set('allday', 'true');
  if (event.details) url.searchParams.set('body', shorten(event.details));
  if (event.location) url.searchParams.set('location', event.location);
  return url.href;
}

/** A file name for the single-event download: the title in plain letters, else `activiteit`. */
export function icsFileName(title: string, day: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'activiteit'}-${day}.ics`;
}
