/**
 * Full-text search over the catalog's items with MiniSearch (BM25), on the same stems and compound parts as
 * the page. The page is the query: its most telling words, weighted by where they stand on the page.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { Item, LocalizedText } from '../catalog/types.ts';
import type { AnalyzedWord, MatchLanguage, TextAnalyzer } from './analyze.ts';
import { matchLanguage } from './analyze.ts';
import type { AnalyzedPage } from './page.ts';
import { FIELD_WEIGHTS } from './page.ts';
import type { ItemTerms } from './profiles.ts';

const LANGUAGES: readonly MatchLanguage[] = ['nl', 'en'];
const PARTS = ['title', 'summary', 'body'] as const;
const FIELDS = LANGUAGES.flatMap((language) => PARTS.map((part) => `${part}_${language}`));
/** How much a query word found in an item's title or summary counts against one found in its body. */
const FIELD_BOOST: Record<string, number> = Object.fromEntries(
  LANGUAGES.flatMap((language) => [[`title_${language}`, 3], [`summary_${language}`, 2], [`body_${language}`, 1]]),
);
/** Characters of an item's body and steps indexed per language: enough for its vocabulary, bounded for 5,000 items. */
export const MAX_INDEXED_BODY = 1_200;
/** Most page words sent as the query. */
export const MAX_QUERY_TERMS = 24;

interface IndexedItem {
  id: number;
  [field: string]: string | number;
}

/** The words of an analysed text that go into the index: stems, plus the parts of compounds. */
export function indexTerms(words: readonly AnalyzedWord[]): string[] {
  const terms: string[] = [];
  for (const word of words) {
    if (word.stop || word.stem.length < 2) continue;
    terms.push(word.stem);
    if (word.parts) for (const part of word.parts) if (part !== word.stem) terms.push(part);
  }
  return terms;
}

/** Each text of a localised value filed under Dutch or English; a plain string is in the catalog's language. */
function byLanguage(value: LocalizedText | undefined, catalogLanguage: MatchLanguage | undefined): Partial<Record<MatchLanguage, string>> {
  const out: Partial<Record<MatchLanguage, string>> = {};
  if (value == null) return out;
  if (typeof value === 'string') {
    for (const language of catalogLanguage ? [catalogLanguage] : LANGUAGES) out[language] = value;
    return out;
  }
  for (const [tag, text] of Object.entries(value)) {
    const language = matchLanguage(tag);
    if (language && typeof text === 'string') out[language] = out[language] ? `${out[language]} ${text}` : text;
  }
  return out;
}

/**
 * Analyses every item's title, summary, and steps plus the start of its body, per language, once: the terms feed
 * the full-text index and the topic profiles.
 */
export function analyzeItems(items: readonly Item[], catalogLanguage: string, analyzer: TextAnalyzer): ItemTerms[] {
  const language = matchLanguage(catalogLanguage);
  return items.map((item) => {
    const title = byLanguage(item.title, language);
    const summary = byLanguage(item.summary, language);
    const body = byLanguage(item.body, language);
    const steps = Array.isArray(item.steps) ? (item.steps as LocalizedText[]).map((step) => byLanguage(step, language)) : [];
    const terms: ItemTerms = { title: {}, summary: {}, body: {} };
    for (const lang of LANGUAGES) {
      if (title[lang]) terms.title[lang] = indexTerms(analyzer.analyze(title[lang], lang));
      if (summary[lang]) terms.summary[lang] = indexTerms(analyzer.analyze(summary[lang], lang));
      const text = `${steps.map((step) => step[lang] ?? '').join(' ')} ${body[lang] ?? ''}`.trim().slice(0, MAX_INDEXED_BODY);
      if (text) terms.body[lang] = indexTerms(analyzer.analyze(text, lang));
    }
    return terms;
  });
}

function itemDocument(terms: ItemTerms, index: number): IndexedItem {
  const document: IndexedItem = { id: index };
  for (const language of LANGUAGES) {
    for (const part of PARTS) document[`${part}_${language}`] = terms[part][language]?.join(' ') ?? '';
  }
  return document;
}

/** Documents hold analysed terms separated by spaces: MiniSearch only splits them. */
const MINISEARCH_OPTIONS = {
  idField: 'id',
  fields: FIELDS,
  storeFields: [] as string[],
  tokenize: (text: string) => (text ? text.split(' ') : []),
  processTerm: (term: string) => term,
};

/** The items' full-text index and how many items hold each term (for choosing the page's telling words). */
export class FullTextIndex {
  readonly #search: MiniSearch<IndexedItem>;
  readonly documentFrequency: ReadonlyMap<string, number>;
  readonly itemCount: number;

  private constructor(search: MiniSearch<IndexedItem>, documentFrequency: ReadonlyMap<string, number>, itemCount: number) {
    this.#search = search;
    this.documentFrequency = documentFrequency;
    this.itemCount = itemCount;
  }

  /** Indexes the analysed items (see {@link analyzeItems}). */
  static build(items: readonly ItemTerms[]): FullTextIndex {
    const search = new MiniSearch<IndexedItem>(MINISEARCH_OPTIONS);
    const frequency = new Map<string, number>();
    const documents = items.map((terms, index) => {
      const seen = new Set<string>();
      for (const part of PARTS) for (const language of LANGUAGES) for (const term of terms[part][language] ?? []) seen.add(term);
      for (const term of seen) frequency.set(term, (frequency.get(term) ?? 0) + 1);
      return itemDocument(terms, index);
    });
    search.addAll(documents);
    return new FullTextIndex(search, frequency, items.length);
  }

  /** Restores an index saved with {@link toJSON}; throws when the data is not a MiniSearch index. */
  static load(data: unknown, documentFrequency: Record<string, number>, itemCount: number): FullTextIndex {
    const search = MiniSearch.loadJS<IndexedItem>(data as AsPlainObject, MINISEARCH_OPTIONS);
    const frequency = new Map<string, number>();
    for (const [term, count] of Object.entries(documentFrequency)) if (typeof count === 'number') frequency.set(term, count);
    return new FullTextIndex(search, frequency, itemCount);
  }

  toJSON(): AsPlainObject {
    return this.#search.toJSON();
  }

  /**
   * Scores the items against the page, 0..1 relative to the best item. The query is the page's most telling
   * words: weight by field (title over body), a little by repetition, and by rarity in the catalog.
   */
  scores(page: AnalyzedPage, allowed?: ReadonlySet<number>): Map<number, number> {
    const weights = new Map<string, number>();
    for (const language of page.languages) {
      const fields = page.fields.get(language)!;
      for (const field of ['title', 'course', 'heading', 'body'] as const) {
        const fieldWeight = FIELD_WEIGHTS[field];
        for (const term of indexTerms(fields[field])) {
          if (!this.documentFrequency.has(term)) continue;
          const previous = weights.get(term) ?? 0;
          weights.set(term, previous === 0 ? fieldWeight : Math.max(previous, fieldWeight) + 0.3);
        }
      }
    }
    const ranked = [...weights]
      .map(([term, weight]) => [term, weight * Math.log(1 + this.itemCount / (this.documentFrequency.get(term) ?? 1))] as const)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_QUERY_TERMS);
    const result = new Map<number, number>();
    if (ranked.length === 0) return result;
    const boost = new Map(ranked);
    const top = ranked[0]![1];
    const hits = this.#search.search(ranked.map(([term]) => term).join(' '), {
      fields: page.languages.flatMap((language) => PARTS.map((part) => `${part}_${language}`)),
      boost: FIELD_BOOST,
      tokenize: (query: string) => query.split(' '),
      processTerm: (term: string) => term,
      boostTerm: (term: string) => (boost.get(term) ?? 0) / top,
      filter: allowed ? (hit) => allowed.has(hit.id as number) : undefined,
    });
    const best = hits[0]?.score ?? 0;
    if (best <= 0) return result;
    for (const hit of hits) result.set(hit.id as number, hit.score / best);
    return result;
  }
}
