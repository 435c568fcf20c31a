/**
 * `kanswijzer events <feed.json|feed.ics|URL>… --from <date> --to <date> [--time-zone <IANA>] [--json]`:
 * every occurrence of the feeds' events in a range, after recurrence, exceptions and time zones, so a
 * webmaster can see why an event does or does not show. Uses the same loading and expansion code as the
 * widgets. Problems in feeds go to stderr as `file:line: message`; the exit code is 1 only when no feed
 * could be read at all.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem } from '../../shared/catalog/parse.ts';
import { mergeCatalogs } from '../../shared/catalog/merge.ts';
import { localize } from '../../shared/catalog/localize.ts';
import type { Catalog, CatalogProblem } from '../../shared/catalog/types.ts';
import { parseFeed } from '../../shared/feed/parse-feed.ts';
import { loadFeeds } from '../../shared/feed/load.ts';
import { expandOccurrences, type Occurrence } from '../../shared/ical/occurrences.ts';
import { isValidTimeZone, localTimeZone, parseTime, wallTimeToEpoch } from '../../shared/ical/time.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CommandIO } from '../io.ts';

const HELP = `Usage: kanswijzer events <feed.json|feed.ics|URL>… --from <date> --to <date> [--time-zone <zone>] [--json] [--lang nl|en]

Lists every occurrence of the feeds' events from --from up to (not including) --to, after repeating
rules, exceptions, changed and cancelled occurrences and time zones.
  --from <date>        start of the range: 2024-09-01, or a date-time such as 2024-09-01T08:00:00+02:00
  --to <date>          end of the range, not included: --from 2024-09-01 --to 2024-10-01 is September
  --time-zone <zone>   IANA zone (Europe/Amsterdam) to read dates, floating times and write times in;
                       default: each event's own zone (floating times: this machine's zone)
  --json               print {"occurrences": [{"id", "title", "start", "end", "allDay", "cancelled"}]}
  --lang <nl|en>       language of titles and of the agenda (default en)
  --limit <n>          at most this many occurrences (default 10000)`;

export interface OccurrenceQuery {
  /** Local files (relative to `cwd`) or http(s) URLs. */
  sources: string[];
  from: Date;
  to: Date;
  timeZone?: string;
  cwd: string;
  limit?: number;
  /** For tests: the fetch used for URLs. */
  fetch?: typeof fetch;
}

export interface SourceProblem {
  source: string;
  problem: CatalogProblem;
}

export interface OccurrenceAnswer {
  occurrences: Occurrence[];
  truncated: boolean;
  problems: SourceProblem[];
  /** How many sources gave a catalog. */
  read: number;
}

const isUrl = (source: string) => /^https?:\/\//i.test(source);

async function readSource(source: string, query: OccurrenceQuery): Promise<{ catalog: Catalog | undefined; problems: CatalogProblem[] }> {
  if (isUrl(source)) {
    const result = await loadFeeds([source], { revalidate: false, ...(query.fetch ? { fetch: query.fetch } : {}) });
    const status = result.feeds[0];
    const problems = [...(status?.problems ?? [])];
    if (status?.state === 'failed') problems.unshift({ severity: 'error', path: '', message: status.message, file: source });
    return { catalog: result.catalog, problems };
  }
  let text: string;
  try {
    const bytes = await readFile(path.resolve(query.cwd, source));
    text = new TextDecoder('utf-8').decode(bytes);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'this is a folder, not a feed file' : `the file could not be read (${error instanceof Error ? error.message : String(error)})`;
    return { catalog: undefined, problems: [{ severity: 'error', path: '', message, file: source }] };
  }
  const parsed = await parseFeed(text, { url: source });
  return { catalog: parsed.catalog, problems: parsed.problems.map((p) => ({ ...p, file: source })) };
}

/** Reads every source and expands its events over the range: what `kanswijzer events` and `npm run conformance` print. */
export async function collectOccurrences(query: OccurrenceQuery): Promise<OccurrenceAnswer> {
  const problems: SourceProblem[] = [];
  const catalogs: { catalog: Catalog; feedUrl: string }[] = [];
  for (const source of query.sources) {
    const { catalog, problems: found } = await readSource(source, query);
    for (const problem of found) problems.push({ source, problem });
    if (catalog) catalogs.push({ catalog, feedUrl: source });
  }
  if (catalogs.length === 0) return { occurrences: [], truncated: false, problems, read: 0 };
  const catalog = catalogs.length === 1 ? catalogs[0]!.catalog : mergeCatalogs(...catalogs);
  const { occurrences, truncated } = expandOccurrences(catalog, query.from, query.to, {
    ...(query.timeZone ? { timeZone: query.timeZone } : {}),
    ...(query.limit ? { limit: query.limit } : {}),
  });
  return { occurrences, truncated, problems, read: catalogs.length };
}

/** A --from/--to value: a date (midnight in `zone`) or a date-time (with offset, or local in `zone`). */
export function parseRangeBound(value: string, zone: string): Date | undefined {
  const parsed = parseTime(value);
  if (!parsed) return undefined;
  if (parsed.kind === 'instant') return new Date(parsed.epoch);
  return new Date(wallTimeToEpoch(zone, parsed.wall));
}

function formatProblemLine(problem: CatalogProblem, source: string): string {
  // Calendar problems carry a line and a message that already names the event; catalog problems name the item.
  if (problem.line && !problem.itemId) return `${problem.file ?? source}:${problem.line}: ${problem.severity === 'note' ? 'note: ' : ''}${problem.message}`;
  if (!problem.itemId && !problem.path) return `${problem.file ?? source}: ${problem.message}`;
  return formatProblem(problem, source);
}

const WORDS = {
  en: { allDay: 'all day', cancelled: 'cancelled', until: 'until', none: 'No events in this range.', truncated: 'The list was cut short; narrow the range to see everything.' },
  nl: { allDay: 'hele dag', cancelled: 'gaat niet door', until: 'tot en met', none: 'Geen activiteiten in deze periode.', truncated: 'De lijst is ingekort; kies een kortere periode om alles te zien.' },
} as const;

function agenda(occurrences: Occurrence[], lang: 'nl' | 'en', zone: string | undefined, truncated: boolean): string {
  const words = WORDS[lang];
  if (occurrences.length === 0) return words.none;
  const lines: string[] = [];
  let currentDay = '';
  for (const occurrence of occurrences) {
    const timeZone = zone ?? (isValidTimeZone(occurrence.timeZone) ? occurrence.timeZone : 'UTC');
    const dayFormat = new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: occurrence.allDay ? 'UTC' : timeZone });
    const dayDate = occurrence.allDay ? new Date(`${occurrence.start}T00:00:00Z`) : occurrence.startDate;
    const day = dayFormat.format(dayDate);
    if (day !== currentDay) {
      if (currentDay) lines.push('');
      lines.push(day);
      currentDay = day;
    }
    const title = localize(occurrence.title, lang) || occurrence.itemId;
    let when: string;
    if (occurrence.allDay) {
      const lastDay = new Date(Date.parse(`${occurrence.end}T00:00:00Z`) - 86_400_000);
      when = words.allDay;
      if (lastDay.getTime() > dayDate.getTime()) when += ` ${words.until} ${new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(lastDay)}`;
    } else {
      const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone, hourCycle: 'h23' });
      const offset = occurrence.start.slice(19);
      when = occurrence.endDate.getTime() > occurrence.startDate.getTime() ? `${time.format(occurrence.startDate)}–${time.format(occurrence.endDate)}` : time.format(occurrence.startDate);
      when += ` (${timeZone}${offset ? `, ${offset}` : ''})`;
    }
    lines.push(`  ${when}  ${title}${occurrence.cancelled ? `  [${words.cancelled}]` : ''}`);
  }
  if (truncated) lines.push('', words.truncated);
  return lines.join('\n');
}

export default async function events(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    'time-zone': { type: 'string' },
    json: { type: 'boolean', default: false },
    lang: { type: 'string', default: 'en' },
    limit: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('Give at least one feed: a catalog (.json), a calendar (.ics) or a URL.');
  if (!values.from || !values.to) throw new UsageError('Give the range with --from <date> and --to <date>, for example --from 2024-09-01 --to 2024-10-01.');
  const zoneOption = values['time-zone'];
  if (zoneOption !== undefined && !isValidTimeZone(zoneOption)) throw new UsageError(`--time-zone "${zoneOption}" is not a known IANA time zone (for example Europe/Amsterdam or America/New_York).`);
  const rangeZone = zoneOption ?? localTimeZone();
  const from = parseRangeBound(values.from, rangeZone);
  const to = parseRangeBound(values.to, rangeZone);
  if (!from) throw new UsageError(`--from "${values.from}" is not a date (2024-09-01) or date-time (2024-09-01T08:00:00+02:00).`);
  if (!to) throw new UsageError(`--to "${values.to}" is not a date (2024-10-01) or date-time (2024-10-01T00:00:00+02:00).`);
  if (to.getTime() <= from.getTime()) throw new UsageError('--to must come after --from.');
  const lang = values.lang === 'nl' ? 'nl' : 'en';
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive whole number.');
  }

  const answer = await collectOccurrences({ sources: positionals, from, to, cwd: io.cwd, ...(zoneOption ? { timeZone: zoneOption } : {}), ...(limit ? { limit } : {}) });
  for (const { source, problem } of answer.problems) io.stderr(formatProblemLine(problem, source));
  if (answer.read === 0) {
    io.stderr(positionals.length === 1 ? 'Nothing could be read from this feed.' : 'Nothing could be read from any of these feeds.');
    return 1;
  }
  if (answer.truncated) io.stderr(WORDS[lang].truncated);
  if (values.json) {
    const list = answer.occurrences.map((o) => ({
      id: o.id,
      title: localize(o.title, lang) || o.itemId,
      start: o.start,
      end: o.end,
      allDay: o.allDay,
      cancelled: o.cancelled,
    }));
    io.stdout(JSON.stringify({ occurrences: list }, null, 2));
  } else {
    io.stdout(agenda(answer.occurrences, lang, zoneOption, answer.truncated));
  }
  return 0;
}
