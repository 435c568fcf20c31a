import type { Catalog, Item } from './types.ts';

/** The catalog with each item recording where it came from (kept when it already has a provenance). */
export function withProvenance(catalog: Catalog, feedUrl?: string): Catalog {
  return {
    ...catalog,
    items: catalog.items.map(
      (item) =>
        ({
          ...item,
          provenance: item.provenance ?? {
            catalogId: catalog.id,
            catalogTitle: catalog.title,
            originalId: item.id,
            ...(feedUrl ? { feedUrl } : {}),
          },
        }) as Item,
    ),
  };
}
