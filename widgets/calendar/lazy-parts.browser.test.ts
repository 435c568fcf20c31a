// What a page with a calendar downloads: the parts most calendars never need (ical.js, the Windows zone
// table, the detail view, the source filter and "Terugkijken", the texts about failing feeds) arrive only
// when the calendar shows them. This file runs in a page of its own, so nothing here was loaded before.
import { expect, html, oneEvent } from '@open-wc/testing';
import './define.ts';
import { stubFetch } from '../test/helpers.ts';
import type { KwCalendar } from './kw-calendar.ts';
import { calendar, freshCalendarState, listed, SCHOOL_ICS } from './test-helpers.ts';

const fetched = (path: string) => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.endsWith(path));

const PLAIN_ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Voorbeeldschool//NL',
  'X-WR-CALNAME:Open dagen',
  'BEGIN:VEVENT',
  'UID:open-dag-1@voorbeeldschool.nl',
  'DTSTART;TZID=Europe/Amsterdam:20250315T100000',
  'DTEND;TZID=Europe/Amsterdam:20250315T140000',
  'SUMMARY:Open dag',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:open-dag-2@voorbeeldschool.nl',
  'DTSTART;TZID=Europe/Amsterdam:20250322T100000',
  'DURATION:PT4H',
  'SUMMARY:Open dag techniek',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('<kw-calendar>: what a page downloads', () => {
  const restore: Array<() => void> = [];
  beforeEach(freshCalendarState);
  afterEach(() => restore.splice(0).forEach((undo) => undo()));

  it('shows a calendar without repeating events without ical.js and without the parts it does not show', async () => {
    restore.push(stubFetch('open-dagen.ics', async () => new Response(PLAIN_ICS, { headers: { 'content-type': 'text/calendar' } })));
    const element = await calendar(html`<kw-calendar src="/open-dagen.ics" view="list" from="2025-03-01" to="2025-04-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
    expect(listed(element).map(([start]) => start)).to.deep.equal(['2025-03-15T10:00:00+01:00', '2025-03-22T10:00:00+01:00']);
    for (const part of ['/shared/ical/recurrence.ts', '/ical.js/dist/ical.js', '/shared/ical/zone-fallbacks.ts', '/shared/ical/windows-zones.ts', '/widgets/calendar/detail.ts', '/widgets/calendar/extras.ts', '/widgets/calendar/feed-problems.ts']) {
      expect(fetched(part), part).to.equal(false);
    }
  });

  it('shows a calendar with common recurrence rules without ical.js, and sends kw-load once it can show every occurrence', async () => {
    const element = document.createElement('kw-calendar') as KwCalendar;
    for (const [name, value] of Object.entries({ src: SCHOOL_ICS, view: 'list', from: '2025-03-01', to: '2025-04-01', 'time-zone': 'Europe/Amsterdam' })) element.setAttribute(name, value);
    const loaded = oneEvent(element, 'kw-load');
    document.body.append(element);
    try {
      expect((await loaded).detail.state).to.equal('ready');
      await element.updateComplete;
      expect(fetched('/shared/ical/recurrence.ts')).to.equal(false);
      expect(element.shadowRoot!.querySelector('.loading')).to.equal(null);
      expect(listed(element).length).to.be.greaterThan(2);
    } finally {
      element.remove();
    }
  });

  it('loads ical.js for a rule the walker leaves to it (by day of the year)', async () => {
    const byWeek = PLAIN_ICS.replace('SUMMARY:Open dag\r\n', 'SUMMARY:Open dag\r\nRRULE:FREQ=YEARLY;BYYEARDAY=74,81\r\n');
    restore.push(stubFetch('week-dagen.ics', async () => new Response(byWeek, { headers: { 'content-type': 'text/calendar' } })));
    const element = await calendar(html`<kw-calendar src="/week-dagen.ics" view="list" from="2025-03-01" to="2025-04-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
    expect(fetched('/shared/ical/recurrence.ts')).to.equal(true);
    expect(listed(element).map(([start]) => start)).to.deep.equal(['2025-03-15T10:00:00+01:00', '2025-03-22T10:00:00+01:00', '2025-03-22T10:00:00+01:00']);
  });
});
