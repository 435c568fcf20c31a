/**
 * The extension's way into the core's relevance engine (shared/match). Kept to one file so the background
 * depends on four names only: build a suggester, serialise it, load it back, suggest.
 */
import type { Catalog } from '../../../shared/catalog/types.ts';
import type { PageContext } from '../../../shared/context/types.ts';
import { createSuggester, loadSuggester } from '../../../shared/match/index.ts';
import type { Profile, SerializedSuggester, Suggestion } from '../../../shared/match/types.ts';

export type { Profile, SerializedSuggester, Suggestion };

export interface SuggesterHandle {
  suggest(context: PageContext, profile: Profile, date: Date): Suggestion[];
  serialize(): SerializedSuggester;
}

/** Builds the index over a catalog (the slow path: only when the catalog changed). */
export function buildSuggester(catalog: Catalog): SuggesterHandle {
  return createSuggester(catalog);
}

/**
 * Loads a stored index; undefined when it does not fit the catalog or cannot be read (the caller then
 * builds a new one).
 */
export function restoreSuggester(serialized: unknown, catalog: Catalog): SuggesterHandle | undefined {
  try {
    return loadSuggester(serialized as SerializedSuggester, catalog);
  } catch {
    return undefined;
  }
}
