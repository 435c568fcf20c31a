/**
 * Several feeds shown together (a school's own feed beside a knowledge hub's). Taxonomy entries with the
 * same id merge (labels from the first feed that has them, term lists joined); items keep their ids unless
 * two feeds use the same id, in which case the later one is kept apart as `<catalog id>:<item id>`. Every
 * item records where it came from in `provenance`.
 */
import type { Audience, Catalog, Item, Period, Sector, Topic } from './types.ts';

export interface MergeSource {
  catalog: Catalog;
  /** Where the catalog was loaded from, kept on each item's provenance. */
  feedUrl?: string;
}

function mergeTerms(a: Record<string, string[]> | undefined, b: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
  if (!a) return b ? structuredClone(b) : undefined;
  if (!b) return a;
  const out: Record<string, string[]> = { ...a };
  for (const [lang, terms] of Object.entries(b)) out[lang] = [...new Set([...(out[lang] ?? []), ...terms])];
  return out;
}

function mergeTaxonomy<T extends { id: string; terms?: Record<string, string[]> }>(lists: T[][]): T[] {
  const byId = new Map<string, T>();
  for (const list of lists) {
    for (const entry of list) {
      const existing = byId.get(entry.id);
      if (!existing) byId.set(entry.id, structuredClone(entry));
      else if (entry.terms || existing.terms) existing.terms = mergeTerms(existing.terms, entry.terms);
    }
  }
  return [...byId.values()];
}

function mergePeriods(lists: Period[][]): Period[] {
  const byId = new Map<string, Period>();
  for (const list of lists) for (const period of list) if (!byId.has(period.id)) byId.set(period.id, structuredClone(period));
  return [...byId.values()];
}

/** Merges catalogs into one; with a single catalog it still records provenance on each item. */
export function mergeCatalogs(...sources: Array<Catalog | MergeSource>): Catalog {
  const entries: MergeSource[] = sources.map((s) => ('catalog' in s && (s as MergeSource).catalog?.format ? (s as MergeSource) : { catalog: s as Catalog }));
  if (entries.length === 0) {
    return { format: 'kanswijzer-catalog', version: 1, id: 'empty', title: '', language: 'nl', topics: [], audiences: [], sectors: [], periods: [], items: [] };
  }
  const first = entries[0]!.catalog;
  const items: Item[] = [];
  const taken = new Set<string>();
  const seenOrigin = new Set<string>();
  for (const { catalog, feedUrl } of entries) {
    for (const item of catalog.items) {
      const originalId = item.provenance?.originalId ?? item.id;
      const catalogId = item.provenance?.catalogId ?? catalog.id;
      const origin = `${catalogId}\u0000${originalId}`;
      // The same feed listed twice must not show its items twice.
      if (seenOrigin.has(origin)) continue;
      seenOrigin.add(origin);
      let id = item.id;
      if (taken.has(id)) id = `${catalogId}:${originalId}`;
      for (let n = 2; taken.has(id); n++) id = `${catalogId}:${originalId}~${n}`;
      taken.add(id);
      items.push({
        ...item,
        id,
        provenance: {
          catalogId,
          catalogTitle: item.provenance?.catalogTitle ?? catalog.title,
          originalId,
          ...(item.provenance?.feedUrl ?? feedUrl ? { feedUrl: item.provenance?.feedUrl ?? feedUrl } : {}),
        },
      } as Item);
    }
  }
  const updated = entries
    .map((e) => e.catalog.updated)
    .filter((u): u is string => typeof u === 'string')
    .sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  return {
    format: 'kanswijzer-catalog',
    version: 1,
    id: entries.length === 1 ? first.id : entries.map((e) => e.catalog.id).join('+'),
    title: first.title,
    language: first.language,
    ...(updated ? { updated } : {}),
    ...(first.publisher ? { publisher: first.publisher } : {}),
    topics: mergeTaxonomy<Topic>(entries.map((e) => e.catalog.topics)),
    audiences: mergeTaxonomy<Audience>(entries.map((e) => e.catalog.audiences)),
    sectors: mergeTaxonomy<Sector>(entries.map((e) => e.catalog.sectors)),
    periods: mergePeriods(entries.map((e) => e.catalog.periods)),
    items,
  };
}
