/**
 * Occurrence expansion (shared/ical/occurrences.ts): one year of a generated 2,000-event calendar, a mix of
 * weekly, daily and single events in three zones (some with exceptions and changed occurrences), as the
 * calendar widget expands it. Also: parsing the same calendar as an .ics file (shared/ical/import.ts), which
 * a widget does once per feed load.
 */
import type { Catalog, CatalogEvent } from '../../shared/catalog/types.ts';
import { parseICalendar } from '../../shared/ical/import.ts';
import { expandOccurrences } from '../../shared/ical/occurrences.ts';
import { formatInstantInZone } from '../../shared/ical/time.ts';
import { catalogToICalendar } from '../../shared/ical/write.ts';

const ZONES = ['Europe/Amsterdam', 'America/New_York', 'UTC'];
const EVENTS = 2000;

function generate(): Catalog {
  const items: CatalogEvent[] = [];
  const yearStart = Date.parse('2025-01-01T00:00:00Z');
  for (let i = 0; i < EVENTS; i++) {
    const zone = ZONES[i % ZONES.length]!;
    // Deterministic spread over 2024–2025, on whole quarter hours between 08:00 and 18:00 UTC.
    const day = (i * 37) % 500;
    const minutes = 8 * 60 + ((i * 15) % (10 * 60));
    const startMs = yearStart - 120 * 86_400_000 + day * 86_400_000 + minutes * 60_000;
    const start = formatInstantInZone(startMs, zone);
    const end = formatInstantInZone(startMs + 60 * 60_000, zone);
    const kind = i % 10;
    const event: CatalogEvent = { id: `event-${i}`, type: 'event', title: `Event ${i}`, topics: [], audiences: [], sectors: [], periods: [], start, end, timeZone: zone };
    if (kind < 4) {
      event.rrule = kind === 0 ? 'FREQ=WEEKLY;BYDAY=MO,WE' : 'FREQ=WEEKLY';
      if (kind === 1) event.exdate = [formatInstantInZone(startMs + 7 * 86_400_000, zone)];
      if (kind === 2) event.overrides = [{ recurrenceId: formatInstantInZone(startMs + 14 * 86_400_000, zone), start: formatInstantInZone(startMs + 15 * 86_400_000, zone) }];
    } else if (kind < 6) {
      event.rrule = kind === 4 ? 'FREQ=DAILY;COUNT=30' : 'FREQ=DAILY;INTERVAL=2';
    }
    items.push(event);
  }
  return { format: 'kanswijzer-catalog', version: 1, id: 'bench', title: 'Bench', language: 'en', topics: [], audiences: [], sectors: [], periods: [], items };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const catalog = generate();
const from = new Date('2025-01-01T00:00:00Z');
const to = new Date('2026-01-01T00:00:00Z');

let first = 0;
const runs: number[] = [];
let count = 0;
let truncated = false;
for (let run = 0; run < 8; run++) {
  const start = performance.now();
  const result = expandOccurrences(catalog, from, to, { timeZone: 'Europe/Amsterdam', limit: 1_000_000 });
  const ms = performance.now() - start;
  if (run === 0) first = ms;
  else runs.push(ms);
  count = result.occurrences.length;
  truncated = result.truncated;
}

const ics = catalogToICalendar(catalog, { now: new Date('2025-01-01T00:00:00Z') });
const parseRuns: number[] = [];
let parsedEvents = 0;
for (let run = 0; run < 5; run++) {
  const start = performance.now();
  const parsed = parseICalendar(ics);
  parseRuns.push(performance.now() - start);
  parsedEvents = parsed.catalog?.items.length ?? 0;
}

const monthStart = performance.now();
const month = expandOccurrences(catalog, new Date('2025-03-01T00:00:00Z'), new Date('2025-04-01T00:00:00Z'), { timeZone: 'Europe/Amsterdam' });
const monthMs = performance.now() - monthStart;

console.log(`Occurrence expansion, ${EVENTS} events (40% weekly, 20% daily, 40% single; Amsterdam, New York, UTC)`);
console.log(`  one year:   ${count} occurrences${truncated ? ' (truncated!)' : ''}; first run ${first.toFixed(1)} ms, median of ${runs.length} warm runs ${median(runs).toFixed(1)} ms`);
console.log(`  one month:  ${month.occurrences.length} occurrences in ${monthMs.toFixed(1)} ms`);
console.log(`  .ics parse: ${(ics.length / 1024).toFixed(0)} KB, ${parsedEvents} events; median of ${parseRuns.length} runs ${median(parseRuns).toFixed(1)} ms`);
