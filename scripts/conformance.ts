/**
 * `npm run conformance`: checks occurrence expansion against an independent implementation. For every
 * calendar in ../shared/ics-corpus/expected.json (computed by python-recurring-ical-events), it runs the same
 * code as `kanswijzer events` over the same window and compares the occurrence starts: instants for zoned
 * times, wall-clock times for floating times (read in Europe/Amsterdam), dates for all-day events.
 *
 * Exit 1 when a calendar matches less than 100%, unless scripts/conformance-differences.json lists it with
 * the reason the oracle itself is wrong. `--verbose` prints every missing and extra start.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectOccurrences, parseRangeBound } from '../cli/commands/events.ts';
import type { Occurrence } from '../shared/ical/occurrences.ts';
import { parseTime } from '../shared/ical/time.ts';

interface ExpectedCalendar {
  file: string;
  from: string;
  to: string;
  occurrences: { uid: string; start: string; summary: string }[];
}

interface Difference {
  file: string;
  reason: string;
}

const ZONE = 'Europe/Amsterdam';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '..', 'shared', 'ics-corpus');
const verbose = process.argv.includes('--verbose');

/** One comparable key per start: the instant, the wall time (floating) or the date (all day). */
function expectedKey(start: string): string {
  const parsed = parseTime(start);
  if (!parsed) return `unreadable:${start}`;
  if (parsed.kind === 'date') return `date ${start}`;
  if (parsed.kind === 'local') return `wall ${start.slice(0, 19)}`;
  return `instant ${new Date(parsed.epoch).toISOString()}`;
}

function ourKey(occurrence: Occurrence): string {
  if (occurrence.allDay) return `date ${occurrence.start}`;
  if (occurrence.item.timeZone === 'floating') return `wall ${occurrence.start.slice(0, 19)}`;
  return `instant ${occurrence.startDate.toISOString()}`;
}

function countKeys(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

async function main(): Promise<number> {
  const expectedPath = path.join(corpus, 'expected.json');
  if (!existsSync(expectedPath)) {
    console.error(`The iCalendar corpus was not found: ${expectedPath} is missing. The conformance check needs ../shared/ics-corpus/ beside the repository.`);
    return 1;
  }
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { generator?: string; calendars: ExpectedCalendar[] };
  const differencesPath = path.join(root, 'scripts', 'conformance-differences.json');
  const differences: Difference[] = existsSync(differencesPath) ? (JSON.parse(readFileSync(differencesPath, 'utf8')) as { differences: Difference[] }).differences : [];
  const allowed = new Map(differences.map((d) => [d.file, d.reason]));

  console.log(`Occurrence starts compared with ${expected.generator ?? 'the oracle'} (${expected.calendars.length} calendars; floating times read in ${ZONE})\n`);
  const width = Math.max(...expected.calendars.map((c) => c.file.length));
  let totalMatched = 0;
  let totalCount = 0;
  let perfect = 0;
  const failing: string[] = [];
  const allowedBelow: string[] = [];
  for (const calendar of expected.calendars) {
    const from = parseRangeBound(calendar.from, ZONE)!;
    const to = parseRangeBound(calendar.to, ZONE)!;
    const answer = await collectOccurrences({ sources: [path.join(corpus, 'calendars', calendar.file)], from, to, timeZone: ZONE, cwd: root });
    const want = countKeys(calendar.occurrences.map((o) => expectedKey(o.start)));
    const got = countKeys(answer.occurrences.map(ourKey));
    let matched = 0;
    const missing: string[] = [];
    const extra: string[] = [];
    for (const [key, count] of want) {
      const have = got.get(key) ?? 0;
      matched += Math.min(count, have);
      for (let i = have; i < count; i++) missing.push(key);
    }
    for (const [key, count] of got) for (let i = want.get(key) ?? 0; i < count; i++) extra.push(key);
    const expectedCount = calendar.occurrences.length;
    const total = expectedCount + extra.length;
    const share = total === 0 ? 100 : Math.floor((matched / total) * 1000) / 10;
    totalMatched += matched;
    totalCount += total;
    const complete = matched === expectedCount && extra.length === 0;
    if (complete) perfect++;
    const note = complete ? '' : allowed.has(calendar.file) ? '  (known difference, see conformance-differences.json)' : '';
    console.log(`${calendar.file.padEnd(width)}  ${`${matched}/${expectedCount}`.padStart(7)}${extra.length ? ` +${extra.length} extra`.padEnd(11) : ''.padEnd(11)} ${`${share}%`.padStart(6)}${note}`);
    if (!complete) {
      (allowed.has(calendar.file) ? allowedBelow : failing).push(calendar.file);
      const show = verbose ? Infinity : 3;
      for (const key of missing.slice(0, show)) console.log(`    missing ${key}`);
      for (const key of extra.slice(0, show)) console.log(`    extra   ${key}`);
      if (!verbose && missing.length + extra.length > 6) console.log('    … (--verbose shows all)');
    }
  }
  const totalShare = totalCount === 0 ? 100 : Math.floor((totalMatched / totalCount) * 1000) / 10;
  console.log(`\nTotal: ${totalMatched}/${totalCount} starts (${totalShare}%); ${perfect}/${expected.calendars.length} calendars match completely.`);
  for (const file of allowedBelow) console.log(`Known difference: ${file}: ${allowed.get(file)}`);
  for (const d of differences) if (!expected.calendars.some((c) => c.file === d.file)) console.log(`Note: ${d.file} is listed as a known difference but is not in the corpus.`);
  if (failing.length > 0) {
    console.error(`\n${failing.length} calendar${failing.length === 1 ? '' : 's'} below 100%: ${failing.join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The conformance check stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
