/**
 * Full-text search over the catalog's items: BM25 over the same stems and compound parts as the page, with
 * title, summary and body weighed 3, 2 and 1. The page is the query: its most telling words, weighted by where
 * they stand on the page.
 *
 * This is a small purpose-built inverted index rather than MiniSearch: measured on a 5,000-item catalog,
 * MiniSearch took about 1.5 s to index and 11 MB to serialise, far over the extension's budget (150 ms,
 * a stored index the service worker can load quickly). Matching here needs neither prefix nor fuzzy search,
 * only weighted term lookups, which a flat posting list per stem does in a fraction of that.
 */
import type { Item, LocalizedText } from '../catalog/types.ts';
import type { AnalyzedWord, MatchLanguage, TextAnalyzer, Token } from './analyze.ts';
import { matchLanguage } from './analyze.ts';
import type { AnalyzedPage } from './page.ts';
import { FIELD_WEIGHTS } from './page.ts';

const LANGUAGES: readonly MatchLanguage[] = ['nl', 'en'];

/** The indexed texts of an item (or their tokens) per part and language. */
export type ItemParts<T> = Record<'title' | 'summary' | 'body', Partial<Record<MatchLanguage, T>>>;

/** How much a word in an item's title, summary or body counts in the index… */
const PART_WEIGHTS = { title: 3, summary: 2, body: 1 } as const;
/** …and in its topics' profiles (see profiles.ts). */
export const PROFILE_PART_WEIGHTS = { title: 1, summary: 1, body: 0.3 } as const;

/** The stems of one language, numbered in the order they were first seen. */
export class TermDictionary {
  readonly ids = new Map<string, number>();
  readonly terms: string[] = [];

  /** The number of a stem, adding it when new. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }
}

/**
 * The items' analysed texts in one language, as flat arrays: item `i` holds the entries from `offsets[i]` to
 * `offsets[i + 1]`, each a distinct stem number with its weight in the index (title 3, summary 2, body 1 per
 * occurrence) and in the topic profiles (title and summary 1, body 0.3). Flat typed arrays keep 5,000 items
 * free of per-item garbage.
 */
export interface ItemVectors {
  offsets: Int32Array;
  ids: Int32Array;
  index: Float32Array;
  profile: Float32Array;
  /** Per item, the sum of its index weights (its length for BM25); 0 when it has no text in this language. */
  lengths: Float64Array;
}

/** Every item's vectors per language, over one dictionary per language. */
export interface AnalyzedItems {
  count: number;
  dictionary: Record<MatchLanguage, TermDictionary>;
  vectors: Record<MatchLanguage, ItemVectors>;
}

/** A growable typed array. */
class Growing<T extends Int32Array | Float32Array> {
  array: T;
  length = 0;
  constructor(readonly create: (size: number) => T) {
    this.array = create(1024);
  }
  push(value: number): void {
    if (this.length === this.array.length) {
      const grown = this.create(this.array.length * 2);
      grown.set(this.array);
      this.array = grown;
    }
    this.array[this.length++] = value;
  }
  done(): T {
    return this.array.subarray(0, this.length) as T;
  }
}

/**
 * Analyses every item's tokenised texts once into vectors: the index and the topic profiles are built from them.
 * Stems are numbered, and each item's weights are summed in reusable arrays, so that 5,000 items stay cheap.
 */
export function vectorizeItems(items: ReadonlyArray<ItemParts<ReadonlyArray<Token | string>>>, analyzer: TextAnalyzer): AnalyzedItems {
  const dictionary = { nl: new TermDictionary(), en: new TermDictionary() };
  const vectors = {} as Record<MatchLanguage, ItemVectors>;
  let indexWeights = new Float64Array(4096);
  let profileWeights = new Float64Array(4096);
  const touched: number[] = [];
  for (const language of LANGUAGES) {
    // A word's term numbers, so that each word on every item costs one lookup.
    const wordIds = new Map<string, number[]>();
    const offsets = new Int32Array(items.length + 1);
    const lengths = new Float64Array(items.length);
    const ids = new Growing((size) => new Int32Array(size));
    const index = new Growing((size) => new Float32Array(size));
    const profile = new Growing((size) => new Float32Array(size));
    items.forEach((parts, item) => {
      let length = 0;
      for (const part of ['title', 'summary', 'body'] as const) {
        const tokens = parts[part][language];
        if (!tokens) continue;
        const partWeight = PART_WEIGHTS[part];
        const profileWeight = PROFILE_PART_WEIGHTS[part];
        for (const token of tokens) {
          const word = typeof token === 'string' ? token : token.word;
          let termIds = wordIds.get(word);
          if (termIds === undefined) {
            termIds = analyzer.indexTerms([word], language).map((term) => dictionary[language].intern(term));
            wordIds.set(word, termIds);
          }
          for (const id of termIds) {
            if (id >= indexWeights.length) {
              const grownIndex = new Float64Array(indexWeights.length * 2);
              grownIndex.set(indexWeights);
              indexWeights = grownIndex;
              const grownProfile = new Float64Array(profileWeights.length * 2);
              grownProfile.set(profileWeights);
              profileWeights = grownProfile;
            }
            if (indexWeights[id] === 0) touched.push(id);
            indexWeights[id]! += partWeight;
            profileWeights[id]! += profileWeight;
            length += partWeight;
          }
        }
      }
      touched.sort((a, b) => a - b);
      for (const id of touched) {
        ids.push(id);
        index.push(indexWeights[id]!);
        profile.push(profileWeights[id]!);
        indexWeights[id] = 0;
        profileWeights[id] = 0;
      }
      touched.length = 0;
      lengths[item] = length;
      offsets[item + 1] = ids.length;
    });
    vectors[language] = { offsets, ids: ids.done(), index: index.done(), profile: profile.done(), lengths };
  }
  return { count: items.length, dictionary, vectors };
}

/**
 * Characters of summary, steps and body indexed per item and language, shared out over the catalog so that the
 * cost of building the index is bounded: a small catalog is indexed almost whole, 5,000 items by their titles
 * and the start of their summaries.
 */
export const INDEX_TEXT_BUDGET = 150_000;
/** Per item and language, never less than this (a summary's first sentences) nor more than the second value. */
export const INDEX_TEXT_PER_ITEM: readonly [min: number, max: number] = [24, 1_200];
/** Most page words sent as the query. */
export const MAX_QUERY_TERMS = 24;
const BM25_K1 = 1.2;
const BM25_B = 0.75;

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
export function byLanguage(value: LocalizedText | undefined, catalogLanguage: MatchLanguage | undefined): Partial<Record<MatchLanguage, string>> {
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

/** Characters of summary and body text indexed per item and language for a catalog of `itemCount` items. */
export function indexTextPerItem(itemCount: number): number {
  const [min, max] = INDEX_TEXT_PER_ITEM;
  return Math.max(min, Math.min(max, Math.floor(INDEX_TEXT_BUDGET / Math.max(1, itemCount))));
}

/** Each item's indexed texts per language: the whole title, then summary, steps and body within the budget. */
export function itemTexts(items: readonly Item[], catalogLanguage: string): Array<ItemParts<string>> {
  const language = matchLanguage(catalogLanguage);
  const budget = indexTextPerItem(items.length);
  return items.map((item) => {
    const title = byLanguage(item.title, language);
    const summary = byLanguage(item.summary, language);
    const body = byLanguage(item.body, language);
    const steps = Array.isArray(item.steps) ? (item.steps as LocalizedText[]).map((step) => byLanguage(step, language)) : [];
    const texts: ItemParts<string> = { title, summary: {}, body: {} };
    for (const lang of LANGUAGES) {
      const summaryText = (summary[lang] ?? '').slice(0, budget);
      if (summaryText) texts.summary[lang] = summaryText;
      const left = budget - summaryText.length;
      if (left <= 0) continue;
      const bodyText = `${steps.map((step) => step[lang] ?? '').join(' ')} ${body[lang] ?? ''}`.trim().slice(0, left);
      if (bodyText) texts.body[lang] = bodyText;
    }
    return texts;
  });
}

/**
 * The index as JSON: per language, per stem, the items holding it and the stem's BM25 weight in each, as a flat
 * list `[item gap, weight × 100, item gap, weight × 100, …]` (item numbers as gaps from the previous one).
 */
export interface SerializedFullText {
  items: number;
  postings: Record<MatchLanguage, Record<string, number[]>>;
}

export class FullTextIndex {
  /** language → stem → [item, weight × 100, item, weight × 100, …] with absolute item numbers. */
  readonly #postings: Record<MatchLanguage, Map<string, number[]>>;
  readonly itemCount: number;

  private constructor(postings: Record<MatchLanguage, Map<string, number[]>>, itemCount: number) {
    this.#postings = postings;
    this.itemCount = itemCount;
  }

  /** Indexes the analysed items (see {@link vectorizeItems}). */
  static build(items: AnalyzedItems): FullTextIndex {
    const postings = { nl: new Map<string, number[]>(), en: new Map<string, number[]>() };
    for (const language of LANGUAGES) {
      const terms = items.dictionary[language].terms;
      const { offsets, ids, index, lengths } = items.vectors[language];
      const documentFrequency = new Int32Array(terms.length);
      let total = 0;
      let documents = 0;
      for (let item = 0; item < items.count; item++) {
        if (offsets[item + 1] === offsets[item]) continue;
        documents++;
        total += lengths[item]!;
      }
      if (documents === 0) continue;
      for (let at = 0; at < ids.length; at++) documentFrequency[ids[at]!]!++;
      const averageLength = total / documents;
      const idf = Array.from(documentFrequency, (df) => Math.log(1 + (documents - df + 0.5) / (df + 0.5)));
      const lists: number[][] = terms.map(() => []);
      for (let item = 0; item < items.count; item++) {
        const norm = BM25_K1 * (1 - BM25_B + (BM25_B * lengths[item]!) / averageLength);
        for (let at = offsets[item]!; at < offsets[item + 1]!; at++) {
          const id = ids[at]!;
          const frequency = index[at]!;
          const weight = Math.round(((idf[id]! * frequency * (BM25_K1 + 1)) / (frequency + norm)) * 100);
          if (weight > 0) lists[id]!.push(item, weight);
        }
      }
      lists.forEach((list, id) => {
        if (list.length > 0) postings[language].set(terms[id]!, list);
      });
    }
    return new FullTextIndex(postings, items.count);
  }

  /** Restores an index saved with {@link toJSON}; throws on data that is not one. */
  static load(data: SerializedFullText, itemCount: number): FullTextIndex {
    if (!data || typeof data !== 'object' || data.items !== itemCount || typeof data.postings !== 'object') {
      throw new Error('the full-text index does not fit the catalog');
    }
    const postings = { nl: new Map<string, number[]>(), en: new Map<string, number[]>() };
    for (const language of LANGUAGES) {
      for (const [term, packed] of Object.entries(data.postings[language] ?? {})) {
        if (!Array.isArray(packed) || packed.length % 2 !== 0) throw new Error(`damaged postings for "${term}"`);
        const list = new Array<number>(packed.length);
        let item = 0;
        for (let at = 0; at < packed.length; at += 2) {
          item += packed[at]!;
          if (!Number.isInteger(item) || item < 0 || item >= itemCount) throw new Error(`damaged postings for "${term}"`);
          list[at] = item;
          list[at + 1] = packed[at + 1]!;
        }
        postings[language].set(term, list);
      }
    }
    return new FullTextIndex(postings, itemCount);
  }

  toJSON(): SerializedFullText {
    const out: SerializedFullText = { items: this.itemCount, postings: { nl: {}, en: {} } };
    for (const language of LANGUAGES) {
      for (const [term, list] of this.#postings[language]) {
        const packed = new Array<number>(list.length);
        let previous = 0;
        for (let at = 0; at < list.length; at += 2) {
          packed[at] = list[at]! - previous;
          packed[at + 1] = list[at + 1]!;
          previous = list[at]!;
        }
        out.postings[language][term] = packed;
      }
    }
    return out;
  }

  /** Number of items holding the stem in the language (0 when none). */
  documentFrequency(term: string, language: MatchLanguage): number {
    return (this.#postings[language].get(term)?.length ?? 0) / 2;
  }

  /**
   * Scores the allowed items against the page, 0..1 relative to the best one. The query is the page's most
   * telling words: weight by field (title over body), a little by repetition, and by rarity in the catalog.
   */
  scores(page: AnalyzedPage, allowed: Uint8Array): Float64Array {
    const result = new Float64Array(this.itemCount);
    for (const language of page.languages) {
      const fields = page.fields.get(language)!;
      const weights = new Map<string, number>();
      for (const field of ['title', 'course', 'heading', 'body'] as const) {
        const fieldWeight = FIELD_WEIGHTS[field];
        for (const term of indexTerms(fields[field])) {
          const previous = weights.get(term);
          if (previous === undefined) {
            if (this.#postings[language].has(term)) weights.set(term, fieldWeight);
          } else weights.set(term, Math.max(previous, fieldWeight) + 0.3);
        }
      }
      const ranked = [...weights]
        .map(([term, weight]) => [term, weight * Math.log(1 + this.itemCount / this.documentFrequency(term, language))] as const)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_QUERY_TERMS);
      for (const [term, weight] of ranked) {
        const list = this.#postings[language].get(term)!;
        for (let at = 0; at < list.length; at += 2) {
          const item = list[at]!;
          if (allowed[item]) result[item]! += weight * list[at + 1]!;
        }
      }
    }
    let best = 0;
    for (const value of result) if (value > best) best = value;
    if (best > 0) for (let item = 0; item < result.length; item++) result[item] = result[item]! / best;
    return result;
  }
}
