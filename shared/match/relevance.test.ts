/**
 * Relevance on the project's own labelled pages (test/fixtures/pages): the same code path and the same targets
 * as `npm run eval`, on the default catalog in content/. The pages are written for this project (fictional
 * schools and texts, not paraphrases of ../shared/eval/dev): the method was tuned on the dev pages and checked
 * on these, so this test guards against fitting one set. The `holdout-*` pages were written after that tuning; on
 * their first run 5 of 8 positives were found and none of the 4 negatives lit up. Two later general changes
 * (a single-sentence mention on a page that fits the topic is not "in passing"; two ambiguous terms count on
 * a page that clearly fits the topic's profile) were checked on all sets, so they are no longer unseen.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogForSuggest } from '../../cli/commands/suggest.ts';
import { evaluate, formatReport, readCases, TARGETS, type EvalReport } from '../../scripts/eval.ts';
import { createSuggester } from './suggester.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PAGES = path.join(ROOT, 'test', 'fixtures', 'pages');

describe('relevance on the labelled fixture pages', () => {
  let report: EvalReport;

  beforeAll(async () => {
    const { catalog } = await loadCatalogForSuggest(path.join(ROOT, 'content'));
    report = evaluate(readCases(PAGES), createSuggester(catalog));
    // The per-case lines make a failure readable in the test output.
    console.log(formatReport(report).join('\n'));
  });

  it('has enough cases of both kinds', () => {
    expect(report.positives).toBeGreaterThanOrEqual(14);
    expect(report.negatives).toBeGreaterThanOrEqual(6);
  });

  it(`recognises the LMS on at least ${TARGETS.detection * 100}% of the pages`, () => {
    expect(report.detection).toBeGreaterThanOrEqual(TARGETS.detection);
  });

  it(`puts an expected topic in the top 3 on at least ${TARGETS.topThreeHit * 100}% of the positive pages`, () => {
    expect(report.topThreeHit).toBeGreaterThanOrEqual(TARGETS.topThreeHit);
  });

  it(`suggests something on at most ${TARGETS.negativesWithSuggestions * 100}% of the pages that are about nothing in the catalog`, () => {
    expect(report.negativesWithSuggestions).toBeLessThanOrEqual(TARGETS.negativesWithSuggestions);
  });

  it('never suggests anything on a grade book', () => {
    for (const result of report.cases.filter((entry) => entry.detected.pageKind === 'grading')) expect(result.suggestions).toBe(0);
  });
});
