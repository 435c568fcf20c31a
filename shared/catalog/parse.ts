/**
 * Reading a catalog, with JSON syntax errors located by line and column. This is the reader everything
 * uses, except the browser feed loader, which takes `parse-core.ts` and loads the locator only when a
 * feed turns out to be broken.
 */
import { parseCatalog as parseWithoutLocator, type ParseOptions } from './parse-core.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import type { ParseResult } from './types.ts';

export { formatProblem } from './parse-core.ts';
export type { ParseMode, ParseOptions } from './parse-core.ts';

/**
 * Reads a catalog from JSON text, bytes (UTF-8 or UTF-16, with or without byte-order mark) or an already
 * parsed value. Never throws: every problem is in `problems`.
 */
export function parseCatalog(input: unknown, options: ParseOptions = {}): ParseResult {
  return parseWithoutLocator(input, { locateSyntaxError: findJsonSyntaxError, ...options });
}
