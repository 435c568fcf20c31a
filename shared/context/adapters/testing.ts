/**
 * Test support for the adapters (Node only, not part of the library): loads a saved fixture page with jsdom
 * at its address and checks a PageContext against what a person would expect of that page.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { expect } from 'vitest';
import { extractContext } from '../extract.ts';
import type { LmsAdapter, LmsId, PageContext, PageKind } from '../types.ts';

/** One saved page and what extracting it must give. */
export interface FixtureCase {
  /** File name inside `<lms>.fixtures/`. */
  file: string;
  url: string;
  lms: LmsId;
  pageKind: PageKind;
  title: string;
  course?: string;
  courseId?: string;
  language?: string;
  /** Phrases of the main content that must be in `text`. */
  contains: string[];
  /** Names and chrome that must appear nowhere in the context (any field). */
  absent: string[];
  /** Headings that must be listed. */
  headings?: string[];
}

/** Parses a fixture of `<folder>.fixtures/` (next to this file) as a browser would at `url`. */
export function loadFixture(folder: string, file: string, url: string): Document {
  return new JSDOM(fixtureHtml(folder, file), { url }).window.document;
}

/** Parses an HTML string as a browser would at `url`. */
export function parseHtml(html: string, url = 'https://example.org/'): Document {
  return new JSDOM(html, { url }).window.document;
}

/** The saved HTML of a fixture. */
export function fixtureHtml(folder: string, file: string): string {
  return readFileSync(new URL(`./${folder}.fixtures/${file}`, import.meta.url), 'utf8');
}

/** Extracts the fixture through the public entry point and checks every expectation of the case. */
export function checkFixture(folder: string, fixture: FixtureCase): PageContext {
  const context = extractContext(loadFixture(folder, fixture.file, fixture.url), fixture.url);
  expect(context.lms).toBe(fixture.lms);
  expect(context.pageKind).toBe(fixture.pageKind);
  expect(context.title).toBe(fixture.title);
  expect(context.course).toBe(fixture.course);
  expect(context.courseId).toBe(fixture.courseId);
  if (fixture.language) expect(context.language).toBe(fixture.language);
  for (const phrase of fixture.contains) expect(context.text).toContain(phrase);
  for (const heading of fixture.headings ?? []) expect(context.headings).toContain(heading);
  const everything = JSON.stringify(context);
  const html = fixtureHtml(folder, fixture.file);
  for (const phrase of fixture.absent) {
    // A name that is not on the page proves nothing: it must be there and still not come out.
    expect(html).toContain(phrase);
    expect(everything).not.toContain(phrase);
  }
  expect(context.url).not.toContain('#');
  return context;
}

/** The example URLs of an adapter that no fixture case covers (should be none). */
export function uncoveredExamples(adapter: LmsAdapter, cases: readonly FixtureCase[]): string[] {
  return adapter.exampleUrls.filter((url) => !cases.some((fixture) => fixture.url === url));
}
