/**
 * The default catalog packaged with the extension (`feed/catalog.json`) and its suggester index
 * (`feed/suggester-index.json`), both checked and made when the extension is built (extension/rollup.parts.mjs
 * calls {@link packagedIndex}). A fresh install or an update then answers its first LMS page without validating
 * and analysing the catalog in a cold service worker, which took 150–250 ms there while the page waited for its
 * badge. The background still checks that the index fits the catalog it stores (the index carries the
 * catalog's fingerprint) and builds one itself when it does not.
 */
import { mergeCatalogs } from '../../../shared/catalog/merge.ts';
import { parseCatalog } from '../../../shared/catalog/parse.ts';
import type { Catalog } from '../../../shared/catalog/types.ts';
import { buildSuggester } from './match.ts';
import type { SerializedSuggester } from './match.ts';

/** The name the default catalog packaged with the extension goes by in feed lists, statuses and provenance. */
export const PACKAGED_FEED = 'kanswijzer:packaged';

/** The catalog the background indexes when the packaged catalog is its only feed (provenance recorded). */
export function packagedOnly(catalog: Catalog): Catalog {
  return mergeCatalogs({ catalog, feedUrl: PACKAGED_FEED });
}

/**
 * The packaged catalog from its text. The build has already parsed it with the catalog parser and made sure
 * the parser returns it unchanged ({@link packagedIndex}), and it ships inside the extension like the code, so
 * plain JSON is read; text that does not even look like a catalog goes through the parser, whose message then
 * says what is wrong.
 */
export function readPackagedCatalog(text: string): Catalog {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const candidate = value as Partial<Catalog> | undefined;
  if (candidate?.format === 'kanswijzer-catalog' && Array.isArray(candidate.items) && Array.isArray(candidate.topics)) return candidate as Catalog;
  const parsed = parseCatalog(text, { mode: 'lenient' });
  if (!parsed.catalog) throw new Error(parsed.problems[0]?.message ?? 'not a catalog');
  return parsed.catalog;
}

/**
 * Checks the packaged catalog's text and returns its serialised index, as the build writes it. Throws, and so
 * stops the build, when the catalog has any problem or when the parser would change it (then reading it as
 * plain JSON in the background would not give the same catalog).
 */
export function packagedIndex(catalogText: string): SerializedSuggester {
  const parsed = parseCatalog(catalogText);
  const problem = parsed.problems[0];
  if (!parsed.catalog || problem) {
    throw new Error(`The packaged catalog has problems: ${problem ? `${problem.path || '(root)'}: ${problem.message}` : 'no catalog found'}`);
  }
  if (!sameJson(parsed.catalog, JSON.parse(catalogText))) {
    throw new Error('The packaged catalog is not in the form the parser returns: rebuild it with `kanswijzer build`.');
  }
  return buildSuggester(packagedOnly(parsed.catalog)).serialize();
}

/** Deep equality of JSON values, ignoring key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((value, i) => sameJson(value, (b as unknown[])[i]));
  const left = Object.entries(a).filter(([, value]) => value !== undefined);
  const right = b as Record<string, unknown>;
  return left.length === Object.values(right).filter((value) => value !== undefined).length && left.every(([key, value]) => sameJson(value, right[key]));
}
