/**
 * Reading a catalog, with JSON syntax errors located by line and column and every problem in plain
 * sentences. This is the reader everything uses, except the browser feed loader, which takes
 * `parse-core.ts` and loads the locator and the sentences only when a feed turns out to have problems.
 */
import { parseCatalog as parseWithoutLocator, type ParseOptions } from './parse-core.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { expandProblems } from './messages.ts';
import type { ParseResult } from './types.ts';

export { formatProblem } from './parse-core.ts';
export type { ParseMode, ParseOptions } from './parse-core.ts';

/**
 * Reads a catalog from JSON text, bytes (UTF-8 or UTF-16, with or without byte-order mark) or an already
 * parsed value. Never throws: every problem is in `problems`.
 */
export function parseCatalog(input: unknown, options: ParseOptions = {}): ParseResult {
  const result = parseWithoutLocator(input, { locateSyntaxError: findJsonSyntaxError, ...options });
  return result.problems.length ? { ...result, problems: expandProblems(result.problems) } : result;
}
