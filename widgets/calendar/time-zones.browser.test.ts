import { expect, html } from '@open-wc/testing';
import './define.ts';
import type { KwCalendar } from './kw-calendar.ts';
import { $, $$, shadowText } from '../test/helpers.ts';
import { calendar, catalogOf, dayIn, emulateTimeZone, freshCalendarState, listed, SCHOOL_ICS } from './test-helpers.ts';

// What a visitor sees depends on their time zone. These tests fix it two ways: the `time-zone` attribute,
// and the browser's own zone set through the DevTools protocol (as if the visitor's computer were there).

/** March 2025 of the school calendar in New York: the US moves to summer time on 9 March, Europe on 30 March. */
const MARCH_IN_NEW_YORK = [
  '2025-03-03T09:00:00-05:00', // 15:00 in Amsterdam, both on winter time: 6 hours apart
  '2025-03-10T10:00:00-04:00', // the New York webinar, 10:00 there
  '2025-03-10T10:00:00-04:00', // 15:00 in Amsterdam, now only 5 hours apart
  '2025-03-12', // all-day: the same date everywhere
  '2025-03-17',
  '2025-03-25T11:00:00-04:00',
  '2025-03-27T04:00:00-04:00',
  '2025-03-31T09:00:00-04:00', // 15:00 in Amsterdam on summer time: 6 hours apart again
];

const MARCH_IN_AMSTERDAM = [
  '2025-03-03T15:00:00+01:00',
  '2025-03-10T15:00:00+01:00', // 10:00 in New York, which moved to summer time the day before
  '2025-03-10T15:00:00+01:00',
  '2025-03-12',
  '2025-03-17',
  '2025-03-25T16:00:00+01:00',
  '2025-03-27T09:00:00+01:00',
  '2025-03-31T15:00:00+02:00', // after the change to summer time on 30 March
];

function shownTimes(element: KwCalendar): string[] {
  return $$(element, '.list [part=occurrence] .when time:first-child').map((t) => t.textContent!.trim());
}

describe('<kw-calendar> time zones', () => {
  beforeEach(() => freshCalendarState());
  afterEach(async () => {
    await emulateTimeZone(null);
  });

  describe('the time-zone attribute', () => {
    it('shows the school calendar in New York time across both daylight-saving changes', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} view="list" from="2025-03-01" to="2025-04-01" time-zone="America/New_York"></kw-calendar>`);
      expect(listed(element).map(([start]) => start)).to.deep.equal(MARCH_IN_NEW_YORK);
      expect(shownTimes(element)).to.deep.equal(['09:00', '10:00', '10:00', 'Hele dag', '17 mrt 2025', '11:00', '27 mrt 2025, 04:00', '09:00']);
      expect(shadowText(element)).to.contain('Alle tijden in tijdzone America/New_York.');
    });

    it('shows it in Amsterdam time, also when the visitor is in New York', async () => {
      await emulateTimeZone('America/New_York');
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} view="list" from="2025-03-01" to="2025-04-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect(listed(element).map(([start]) => start)).to.deep.equal(MARCH_IN_AMSTERDAM);
      expect(shownTimes(element)[0]).to.equal('15:00');
    });

    it('reads from and to in that zone', async () => {
      // 1 March 00:00 in New York is 06:00 in Amsterdam; an event at 03:00 Amsterdam time on 1 March is still
      // February in New York and so outside the range.
      const catalog = catalogOf([
        { id: 'nacht', start: '2025-03-01T03:00:00+01:00', end: '2025-03-01T04:00:00+01:00' },
        { id: 'ochtend', start: '2025-03-01T09:00:00+01:00', end: '2025-03-01T10:00:00+01:00' },
      ]);
      const inNewYork = await calendar(html`<kw-calendar .catalog=${catalog} view="list" from="2025-03-01" to="2025-03-02" time-zone="America/New_York"></kw-calendar>`);
      expect(listed(inNewYork).map(([start]) => start)).to.deep.equal(['2025-03-01T03:00:00-05:00']);
      const inAmsterdam = await calendar(html`<kw-calendar .catalog=${catalog} view="list" from="2025-03-01" to="2025-03-02" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect(listed(inAmsterdam).map(([start]) => start)).to.deep.equal(['2025-03-01T03:00:00+01:00', '2025-03-01T09:00:00+01:00']);
    });
  });

  describe("the visitor's own zone (emulated)", () => {
    it('follows the browser in New York', async () => {
      await emulateTimeZone('America/New_York');
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/New_York');
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} view="list" from="2025-03-01" to="2025-04-01"></kw-calendar>`);
      expect(listed(element).map(([start]) => start)).to.deep.equal(MARCH_IN_NEW_YORK);
      expect(shadowText(element)).not.to.contain('Alle tijden in tijdzone');
    });

    it('follows the browser in Amsterdam', async () => {
      await emulateTimeZone('Europe/Amsterdam');
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} view="list" from="2025-03-01" to="2025-04-01"></kw-calendar>`);
      expect(listed(element).map(([start]) => start)).to.deep.equal(MARCH_IN_AMSTERDAM);
    });

    it('puts an event on the day it is in the visitor’s zone in the month grid', async () => {
      // 03:00 on 11 March in Amsterdam is 22:00 on 10 March in New York.
      const catalog = catalogOf([{ id: 'vroeg', title: 'Vroeg overleg', start: '2025-03-11T03:00:00+01:00', end: '2025-03-11T04:00:00+01:00' }]);
      await emulateTimeZone('America/New_York');
      const inNewYork = await calendar(html`<kw-calendar .catalog=${catalog} from="2025-03-01"></kw-calendar>`);
      expect($(inNewYork, 'td[data-day="2025-03-10"]').textContent).to.contain('22:00 Vroeg overleg');
      expect($(inNewYork, 'td[data-day="2025-03-11"]').textContent).to.contain('geen activiteiten');
      await emulateTimeZone('Europe/Amsterdam');
      const inAmsterdam = await calendar(html`<kw-calendar .catalog=${catalog} from="2025-03-01"></kw-calendar>`);
      expect($(inAmsterdam, 'td[data-day="2025-03-11"]').textContent).to.contain('03:00 Vroeg overleg');
    });

    it('marks today as it is in the visitor’s zone', async () => {
      for (const zone of ['America/New_York', 'Europe/Amsterdam', 'Pacific/Kiritimati']) {
        await emulateTimeZone(zone);
        const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS}></kw-calendar>`);
        expect($(element, '[aria-current=date]').getAttribute('data-day'), zone).to.equal(dayIn(new Date(), zone));
      }
    });

    it('keeps floating times at the same clock time wherever the visitor is', async () => {
      const catalog = catalogOf([{ id: 'overal-tien-uur', start: '2025-03-05T10:00:00', end: '2025-03-05T11:00:00', timeZone: 'floating' }]);
      await emulateTimeZone('America/New_York');
      const inNewYork = await calendar(html`<kw-calendar .catalog=${catalog} view="list" from="2025-03-01" to="2025-04-01"></kw-calendar>`);
      expect(listed(inNewYork).map(([start]) => start)).to.deep.equal(['2025-03-05T10:00:00-05:00']);
      await emulateTimeZone('Europe/Amsterdam');
      const inAmsterdam = await calendar(html`<kw-calendar .catalog=${catalog} view="list" from="2025-03-01" to="2025-04-01"></kw-calendar>`);
      expect(listed(inAmsterdam).map(([start]) => start)).to.deep.equal(['2025-03-05T10:00:00+01:00']);
    });

    it('keeps a daily 10:00 at 10:00 through the autumn change, each on its own day', async () => {
      const catalog = catalogOf([{ id: 'dagstart', title: 'Dagstart', start: '2024-10-25T10:00:00+02:00', end: '2024-10-25T10:15:00+02:00', rrule: 'FREQ=DAILY;COUNT=5' }]);
      await emulateTimeZone('Europe/Amsterdam');
      const element = await calendar(html`<kw-calendar .catalog=${catalog} view="list" from="2024-10-25" to="2024-10-30"></kw-calendar>`);
      expect(listed(element).map(([start]) => start)).to.deep.equal([
        '2024-10-25T10:00:00+02:00',
        '2024-10-26T10:00:00+02:00',
        '2024-10-27T10:00:00+01:00',
        '2024-10-28T10:00:00+01:00',
        '2024-10-29T10:00:00+01:00',
      ]);
      element.view = 'month';
      element.to = '';
      await element.updateComplete;
      for (const day of ['25', '26', '27', '28', '29']) expect($(element, `td[data-day="2024-10-${day}"]`).textContent).to.contain('10:00 Dagstart');
      // In New York the same events are at 04:00 or 05:00, and the US changes a week later (3 November).
      await emulateTimeZone('America/New_York');
      const inNewYork = await calendar(html`<kw-calendar .catalog=${catalog} view="list" from="2024-10-25" to="2024-10-30"></kw-calendar>`);
      expect(listed(inNewYork).map(([start]) => start)).to.deep.equal([
        '2024-10-25T04:00:00-04:00',
        '2024-10-26T04:00:00-04:00',
        '2024-10-27T05:00:00-04:00',
        '2024-10-28T05:00:00-04:00',
        '2024-10-29T05:00:00-04:00',
      ]);
    });
  });
});
