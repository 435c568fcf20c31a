import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import './define.ts';
import type { KwCalendar } from './kw-calendar.ts';
import { $, $$, deepActiveElement, goOffline, loaded, shadowText, stubFetch } from '../test/helpers.ts';
import { forgetCalendarLoads } from './calendar-feed.ts';
import { calendar, catalogOf, dayIn, EMPTY_ICS, emulateForcedColors, expectInertCalendar, freshCalendarState, HOSTILE_ICS, HUB_CATALOG, listed, SCHOOL_ICS } from './test-helpers.ts';

function cell(element: KwCalendar, day: string): HTMLElement {
  return $(element, `td[data-day="${day}"]`);
}

function focusedDay(): string | null {
  return deepActiveElement()?.getAttribute('data-day') ?? null;
}

async function press(element: KwCalendar, key: string): Promise<void> {
  await sendKeys({ press: key });
  await element.updateComplete;
  await aTimeout(0);
}

describe('<kw-calendar>', () => {
  let restore: Array<() => void> = [];
  beforeEach(() => freshCalendarState());
  afterEach(async () => {
    for (const undo of restore.reverse()) undo();
    restore = [];
    await setViewport({ width: 1000, height: 800 });
    await emulateMedia({ media: 'screen' });
  });

  describe('states', () => {
    it('says it is loading while the calendar is on its way', async () => {
      restore.push(stubFetch('slow.ics', () => new Promise(() => undefined)));
      const element = await fixture<KwCalendar>(html`<kw-calendar src="/slow.ics"></kw-calendar>`);
      const status = $(element, '.loading');
      expect(status.getAttribute('role')).to.equal('status');
      expect(status.textContent).to.contain('Laden');
      await expect(element).to.be.accessible();
    });

    it('shows a month grid of an .ics feed, accessible', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect($(element, '[part=period]').textContent!.trim()).to.equal('maart 2025');
      expect($$(element, 'table[role=grid] td[role=gridcell]')).to.have.length(42);
      expect(cell(element, '2025-03-12').textContent).to.contain('1 activiteit');
      expect(cell(element, '2025-03-12').textContent).to.contain('Studiedag');
      expect(cell(element, '2025-03-04').textContent).to.contain('geen activiteiten');
      await expect(element).to.be.accessible();
    });

    it('shows the list view, accessible', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} view="list" from="2025-03-01" to="2025-04-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect(listed(element)).to.have.length(8);
      await expect(element).to.be.accessible();
    });

    it('says so when the calendar has no events', async () => {
      const element = await calendar(html`<kw-calendar src=${EMPTY_ICS}></kw-calendar>`);
      expect(shadowText(element)).to.contain('Er staan nog geen activiteiten in deze agenda.');
      expect($$(element, 'table')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('says so when a month has no events, and offers the next one', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-01-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect(shadowText(element)).to.contain('In januari 2025 zijn geen activiteiten.');
      expect(shadowText(element)).to.contain('Eerstvolgende activiteit: 3 maart 2025');
      await expect(element).to.be.accessible();
      ($$(element, '[part=notice] button')[0] as HTMLButtonElement).click();
      await element.updateComplete;
      expect($(element, '[part=period]').textContent!.trim()).to.equal('maart 2025');
      expect(focusedDay()).to.equal('2025-03-03');
    });

    it('names the calendar and what to do when it is not found, with a retry button', async () => {
      const missing = '/widgets/calendar/test-fixtures/bestaat-niet.ics';
      const element = await calendar(html`<kw-calendar src=${missing}></kw-calendar>`);
      const alert = $(element, '[role=alert]');
      expect(alert.textContent).to.contain(new URL(missing, location.href).href);
      expect(alert.textContent).to.contain('404');
      expect(alert.querySelector('button')!.textContent).to.contain('Opnieuw proberen');
      await expect(element).to.be.accessible();
    });

    it('explains a calendar server without CORS and names both ways out', async () => {
      let fail = true;
      restore.push(stubFetch('cors-test.ics', async () => (fail ? Promise.reject(new TypeError('Failed to fetch')) : fetch(SCHOOL_ICS))));
      const url = 'https://elders.example/cors-test.ics';
      const element = await calendar(html`<kw-calendar src=${url} lang="en" from="2025-03-01"></kw-calendar>`);
      const text = $(element, '[role=alert]').textContent!;
      expect(text).to.contain('Access-Control-Allow-Origin');
      expect(text).to.contain(`npx kanswijzer build --ics ${url}`);
      await expect(element).to.be.accessible();
      fail = false;
      ($(element, '[role=alert] button') as HTMLButtonElement).click();
      await waitUntil(() => element.shadowRoot!.querySelector('table[role=grid]'), 'retry did not load the calendar');
    });

    it('says the reader is offline when there is no copy on this device', async () => {
      restore.push(goOffline());
      restore.push(stubFetch('offline-test.ics', () => Promise.reject(new TypeError('Failed to fetch'))));
      const element = await calendar(html`<kw-calendar src="/offline-test.ics"></kw-calendar>`);
      expect($(element, '[role=alert]').textContent).to.contain('Je bent offline');
      await expect(element).to.be.accessible();
    });

    it('shows the copy kept on this device when offline, and says from when', async () => {
      await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01"></kw-calendar>`);
      forgetCalendarLoads();
      restore.push(goOffline());
      restore.push(stubFetch('school.ics', () => Promise.reject(new TypeError('Failed to fetch'))));
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      // The cached copy shows at once; the failed refresh then says it is an offline copy.
      await waitUntil(() => shadowText(element).includes('Je bent offline of de feed is niet bereikbaar'), 'no offline note');
      expect(cell(element, '2025-03-12').textContent).to.contain('Studiedag');
      await expect(element).to.be.accessible();
    });

    it('tells the webmaster about a time zone or date it cannot read', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} time-zone="Europe/Atlantis" from="1 maart"></kw-calendar>`);
      const text = shadowText(element);
      expect(text).to.contain('De tijdzone "Europe/Atlantis" in het time-zone-attribuut bestaat niet.');
      expect(text).to.contain('"1 maart" in het from-attribuut is geen datum.');
      await expect(element).to.be.accessible();
    });
  });

  describe('month grid', () => {
    it('marks today with aria-current="date" and starts the tab stop there', async () => {
      const zone = 'Europe/Amsterdam';
      const today = dayIn(new Date(), zone);
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} time-zone=${zone}></kw-calendar>`);
      const current = $$(element, '[aria-current]');
      expect(current).to.have.length(1);
      expect(current[0]!.getAttribute('aria-current')).to.equal('date');
      expect(current[0]!.getAttribute('data-day')).to.equal(today);
      expect(current[0]!.getAttribute('tabindex')).to.equal('0');
      expect($$(element, 'td[tabindex="0"]')).to.have.length(1);
    });

    it('walks a month with the keyboard: arrows, Home/End, Page Up/Down, into the next month and back', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      cell(element, '2025-03-01').focus();
      await press(element, 'ArrowRight');
      expect(focusedDay()).to.equal('2025-03-02');
      await press(element, 'ArrowDown');
      expect(focusedDay()).to.equal('2025-03-09');
      await press(element, 'ArrowLeft');
      expect(focusedDay()).to.equal('2025-03-08');
      await press(element, 'ArrowUp');
      expect(focusedDay()).to.equal('2025-03-01');
      await press(element, 'ArrowDown');
      await press(element, 'ArrowDown');
      await press(element, 'Home');
      expect(focusedDay()).to.equal('2025-03-10');
      await press(element, 'End');
      expect(focusedDay()).to.equal('2025-03-16');
      // Every day of the month, one arrow at a time, keeps exactly one tab stop.
      for (let day = 17; day <= 31; day++) {
        await press(element, 'ArrowRight');
        expect(focusedDay()).to.equal(`2025-03-${String(day).padStart(2, '0')}`);
        expect($$(element, 'td[tabindex="0"]')).to.have.length(1);
      }
      await press(element, 'ArrowRight');
      expect(focusedDay()).to.equal('2025-04-01');
      expect($(element, '[part=period]').textContent!.trim()).to.equal('april 2025');
      await press(element, 'PageUp');
      expect(focusedDay()).to.equal('2025-03-01');
      await press(element, 'PageDown');
      await press(element, 'PageDown');
      expect(focusedDay()).to.equal('2025-05-01');
      expect($(element, '[part=period]').textContent!.trim()).to.equal('mei 2025');
      await press(element, 'PageUp');
      await press(element, 'PageUp');
      expect($(element, '[part=period]').textContent!.trim()).to.equal('maart 2025');
    });

    it('Enter on a day goes to its events; the day panel lists them', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      cell(element, '2025-03-01').focus();
      for (let i = 0; i < 9; i++) await press(element, 'ArrowRight');
      expect(focusedDay()).to.equal('2025-03-10');
      expect(cell(element, '2025-03-10').getAttribute('aria-selected')).to.equal('true');
      expect($(element, '.day-panel .day-heading').textContent).to.contain('maandag 10 maart 2025');
      expect(listed(element, '.day-panel').map(([start]) => start)).to.deep.equal(['2025-03-10T15:00:00+01:00', '2025-03-10T15:00:00+01:00']);
      await press(element, 'Enter');
      expect(deepActiveElement()!.classList.contains('title')).to.equal(true);
      await press(element, 'Enter');
      await waitUntil(() => element.shadowRoot!.querySelector('.day-panel .detail'), 'the event did not open');
      await expect(element).to.be.accessible();
    });

    it('shows multi-day events on every day, and a cancelled occurrence as cancelled', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      for (const day of ['17', '18', '19', '20', '21']) expect(cell(element, `2025-03-${day}`).textContent).to.contain('Projectweek techniek');
      expect(cell(element, '2025-03-22').textContent).not.to.contain('Projectweek');
      expect(cell(element, '2025-03-27').textContent).to.contain('Introductiekamp');
      expect(cell(element, '2025-03-28').textContent).to.contain('Introductiekamp');
      expect(cell(element, '2025-03-17').textContent).not.to.contain('Spreekuur');
      const cancelled = cell(element, '2025-03-31').querySelector('.chip')!;
      expect(cancelled.classList.contains('cancelled')).to.equal(true);
      expect(cancelled.textContent).to.contain('Gaat niet door');
    });

    it('opens an event from its chip with a click, and moves focus to it', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      const select = oneEvent(element, 'kw-select');
      (cell(element, '2025-03-12').querySelector('.chip') as HTMLElement).click();
      const event = await select;
      expect(event.detail.occurrence.start).to.equal('2025-03-12');
      await waitUntil(() => element.shadowRoot!.querySelector('.day-panel .detail'), 'the event did not open');
      expect(deepActiveElement()!.textContent).to.contain('Studiedag');
    });

    it('previous, next and today move the month and say so', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      const [previous, today, next] = $$(element, '[part=nav-button]');
      let navigated = oneEvent(element, 'kw-navigate');
      next!.click();
      expect((await navigated).detail).to.deep.equal({ view: 'month', from: '2025-03-31', to: '2025-05-05' });
      expect($(element, '[part=period]').textContent!.trim()).to.equal('april 2025');
      await waitUntil(() => shadowText(element).includes('april 2025: 1 activiteit.'), 'the new month was not announced');
      previous!.click();
      previous!.click();
      await element.updateComplete;
      expect($(element, '[part=period]').textContent!.trim()).to.equal('februari 2025');
      navigated = oneEvent(element, 'kw-navigate');
      today!.click();
      await navigated;
      const now = dayIn(new Date(), 'Europe/Amsterdam');
      expect($$(element, '[aria-current=date]')[0]!.getAttribute('data-day')).to.equal(now);
    });

    it('moves with the arrows the other way in a right-to-left page', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl"><kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar></div>`);
      const element = wrapper.querySelector('kw-calendar')!;
      await loaded(element);
      cell(element, '2025-03-05').focus();
      await press(element, 'ArrowLeft');
      expect(focusedDay()).to.equal('2025-03-06');
      await press(element, 'ArrowRight');
      await press(element, 'ArrowRight');
      expect(focusedDay()).to.equal('2025-03-04');
    });
  });

  describe('list view', () => {
    const MARCH_STARTS = [
      '2025-03-03T15:00:00+01:00',
      '2025-03-10T15:00:00+01:00',
      '2025-03-10T15:00:00+01:00',
      '2025-03-12',
      '2025-03-17',
      '2025-03-25T16:00:00+01:00',
      '2025-03-27T09:00:00+01:00',
      '2025-03-31T15:00:00+02:00',
    ];

    it('lists every occurrence from `from` to `to`, each with its start in the first <time datetime>', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} view="list" from="2025-03-01" to="2025-04-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect(listed(element).map(([start]) => start)).to.deep.equal(MARCH_STARTS);
      // The excluded 17 March is gone, the moved 24 March is on the 25th, the cancelled 31 March says so.
      const rows = listed(element);
      expect(rows[5]![1]).to.contain('Verplaatst, eerst gepland op 24 maart 2025 om 15:00');
      expect(rows[7]![1]).to.contain('Gaat niet door');
      expect(rows[4]![1]).to.contain('17 mrt 2025 t/m 21 mrt 2025');
      expect(rows[3]![1]).to.contain('Hele dag');
      expect($$(element, '.list .day-heading').map((h) => h.textContent!.trim())[0]).to.equal('maandag 3 maart 2025');
    });

    it('lists the same as `kanswijzer events` for the same range: `to` is exclusive, events already going on are in', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} view="list" from="2025-03-18" to="2025-03-28" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect(listed(element).map(([start]) => start)).to.deep.equal(['2025-03-17', '2025-03-25T16:00:00+01:00', '2025-03-27T09:00:00+01:00']);
    });

    it('moves a fixed period by its own length with previous and next', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} view="list" from="2025-03-01" to="2025-03-15" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect($(element, '[part=period]').textContent!.trim()).to.equal('1–14 maart 2025');
      const navigated = oneEvent(element, 'kw-navigate');
      $$(element, '[part=nav-button]')[2]!.click();
      expect((await navigated).detail).to.deep.equal({ view: 'list', from: '2025-03-15', to: '2025-03-29' });
      expect(listed(element).map(([start]) => start)).to.deep.equal(['2025-03-17', '2025-03-25T16:00:00+01:00', '2025-03-27T09:00:00+01:00']);
    });

    it('switches between month and list with the view buttons, keeping the period', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      const [month, list] = $$(element, '[part=view-button]');
      expect(month!.getAttribute('aria-pressed')).to.equal('true');
      list!.click();
      await element.updateComplete;
      expect(element.getAttribute('view')).to.equal('list');
      expect(list!.getAttribute('aria-pressed')).to.equal('true');
      expect($$(element, 'table')).to.have.length(0);
      expect($(element, '[part=period]').textContent!.trim()).to.equal('maart 2025');
      expect(listed(element).map(([start]) => start)).to.deep.equal(MARCH_STARTS);
      month!.click();
      await element.updateComplete;
      expect($$(element, 'table[role=grid]')).to.have.length(1);
    });

    it('lets upcoming events lead: in the current month what already happened folds away', async () => {
      const now = Date.now();
      const zone = 'Europe/Amsterdam';
      const today = dayIn(new Date(now), zone);
      // Just over (today, unless the test runs in the first two seconds of the day) and later today or tomorrow.
      const catalog = catalogOf([
        { id: 'net-voorbij', start: new Date(now - 2000).toISOString(), end: new Date(now - 1000).toISOString() },
        { id: 'straks', start: new Date(now + 60_000).toISOString(), end: new Date(now + 120_000).toISOString() },
      ]);
      const element = await calendar(html`<kw-calendar .catalog=${catalog} view="list" time-zone=${zone}></kw-calendar>`);
      expect(dayIn(new Date(now - 2000), zone)).to.equal(today);
      const upcoming = [...element.shadowRoot!.querySelectorAll('.list > ol.days [part=occurrence]')].map((o) => o.getAttribute('data-occurrence-id'));
      expect(upcoming[0]).to.match(/^straks@/);
      const earlier = $(element, 'details.earlier');
      expect(earlier.hasAttribute('open')).to.equal(false);
      expect(earlier.querySelector('summary')!.textContent).to.equal('Eerder deze maand (1)');
      expect(earlier.querySelector('[part=occurrence]')!.getAttribute('data-occurrence-id')).to.match(/^net-voorbij@/);
      await expect(element).to.be.accessible();
    });

    it('shows "Show more" after `limit` events without from/to', async () => {
      const base = Date.UTC(2031, 4, 1, 10);
      const catalog = catalogOf(Array.from({ length: 7 }, (_, i) => ({ id: `a${i}`, start: new Date(base + i * 86_400_000).toISOString(), end: new Date(base + i * 86_400_000 + 3_600_000).toISOString() })));
      const element = await calendar(html`<kw-calendar .catalog=${catalog} view="list" from="2031-05-01" limit="5" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect(listed(element)).to.have.length(5);
      expect($(element, '#shown').textContent).to.equal('5 van 7 getoond');
      ($(element, '[part=more-button]') as HTMLButtonElement).click();
      await element.updateComplete;
      await aTimeout(0);
      expect(listed(element)).to.have.length(7);
      expect(deepActiveElement()!.closest('[part=occurrence]')!.getAttribute('data-occurrence-id')).to.match(/^a5@/);
    });
  });

  describe('event details', () => {
    async function openFirst(element: KwCalendar, match: string): Promise<HTMLElement> {
      const row = $$(element, '.list [part=occurrence]').find((r) => r.textContent!.includes(match))!;
      (row.querySelector('.title') as HTMLButtonElement).click();
      await waitUntil(() => row.querySelector('.detail'), 'the event did not open');
      await element.updateComplete;
      return row;
    }

    it('shows time, place, the description (Markdown, safe), registration and "add to my calendar"', async () => {
      const element = await calendar(html`<kw-calendar src=${HUB_CATALOG} view="list" from="2025-03-01" to="2025-04-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      const row = await openFirst(element, 'Netwerkbijeenkomst');
      expect((row.querySelector('.title') as HTMLElement).getAttribute('aria-expanded')).to.equal('true');
      const detail = row.querySelector('.detail')!;
      // Its look arrives with its chunk: a framed box, the facts as a two-column grid.
      expect(getComputedStyle(detail).borderTopStyle).to.equal('solid');
      expect(getComputedStyle(detail.querySelector('.facts > div')!).display).to.equal('grid');
      expect(detail.querySelector('time')!.getAttribute('datetime')).to.equal('2025-03-20T13:00:00+01:00');
      expect(detail.textContent).to.contain('donderdag 20 maart 2025');
      expect(detail.textContent).to.contain('Stadskantoor, Markt 1, Utrecht');
      await waitUntil(() => detail.querySelector('.body li'), 'the description was not rendered');
      expect([...detail.querySelectorAll('.body li')].map((li) => li.textContent)).to.deep.equal(['Welkom', 'Drie scholen vertellen']);
      expect(detail.querySelector('.body a')!.getAttribute('rel')).to.equal('noopener noreferrer');
      // Past (2025), so no registration link; the event is not recorded, so no recording either.
      expect(detail.querySelector('[part=register-link]')).to.equal(null);
      const links = [...detail.querySelectorAll<HTMLAnchorElement>('[part=add-to-calendar] a')].map((a) => new URL(a.href));
      const google = links.find((u) => u.hostname === 'calendar.google.com')!;
      expect(google.searchParams.get('dates')).to.equal('20250320T120000Z/20250320T150000Z');
      expect(google.searchParams.get('text')).to.equal('Netwerkbijeenkomst erbij horen');
      expect(google.searchParams.get('location')).to.equal('Stadskantoor, Markt 1, Utrecht');
      const outlook = links.find((u) => u.hostname === 'outlook.office.com')!;
      expect(outlook.searchParams.get('startdt')).to.equal('2025-03-20T12:00:00Z');
      expect(outlook.searchParams.get('subject')).to.equal('Netwerkbijeenkomst erbij horen');
      expect(links.some((u) => u.hostname === 'outlook.live.com')).to.equal(true);
      await expect(element).to.be.accessible();
    });

    it('offers registration for an upcoming event and an online link', async () => {
      const start = new Date(Date.now() + 10 * 86_400_000);
      const catalog = catalogOf([
        { id: 'komt-nog', title: 'Komt nog', start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString(), registration: 'https://aanmelden.example/', location: { online: true, url: 'https://meet.example/kamer' } },
      ]);
      const day = dayIn(start, 'Europe/Amsterdam');
      const element = await calendar(html`<kw-calendar .catalog=${catalog} view="list" from=${day} to=${dayIn(new Date(start.getTime() + 2 * 86_400_000), 'Europe/Amsterdam')} time-zone="Europe/Amsterdam"></kw-calendar>`);
      const row = await openFirst(element, 'Komt nog');
      expect(row.querySelector<HTMLAnchorElement>('[part=register-link]')!.href).to.equal('https://aanmelden.example/');
      const online = [...row.querySelectorAll<HTMLAnchorElement>('.facts a')].find((a) => a.textContent === 'Online meedoen')!;
      expect(online.href).to.equal('https://meet.example/kamer');
    });

    it('downloads the event as an .ics file', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} view="list" from="2025-03-01" to="2025-04-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      const row = await openFirst(element, 'partnerschool');
      let blob: Blob | undefined;
      let name = '';
      const createObjectURL = URL.createObjectURL;
      const click = HTMLAnchorElement.prototype.click;
      URL.createObjectURL = (b: Blob | MediaSource) => ((blob = b as Blob), 'blob:kw-test');
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        name = this.download;
      };
      restore.push(() => {
        URL.createObjectURL = createObjectURL;
        HTMLAnchorElement.prototype.click = click;
      });
      const added = oneEvent(element, 'kw-add-to-calendar');
      [...row.querySelectorAll<HTMLButtonElement>('[part=add-to-calendar] button')][0]!.click();
      expect((await added).detail.method).to.equal('ics');
      const text = await blob!.text();
      expect(name).to.equal('webinar-met-de-partnerschool-in-new-york-2025-03-10.ics');
      expect(text).to.contain('BEGIN:VEVENT');
      expect(text).to.contain('DTSTART;TZID=America/New_York:20250310T100000');
      expect(text).to.contain('SUMMARY:Webinar met de partnerschool in New York');
      expect(text.match(/BEGIN:VEVENT/g)).to.have.length(1);
    });

    it('saves an event offline and closes with focus back on its title', async () => {
      const element = await calendar(html`<kw-calendar src=${HUB_CATALOG} view="list" from="2025-03-01" to="2025-04-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      const row = await openFirst(element, 'Netwerkbijeenkomst');
      const save = row.querySelector<HTMLButtonElement>('[part=save-button]')!;
      const saved = oneEvent(element, 'kw-save');
      save.click();
      expect((await saved).detail.item.id).to.equal('netwerkbijeenkomst');
      await waitUntil(() => row.querySelector('[part=save-button]')!.getAttribute('aria-pressed') === 'true', 'not saved');
      row.querySelector<HTMLButtonElement>('.close')!.click();
      await element.updateComplete;
      expect(row.querySelector('.detail')).to.equal(null);
      expect(deepActiveElement()).to.equal(row.querySelector('.title'));
    });

    it('lets the host page take over opening (kw-select is cancelable)', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} view="list" from="2025-03-01" to="2025-04-01"></kw-calendar>`);
      element.addEventListener('kw-select', (e) => e.preventDefault(), { once: true });
      const row = $$(element, '.list [part=occurrence]')[0]!;
      (row.querySelector('.title') as HTMLButtonElement).click();
      await element.updateComplete;
      await aTimeout(20);
      expect(row.querySelector('.detail-holder')!.children).to.have.length(0);
    });
  });

  describe('sources', () => {
    it('merges catalogs and .ics feeds; each event names its calendar, and each calendar can be switched off', async () => {
      const element = await calendar(html`<kw-calendar src="${SCHOOL_ICS} ${HUB_CATALOG}" view="list" from="2025-03-01" to="2025-04-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      const boxes = $$(element, '[part=sources] input[type=checkbox]') as HTMLInputElement[];
      expect($$(element, '[part=sources] label').map((l) => l.textContent!.trim())).to.deep.equal(['Testschool (testgegevens)', 'Testkennispunt']);
      expect(listed(element)).to.have.length(10);
      const hub = listed(element).find(([, text]) => text.includes('Online spreekuur'))!;
      expect(hub[1]).to.contain('Agenda: Testkennispunt');
      const colours = new Set($$(element, '.list [part=occurrence]').map((o) => o.getAttribute('data-colour')));
      expect([...colours].sort()).to.deep.equal(['1', '2']);
      boxes[0]!.click();
      await element.updateComplete;
      expect(listed(element).map(([, text]) => text.includes('Testkennispunt'))).to.deep.equal([true, true]);
      boxes[1]!.click();
      await element.updateComplete;
      expect(shadowText(element)).to.contain('Alle agenda’s staan uit.');
      await expect(element).to.be.accessible();
    });

    it('offers to subscribe to an .ics feed (webcal) and to a catalog that publishes events.ics beside it', async () => {
      const element = await calendar(html`<kw-calendar src="${SCHOOL_ICS} ${HUB_CATALOG}" from="2025-03-01"></kw-calendar>`);
      await waitUntil(() => element.shadowRoot!.querySelectorAll('[part=subscribe] li').length === 2, 'no subscribe links for both sources');
      const links = $$(element, '[part=subscribe] a').map((a) => a.getAttribute('href'));
      const school = new URL(SCHOOL_ICS, location.href);
      const hubIcs = new URL('/widgets/calendar/test-fixtures/hub/events.ics', location.href);
      expect(links).to.deep.equal([`webcal://${school.host}${school.pathname}`, school.href, `webcal://${hubIcs.host}${hubIcs.pathname}`, hubIcs.href]);
      await expect(element).to.be.accessible();
    });

    it('offers no subscription for a catalog without events.ics', async () => {
      const element = await calendar(html`<kw-calendar src="/widgets/test-fixtures/small.json" from="2026-01-01"></kw-calendar>`);
      await aTimeout(100);
      expect($$(element, '[part=subscribe]')).to.have.length(0);
    });

    it('keeps to `topics`, `audiences` and `sectors`, and says when nothing fits', async () => {
      const element = await calendar(html`<kw-calendar src=${HUB_CATALOG} view="list" from="2025-03-01" to="2025-06-01" topics="belonging"></kw-calendar>`);
      expect(listed(element).every(([, text]) => !text.includes('Webinar'))).to.equal(true);
      expect(listed(element)).to.have.length(4);
      element.topics = 'bestaat-niet';
      await element.updateComplete;
      expect(shadowText(element)).to.contain('topics="bestaat-niet"');
    });
  });

  describe('past events with a recording', () => {
    it('stay findable under "Terugkijken", after the upcoming ones', async () => {
      const element = await calendar(html`<kw-calendar src=${HUB_CATALOG} view="list" time-zone="Europe/Amsterdam"></kw-calendar>`);
      const section = $(element, '[part=recordings]');
      expect(section.querySelector('.section-heading')!.textContent).to.equal('Terugkijken');
      const link = section.querySelector<HTMLAnchorElement>('[part=recording-link]')!;
      expect(link.href).to.equal('https://testhub.example/opname');
      expect(link.textContent).to.contain('Terugkijken');
      expect(section.querySelector('time')!.getAttribute('datetime')).to.equal('2020-11-20T15:00:00+01:00');
      // The list (upcoming) comes before the recordings in the page.
      const list = $(element, '.list');
      expect(list.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
      // With from/to the list is exactly that range, without the extra section.
      element.from = '2025-03-01';
      element.to = '2025-04-01';
      await element.updateComplete;
      expect($$(element, '[part=recordings]')).to.have.length(0);
    });

    it('say "watch again" in English', async () => {
      const element = await calendar(html`<kw-calendar src=${HUB_CATALOG} lang="en" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect($(element, '[part=recordings] .section-heading').textContent).to.equal('Watch again');
      expect($(element, '[part=recordings] [part=recording-link]').textContent).to.contain('Watch again');
    });
  });

  describe('untrusted calendar text', () => {
    it('renders hostile SUMMARY, DESCRIPTION, LOCATION and URL values as inert text', async () => {
      const element = await calendar(html`<kw-calendar src=${HOSTILE_ICS} view="list" from="2025-03-01" to="2025-04-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      const rows = $$(element, '.list [part=occurrence]');
      expect(rows).to.have.length(2);
      expect(rows[0]!.textContent).to.contain('<script>window.__kwHacked=1</script>Titel met script');
      for (const row of rows) {
        (row.querySelector('.title') as HTMLButtonElement).click();
        await waitUntil(() => row.querySelector('.detail'), 'the event did not open');
      }
      await element.updateComplete;
      await waitUntil(() => element.shadowRoot!.querySelector('.detail .body')?.textContent, 'the description was not filled in');
      await aTimeout(50);
      expect(rows[0]!.querySelector('.facts')!.textContent).to.contain('<img src=x onerror="window.__kwHacked=1">Zaal');
      // The javascript: URL is not a link anywhere.
      expect(rows[0]!.querySelectorAll('a[href^="javascript"]')).to.have.length(0);
      expect([...rows[1]!.querySelectorAll<HTMLAnchorElement>('.links a')].map((a) => a.href)).to.deep.equal(['https://veilig.example/']);
      expectInertCalendar(element);
      // Also in the month grid.
      element.view = 'month';
      await element.updateComplete;
      expect(cell(element, '2025-03-05').textContent).to.contain('<script>');
      expectInertCalendar(element);
      await expect(element).to.be.accessible();
    });
  });

  describe('layout', () => {
    it('reflows to a list at 320px, without sideways scrolling', async () => {
      await setViewport({ width: 320, height: 640 });
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      await waitUntil(() => element.shadowRoot!.querySelector('.list'), 'did not reflow to a list');
      expect($$(element, 'table')).to.have.length(0);
      expect(shadowText(element)).to.contain('Op een smal scherm staat de maand als lijst.');
      expect(listed(element)).to.have.length(8);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      await expect(element).to.be.accessible();
      await setViewport({ width: 1000, height: 800 });
      await waitUntil(() => element.shadowRoot!.querySelector('table[role=grid]'), 'did not return to the grid');
    });

    it('prints the month without its controls', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      await emulateMedia({ media: 'print' });
      expect(getComputedStyle($(element, '.nav')).display).to.equal('none');
      expect(getComputedStyle($(element, '.views')).display).to.equal('none');
      expect(getComputedStyle($(element, 'table[role=grid]')).display).not.to.equal('none');
      element.view = 'list';
      await element.updateComplete;
      expect(getComputedStyle($(element, '.list .title')).display).not.to.equal('none');
      expect(getComputedStyle($(element, '.list [part=occurrence]')).breakInside).to.equal('avoid');
    });

    it('keeps the chosen day and today visible in forced colours', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      await emulateForcedColors(true);
      restore.push(() => void emulateForcedColors(false));
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      // The box shadow that marks the chosen day is dropped in forced colours; an outline takes over.
      const selected = $(element, 'td[aria-selected=true]');
      expect(getComputedStyle(selected).outlineStyle).to.equal('solid');
      expect(getComputedStyle(cell(element, '2025-03-12').querySelector('.chip')!).borderInlineStartStyle).to.equal('solid');
    });

    it('takes colours and cell height from --kw-* custom properties', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} from="2025-03-01" style="--kw-calendar-source-1: rgb(1, 2, 3); --kw-calendar-cell-height: 9em; --kw-color-accent: rgb(4, 5, 6)"></kw-calendar>`);
      const chip = cell(element, '2025-03-12').querySelector('.chip')!;
      expect(getComputedStyle(chip).borderInlineStartColor).to.equal('rgb(1, 2, 3)');
      expect(parseFloat(getComputedStyle(cell(element, '2025-03-12')).height)).to.be.at.least(9 * 16 - 1);
      expect(getComputedStyle($(element, 'td[aria-selected=true]')).boxShadow).to.contain('rgb(4, 5, 6)');
    });
  });

  describe('language', () => {
    it('speaks English with English dates when the page or element says so', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} lang="en" from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect($(element, '[part=period]').textContent!.trim()).to.equal('March 2025');
      expect(cell(element, '2025-03-12').textContent).to.contain('Wednesday, March 12, 2025, 1 event');
      expect($$(element, '[part=nav-button]').map((b) => b.textContent!.replace(/[‹›]/g, '').trim())).to.deep.equal(['Previous', 'Today', 'Next']);
      expect($$(element, 'th').map((th) => th.querySelector('.visually-hidden')!.textContent)[0]).to.equal('Monday');
      await expect(element).to.be.accessible();
    });

    it('starts the week on Sunday for en-US', async () => {
      const element = await calendar(html`<kw-calendar src=${SCHOOL_ICS} lang="en-US" from="2025-03-01" time-zone="Europe/Amsterdam"></kw-calendar>`);
      expect($$(element, 'th').map((th) => th.querySelector('.visually-hidden')!.textContent)[0]).to.equal('Sunday');
      expect($$(element, 'td')[0]!.getAttribute('data-day')).to.equal('2025-02-23');
    });
  });
});
