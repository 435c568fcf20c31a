import { expect, html } from '@open-wc/testing';
import './define.ts';
import { parseICalendar } from '../../shared/ical/import.ts';
import { expandOccurrences } from '../../shared/ical/occurrences.ts';
import { parseTime, wallTimeToEpoch } from '../../shared/ical/time.ts';
import { calendar, freshCalendarState, listed } from './test-helpers.ts';

// The reference corpus beside the repository (../shared/ics-corpus: 72 real-world calendars with the
// occurrence starts an independent implementation computed), rendered by <kw-calendar> in list view over
// the same windows. The corpus is served read-only by wtr-timezone-plugin.mjs under /__ics-corpus__/; nothing
// of it is copied into the project. Calendars where the project deliberately differs from that
// implementation are listed, with reasons, in scripts/conformance-differences.json (as for
// `npm run conformance`).

interface ExpectedCalendar {
  file: string;
  from: string;
  to: string;
  occurrences: { uid: string; start: string; summary: string }[];
}

const ZONE = 'Europe/Amsterdam';
const CORPUS = '/__ics-corpus__';

const expectedResponse = await fetch(`${CORPUS}/expected.json`).catch(() => undefined);
const expected: ExpectedCalendar[] = expectedResponse?.ok ? ((await expectedResponse.json()) as { calendars: ExpectedCalendar[] }).calendars : [];
const differencesResponse = await fetch('/scripts/conformance-differences.json').catch(() => undefined);
const differences = new Set<string>(differencesResponse?.ok ? ((await differencesResponse.json()) as { differences: { file: string }[] }).differences.map((d) => d.file) : []);

/** One comparable key per start: the date for all-day events, else the instant (floating times read in ZONE). */
function key(start: string): string {
  const parsed = parseTime(start);
  if (!parsed) return `unreadable ${start}`;
  if (parsed.kind === 'date') return `date ${start}`;
  const epoch = parsed.kind === 'instant' ? parsed.epoch : wallTimeToEpoch(ZONE, parsed.wall);
  return `instant ${new Date(epoch).toISOString()}`;
}

function counts(keys: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const k of keys) map.set(k, (map.get(k) ?? 0) + 1);
  return map;
}

describe('<kw-calendar> renders the ICS corpus', () => {
  beforeEach(() => freshCalendarState());

  it('finds the corpus through the test server', () => {
    expect(expected.length, 'The ICS corpus was not served at /__ics-corpus__/: add calendarTestPlugin() from widgets/calendar/wtr-timezone-plugin.mjs to web-test-runner.config.mjs (or run with --config widgets/calendar/web-test-runner.config.mjs), and keep ../shared/ics-corpus beside the repository.').to.be.greaterThan(50);
  });

  for (const file of expected.map((c) => c.file)) {
    it(`${file}: the list shows the core's occurrences${differences.has(file) ? ' (a known difference from the oracle)' : ' and the expected starts'}`, async () => {
      const entry = expected.find((c) => c.file === file)!;
      const element = await calendar(html`<kw-calendar src="${CORPUS}/calendars/${encodeURIComponent(file)}" view="list" from=${entry.from} to=${entry.to} time-zone=${ZONE}></kw-calendar>`);
      const got = listed(element).map(([start]) => key(start));
      // The calendar lists exactly what the core computes for the same range (as `kanswijzer events` does).
      const text = await (await fetch(`${CORPUS}/calendars/${encodeURIComponent(file)}`)).text();
      const core = expandOccurrences(parseICalendar(text, { sourceUrl: file }).catalog!, new Date(wallTimeToEpoch(ZONE, parseTime(entry.from)!.wall)), new Date(wallTimeToEpoch(ZONE, parseTime(entry.to)!.wall)), { timeZone: ZONE, limit: 100_000 });
      expect(got, `${file}: calendar and core differ`).to.deep.equal(core.occurrences.map((o) => key(o.start)));
      if (differences.has(file)) {
        // The oracle is wrong here (see scripts/conformance-differences.json); the calendar must still show.
        expect(element.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
        return;
      }
      expect([...counts(got)].sort(), file).to.deep.equal([...counts(entry.occurrences.map((o) => key(o.start)))].sort());
    });
  }
});
