import { expect } from '@open-wc/testing';
import type { Occurrence } from '../../shared/ical/occurrences.ts';
import { googleCalendarUrl, icsFileName, outlookUrl } from './calendar-links.ts';
import { addMonths, displayZone, firstDayOfWeek, isDayKey, monthWeeks, readBound, spanDays, startOfDayIn, startOfWeek, todayIn } from './dates.ts';
import { originalStart, statusWords } from './format.ts';
import { strings } from './strings.ts';

describe('calendar dates', () => {
  it('adds months the way people count them (31 January + 1 month is the end of February)', () => {
    expect(addMonths('2025-01-31', 1)).to.equal('2025-02-28');
    expect(addMonths('2024-01-31', 1)).to.equal('2024-02-29');
    expect(addMonths('2025-03-15', -3)).to.equal('2024-12-15');
    expect(addMonths('2025-12-01', 1)).to.equal('2026-01-01');
  });

  it('lays out the weeks of a month from the first day of the week', () => {
    const march = monthWeeks('2025-03-20', 1);
    expect(march).to.have.length(6);
    expect(march[0]![0]).to.equal('2025-02-24');
    expect(march.at(-1)![6]).to.equal('2025-04-06');
    const february = monthWeeks('2027-02-10', 1); // 1 February 2027 is a Monday: four full weeks
    expect(february).to.have.length(4);
    expect(monthWeeks('2025-03-01', 7)[0]![0]).to.equal('2025-02-23');
    expect(startOfWeek('2025-03-09', 1)).to.equal('2025-03-03');
  });

  it('starts weeks on Monday unless the locale names a region that starts elsewhere', () => {
    expect(firstDayOfWeek('nl')).to.equal(1);
    expect(firstDayOfWeek('en')).to.equal(1);
    expect(firstDayOfWeek('nl-NL')).to.equal(1);
    expect(firstDayOfWeek('en-US')).to.equal(7);
  });

  it('knows where a day starts in a zone, also on the days the clocks change', () => {
    expect(new Date(startOfDayIn('2025-03-30', 'Europe/Amsterdam')).toISOString()).to.equal('2025-03-29T23:00:00.000Z');
    expect(new Date(startOfDayIn('2025-03-31', 'Europe/Amsterdam')).toISOString()).to.equal('2025-03-30T22:00:00.000Z');
    expect(todayIn('America/New_York', Date.parse('2025-03-10T03:30:00Z'))).to.equal('2025-03-09');
    expect(todayIn('Europe/Amsterdam', Date.parse('2025-03-10T03:30:00Z'))).to.equal('2025-03-10');
  });

  it('reads from/to as dates in the zone, or as date-times', () => {
    expect(readBound('2025-03-01', 'America/New_York')).to.deep.equal({ day: '2025-03-01', epoch: Date.parse('2025-03-01T05:00:00Z') });
    expect(readBound('2025-03-01T12:00:00+01:00', 'America/New_York')!.day).to.equal('2025-03-01');
    expect(readBound('1 maart', 'Europe/Amsterdam')).to.equal(undefined);
    expect(readBound('2025-02-30', 'Europe/Amsterdam')).to.equal(undefined);
    expect(isDayKey('2025-02-29')).to.equal(false);
  });

  it('falls back to the visitor’s zone for an unknown time-zone value and says so', () => {
    expect(displayZone('Europe/Amsterdam')).to.deep.equal({ zone: 'Europe/Amsterdam', invalid: false });
    const unknown = displayZone('Mars/Olympus_Mons');
    expect(unknown.invalid).to.equal(true);
    expect(unknown.zone).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(displayZone('').invalid).to.equal(false);
  });

  it('counts the days an occurrence covers: all-day ends are exclusive, midnight ends stay on the day before', () => {
    expect(spanDays('2025-03-17', '2025-03-22', true)).to.deep.equal({ first: '2025-03-17', last: '2025-03-21' });
    expect(spanDays('2025-03-12', '2025-03-13', true)).to.deep.equal({ first: '2025-03-12', last: '2025-03-12' });
    expect(spanDays('2025-03-27T22:00:00+01:00', '2025-03-28T00:00:00+01:00', false)).to.deep.equal({ first: '2025-03-27', last: '2025-03-27' });
    expect(spanDays('2025-03-27T22:00:00+01:00', '2025-03-28T01:00:00+01:00', false)).to.deep.equal({ first: '2025-03-27', last: '2025-03-28' });
  });
});

describe('calendar links', () => {
  const timed = {
    title: 'Ouderavond: kiezen voor techniek',
    details: 'Studenten vertellen zelf.',
    location: 'Aula, Voorbeeldstraat 1',
    allDay: false,
    start: '2026-11-26T19:30:00+01:00',
    end: '2026-11-26T21:00:00+01:00',
    startDate: new Date('2026-11-26T19:30:00+01:00'),
    endDate: new Date('2026-11-26T21:00:00+01:00'),
  };

  it('makes a Google Calendar template link with UTC times, or dates for all-day events', () => {
    const url = new URL(googleCalendarUrl(timed));
    expect(url.origin + url.pathname).to.equal('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).to.equal('TEMPLATE');
    expect(url.searchParams.get('dates')).to.equal('20261126T183000Z/20261126T200000Z');
    expect(url.searchParams.get('location')).to.equal('Aula, Voorbeeldstraat 1');
    const allDay = new URL(googleCalendarUrl({ ...timed, allDay: true, start: '2026-12-19', end: '2027-01-04' }));
    expect(allDay.searchParams.get('dates')).to.equal('20261219/20270104');
  });

  it('makes Outlook links for work or school accounts and for Outlook.com', () => {
    const work = new URL(outlookUrl(timed, true));
    expect(work.hostname).to.equal('outlook.office.com');
    expect(work.searchParams.get('startdt')).to.equal('2026-11-26T18:30:00Z');
    expect(work.searchParams.get('enddt')).to.equal('2026-11-26T20:00:00Z');
    expect(work.searchParams.get('rru')).to.equal('addevent');
    const personal = new URL(outlookUrl({ ...timed, allDay: true, start: '2026-12-07', end: '2026-12-08' }, false));
    expect(personal.hostname).to.equal('outlook.live.com');
    expect(personal.searchParams.get('allday')).to.equal('true');
    expect(personal.searchParams.get('startdt')).to.equal('2026-12-07');
  });

  it('keeps long descriptions short in the address', () => {
    const url = new URL(googleCalendarUrl({ ...timed, details: 'woord '.repeat(1000) }));
    expect(url.searchParams.get('details')!.length).to.be.at.most(800);
  });

  it('names the .ics download after the title, in plain letters', () => {
    expect(icsFileName('Ouderavond: kiezen voor “techniek”', '2026-11-26')).to.equal('ouderavond-kiezen-voor-techniek-2026-11-26.ics');
    expect(icsFileName('Café één', '2026-01-01')).to.equal('cafe-een-2026-01-01.ics');
    expect(icsFileName('<<>>', '2026-01-01')).to.equal('activiteit-2026-01-01.ics');
  });
});

describe('occurrence status', () => {
  const base = { itemId: 'x', title: 'x', allDay: false, cancelled: false, timeZone: 'Europe/Amsterdam' } as unknown as Occurrence;

  it('says when an occurrence moved, and from when', () => {
    const moved = { ...base, id: 'x@2025-03-24T14:00:00Z', changed: true, start: '2025-03-25T16:00:00+01:00', startDate: new Date('2025-03-25T15:00:00Z') } as Occurrence;
    expect(originalStart(moved)!.date!.toISOString()).to.equal('2025-03-24T14:00:00.000Z');
    expect(statusWords(moved, 'nl', 'Europe/Amsterdam', strings.nl)).to.deep.equal(['Verplaatst, eerst gepland op 24 maart 2025 om 15:00']);
    expect(statusWords(moved, 'en', 'America/New_York', strings.en)[0]).to.contain('Moved, first planned for March 24, 2025');
  });

  it('says "changed" for a retitled occurrence at its own time, and nothing for an unchanged one', () => {
    const retitled = { ...base, id: 'x@2025-03-24T14:00:00Z', changed: true, start: '2025-03-24T15:00:00+01:00', startDate: new Date('2025-03-24T14:00:00Z') } as Occurrence;
    expect(statusWords(retitled, 'nl', 'Europe/Amsterdam', strings.nl)).to.deep.equal(['Gewijzigd']);
    const plain = { ...retitled, changed: undefined } as Occurrence;
    expect(statusWords(plain, 'nl', 'Europe/Amsterdam', strings.nl)).to.deep.equal([]);
  });

  it('puts cancelled first', () => {
    const cancelled = { ...base, id: 'x@2025-03-31T13:00:00Z', changed: true, cancelled: true, start: '2025-03-31T15:00:00+02:00', startDate: new Date('2025-03-31T13:00:00Z') } as Occurrence;
    expect(statusWords(cancelled, 'nl', 'Europe/Amsterdam', strings.nl)).to.deep.equal(['Gaat niet door']);
  });
});
