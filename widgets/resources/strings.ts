/** The texts of `<kw-resources>`, in Dutch and English. */
import type { Messages } from '../shared/i18n.ts';

const nl = {
  search: 'Zoeken',
  searchHint: 'Zoek op een woord, bijvoorbeeld stage of ouders.',
  filters: 'Filters',
  activeFilters: (n: number) => (n === 1 ? '1 filter aan' : `${n} filters aan`),
  facets: { topic: 'Onderwerp', audience: 'Voor wie', sector: 'Onderwijssoort', type: 'Soort' } as Record<'topic' | 'audience' | 'sector' | 'type', string>,
  clearFilters: 'Alle filters wissen',
  results: (n: number) => (n === 1 ? '1 resultaat' : `${n} resultaten`),
  resultsFor: (n: number, query: string) => (n === 1 ? `1 resultaat voor "${query}"` : `${n} resultaten voor "${query}"`),
  showMore: 'Toon meer',
  shownOf: (shown: number, total: number) => `${shown} van ${total} getoond`,
  noResults: 'Niets gevonden. Probeer een ander woord of wis de filters.',
  emptyCatalog: 'Er staat nog niets in deze lijst.',
  emptyScope: (filters: string) => `De feed heeft geen items die passen bij de instelling ${filters}. Controleer de attributen van het element.`,
  topicsLabel: 'Onderwerpen',
  details: 'Meer over',
  itemsList: 'Resultaten',
};

const en: typeof nl = {
  search: 'Search',
  searchHint: 'Search for a word, for example internship or parents.',
  filters: 'Filters',
  activeFilters: (n) => (n === 1 ? '1 filter on' : `${n} filters on`),
  facets: { topic: 'Topic', audience: 'For whom', sector: 'Type of education', type: 'Kind' },
  clearFilters: 'Clear all filters',
  results: (n) => (n === 1 ? '1 result' : `${n} results`),
  resultsFor: (n, query) => (n === 1 ? `1 result for "${query}"` : `${n} results for "${query}"`),
  showMore: 'Show more',
  shownOf: (shown, total) => `${shown} of ${total} shown`,
  noResults: 'Nothing found. Try another word or clear the filters.',
  emptyCatalog: 'There is nothing in this list yet.',
  emptyScope: (filters) => `The feed has no items that fit the setting ${filters}. Check the attributes of the element.`,
  topicsLabel: 'Topics',
  details: 'More about',
  itemsList: 'Results',
};

export const strings: Messages<typeof nl> = { nl, en };
