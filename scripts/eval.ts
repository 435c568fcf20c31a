/**
 * `npm run eval`: measures relevance on labelled LMS pages through the same code as `kanswijzer suggest`
 * (jsdom, extractContext, the suggester on the default catalog) and checks the targets.
 *
 *   npx tsx scripts/eval.ts [cases] [--catalog <source>] [--json]
 *
 * `cases` is a folder of case folders (`NN-name/page.html` + `case.json`, the layout of ../shared/eval/dev,
 * the default) or a folder with a `cases.json` list (the layout of test/fixtures/pages). Exit 1 when a target
 * is missed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultCatalogSource, loadCatalogForSuggest, parseDay, suggestForHtml } from '../cli/commands/suggest.ts';
import { createSuggester, type Suggester } from '../shared/match/suggester.ts';
import type { Profile } from '../shared/match/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The labelled pages beside the repository (reference material, never copied into it). */
export const DEV_CASES = path.resolve(ROOT, '..', 'shared', 'eval', 'dev');

export const TARGETS = { detection: 0.95, topThreeHit: 0.9, negativesWithSuggestions: 0.1 } as const;

/** One labelled page. */
export interface EvalCase {
  name: string;
  html: string;
  url: string;
  lms: string;
  pageKind: string;
  role?: string;
  sector?: string;
  date: string;
  /** Topic ids, any of which is a correct top-3 suggestion; empty: nothing should be suggested. */
  expect: string[];
  note?: string;
}

export interface CaseResult {
  name: string;
  expect: string[];
  /** Topics of the top three suggestions, in order, without repeats. */
  got: string[];
  /** The first suggestion's main topic (its first) is an expected one. */
  firstOk: boolean;
  suggestions: number;
  lmsOk: boolean;
  pageKindOk: boolean;
  detected: { lms: string; pageKind: string };
  ok: boolean;
}

export interface EvalReport {
  cases: CaseResult[];
  detection: number;
  pageKind: number;
  /** Share of positive pages where a top-3 suggestion has an expected topic. */
  topThreeHit: number;
  /** Share of negative pages that get any suggestion. */
  negativesWithSuggestions: number;
  /** Share of positive pages whose first suggestion is mainly about an expected topic (stricter; informative). */
  firstMainTopic: number;
  positives: number;
  negatives: number;
  passed: boolean;
}

interface CaseFile {
  url: string;
  lms: string;
  pageKind: string;
  role?: string;
  sector?: string;
  date: string;
  expect: string[];
  note?: string;
}

/** Reads the cases of a folder in either layout (see the module comment). */
export function readCases(folder: string): EvalCase[] {
  const list = path.join(folder, 'cases.json');
  if (existsSync(list)) {
    const entries = JSON.parse(readFileSync(list, 'utf8')) as Array<CaseFile & { name: string; file: string }>;
    return entries.map((entry) => ({ ...entry, html: readFileSync(path.join(folder, entry.file), 'utf8') }));
  }
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, 'case.json')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const data = JSON.parse(readFileSync(path.join(folder, name, 'case.json'), 'utf8')) as CaseFile;
      return { ...data, name, html: readFileSync(path.join(folder, name, 'page.html'), 'utf8') };
    });
}

/** Runs every case through `suggestForHtml` and computes the metrics. */
export function evaluate(cases: readonly EvalCase[], suggester: Suggester): EvalReport {
  const results: CaseResult[] = cases.map((kase) => {
    const profile: Profile = {};
    if (kase.role) profile.role = kase.role;
    if (kase.sector) profile.sector = kase.sector;
    const date = parseDay(kase.date) ?? new Date(NaN);
    const { context, suggestions } = suggestForHtml(suggester, kase.html, kase.url, profile, date);
    const got: string[] = [];
    for (const suggestion of suggestions.slice(0, 3)) for (const topic of suggestion.topics) if (!got.includes(topic)) got.push(topic);
    const ok = kase.expect.length === 0 ? suggestions.length === 0 : got.some((topic) => kase.expect.includes(topic));
    const firstTopic = suggestions[0]?.topics[0];
    return {
      name: kase.name,
      expect: kase.expect,
      got,
      firstOk: firstTopic !== undefined && kase.expect.includes(firstTopic),
      suggestions: suggestions.length,
      lmsOk: context.lms === kase.lms,
      pageKindOk: context.pageKind === kase.pageKind,
      detected: { lms: context.lms, pageKind: context.pageKind },
      ok,
    };
  });
  const positives = results.filter((result) => result.expect.length > 0);
  const negatives = results.filter((result) => result.expect.length === 0);
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const detection = share(results.filter((result) => result.lmsOk).length, results.length);
  const topThreeHit = share(positives.filter((result) => result.ok).length, positives.length);
  const negativesWithSuggestions = share(negatives.filter((result) => result.suggestions > 0).length, negatives.length);
  return {
    cases: results,
    detection,
    pageKind: share(results.filter((result) => result.pageKindOk).length, results.length),
    topThreeHit,
    negativesWithSuggestions,
    firstMainTopic: share(positives.filter((result) => result.firstOk).length, positives.length),
    positives: positives.length,
    negatives: negatives.length,
    passed: detection >= TARGETS.detection && topThreeHit >= TARGETS.topThreeHit && negativesWithSuggestions <= TARGETS.negativesWithSuggestions,
  };
}

/** The report as lines of text: one per case, then the metrics against their targets. */
export function formatReport(report: EvalReport): string[] {
  const lines: string[] = [];
  const width = Math.max(...report.cases.map((result) => result.name.length), 4);
  for (const result of report.cases) {
    const expected = result.expect.length ? result.expect.join('|') : '(nothing)';
    const got = result.got.length ? result.got.map((topic) => (result.expect.includes(topic) ? `*${topic}` : topic)).join(', ') : '(nothing)';
    const detection = result.lmsOk ? '' : `  [detected ${result.detected.lms}]`;
    const kind = result.pageKindOk ? '' : `  [page kind ${result.detected.pageKind}]`;
    lines.push(`${result.ok ? 'ok  ' : 'MISS'}  ${result.name.padEnd(width)}  expected ${expected}  got ${got}${detection}${kind}`);
  }
  const mark = (good: boolean) => (good ? 'ok' : 'MISSED');
  const percent = (value: number) => value.toFixed(2);
  lines.push(
    '',
    `cases: ${report.cases.length} (${report.positives} positive, ${report.negatives} negative)`,
    `LMS detection accuracy:        ${percent(report.detection)}  (target >= ${TARGETS.detection}) ${mark(report.detection >= TARGETS.detection)}`,
    `page kind accuracy:            ${percent(report.pageKind)}  (informative)`,
    `top-3 hit rate (positives):    ${percent(report.topThreeHit)}  (target >= ${TARGETS.topThreeHit}) ${mark(report.topThreeHit >= TARGETS.topThreeHit)}`,
    `first suggestion on topic:     ${percent(report.firstMainTopic)}  (informative: the first item's main topic is expected)`,
    `negatives with suggestions:    ${percent(report.negativesWithSuggestions)}  (target <= ${TARGETS.negativesWithSuggestions}) ${mark(report.negativesWithSuggestions <= TARGETS.negativesWithSuggestions)}`,
    report.passed ? 'All targets met.' : 'A target was missed.',
  );
  return lines;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { catalog: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const folder = path.resolve(positionals[0] ?? DEV_CASES);
  if (!existsSync(folder)) {
    console.error(`${folder}: no labelled cases there`);
    return 1;
  }
  const { catalog } = await loadCatalogForSuggest(values.catalog ? path.resolve(values.catalog) : await defaultCatalogSource());
  const report = evaluate(readCases(folder), createSuggester(catalog));
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`Relevance on ${path.relative(process.cwd(), folder) || folder}`);
    for (const line of formatReport(report)) console.log(line);
  }
  return report.passed ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`eval stopped: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
