import { describe, expect, it } from 'vitest';
import { mergeCatalogs } from './merge.ts';
import type { Catalog } from './types.ts';

const catalog = (id: string, overrides: Partial<Catalog> = {}): Catalog => ({
  format: 'kanswijzer-catalog',
  version: 1,
  id,
  title: `Catalogus ${id}`,
  language: 'nl',
  topics: [{ id: 'belonging', label: 'Verbondenheid', terms: { nl: ['verbondenheid'] } }],
  audiences: [{ id: 'docent', label: 'Docent' }],
  sectors: [],
  periods: [],
  items: [
    { id: 'welkom', type: 'practice', title: `Welkom (${id})`, topics: ['belonging'], audiences: [], sectors: [], periods: [] },
  ],
  ...overrides,
});

describe('mergeCatalogs', () => {
  it('merges topics with the same id and joins their term lists', () => {
    const school = catalog('school', { topics: [{ id: 'belonging', label: 'Erbij horen', terms: { nl: ['thuisvoelen'], en: ['belonging'] } }] });
    const merged = mergeCatalogs(catalog('hub'), school);
    expect(merged.topics).toHaveLength(1);
    expect(merged.topics[0]!.label).toBe('Verbondenheid');
    expect(merged.topics[0]!.terms).toEqual({ nl: ['verbondenheid', 'thuisvoelen'], en: ['belonging'] });
  });

  it('keeps colliding item ids apart by catalog id and records provenance on every item', () => {
    const merged = mergeCatalogs({ catalog: catalog('hub'), feedUrl: 'https://hub.example/catalog.json' }, catalog('school'));
    expect(merged.items.map((i) => i.id)).toEqual(['welkom', 'school:welkom']);
    expect(merged.items[0]!.provenance).toEqual({ catalogId: 'hub', catalogTitle: 'Catalogus hub', originalId: 'welkom', feedUrl: 'https://hub.example/catalog.json' });
    expect(merged.items[1]!.provenance).toMatchObject({ catalogId: 'school', originalId: 'welkom' });
    expect(merged.items[1]!.title).toBe('Welkom (school)');
  });

  it('shows a feed listed twice only once', () => {
    const merged = mergeCatalogs(catalog('hub'), catalog('hub'));
    expect(merged.items).toHaveLength(1);
  });

  it('keeps provenance when a merged catalog is merged again', () => {
    const once = mergeCatalogs(catalog('hub'), catalog('school'));
    const twice = mergeCatalogs(once, catalog('regio'));
    expect(twice.items.map((i) => `${i.provenance?.catalogId}/${i.provenance?.originalId}`)).toEqual(['hub/welkom', 'school/welkom', 'regio/welkom']);
    expect(new Set(twice.items.map((i) => i.id)).size).toBe(3);
  });

  it('does not change the catalogs it was given', () => {
    const hub = catalog('hub');
    const before = structuredClone(hub);
    mergeCatalogs(hub, catalog('school', { topics: [{ id: 'belonging', label: 'x', terms: { nl: ['extra'] } }] }));
    expect(hub).toEqual(before);
  });
});
