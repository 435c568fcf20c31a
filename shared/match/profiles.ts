/**
 * Topic profiles: the language of each topic, learned from the catalog itself (its label, description and terms,
 * and the titles, summaries and texts of the items on it), as TF-IDF vectors over stems. The cosine between a page
 * and a profile says whether the page's wider vocabulary fits the topic, beyond the editor's term list: a page
 * about girls building robots at a science club fits `techniek-stem` even if it never says "STEM".
 */
import type { Catalog, LocalizedText } from '../catalog/types.ts';
import type { MatchLanguage, TextAnalyzer } from './analyze.ts';
import { matchLanguage } from './analyze.ts';
import type { AnalyzedPage } from './page.ts';
import { FIELD_WEIGHTS } from './page.ts';
import { indexTerms, type AnalyzedItems } from './fulltext.ts';

const LANGUAGES: readonly MatchLanguage[] = ['nl', 'en'];
/** Most stems kept per topic and language: the tail adds little to a cosine and a lot to the stored index. */
export const MAX_PROFILE_TERMS = 400;

/** Serialised profiles: per language, stem → [topic index, weight, topic index, weight, …]. */
export type SerializedProfiles = Record<MatchLanguage, Record<string, number[]>>;

/** An item's first topic is what it is mainly about; its other topics learn half as much from it. */
const SECONDARY_TOPIC_WEIGHT = 0.5;

export class TopicProfiles {
  /** language → stem → flat list of (topic, weight) pairs. */
  readonly #index: Record<MatchLanguage, Map<string, number[]>>;

  private constructor(index: Record<MatchLanguage, Map<string, number[]>>) {
    this.#index = index;
  }

  /**
   * Learns the profiles from the catalog's taxonomy (labels, descriptions, terms) and the analysed item texts
   * (`vectorizeItems` in fulltext.ts; an item's title and summary weigh 1, its body 0.3).
   */
  static build(catalog: Catalog, items: AnalyzedItems, analyzer: TextAnalyzer): TopicProfiles {
    const topicCount = catalog.topics.length;
    // The taxonomy's own words first, so that every stem has its number before the counts are laid out.
    const taxonomy: Array<{ topic: number; language: MatchLanguage; ids: number[]; weight: number }> = [];
    const addText = (topic: number, value: LocalizedText | undefined, weight: number) => {
      if (value == null) return;
      const entries: Array<[string, unknown]> = typeof value === 'string' ? [[catalog.language, value]] : Object.entries(value);
      for (const [tag, text] of entries) {
        if (typeof text !== 'string') continue;
        const language = matchLanguage(tag);
        for (const lang of language ? [language] : LANGUAGES) {
          const ids = indexTerms(analyzer.analyze(text, lang)).map((term) => items.dictionary[lang].intern(term));
          taxonomy.push({ topic, language: lang, ids, weight });
        }
      }
    };
    catalog.topics.forEach((topic, index) => {
      addText(index, topic.label, 2);
      addText(index, topic.description, 2);
      for (const [tag, list] of Object.entries(topic.terms ?? {})) {
        if (Array.isArray(list)) for (const term of list) if (typeof term === 'string') addText(index, { [tag]: term }, 1);
      }
    });
    const topicIndex = new Map(catalog.topics.map((topic, index) => [topic.id, index]));

    const index = { nl: new Map<string, number[]>(), en: new Map<string, number[]>() };
    for (const language of LANGUAGES) {
      const terms = items.dictionary[language].terms;
      const size = terms.length;
      // counts[topic * size + stem]: how much the topic's texts use the stem.
      const counts = new Float64Array(topicCount * size);
      for (const entry of taxonomy) {
        if (entry.language === language) for (const id of entry.ids) counts[entry.topic * size + id]! += entry.weight;
      }
      const { offsets, ids, profile } = items.vectors[language];
      catalog.items.forEach((item, itemIndex) => {
        const from = offsets[itemIndex]!;
        const to = offsets[itemIndex + 1]!;
        if (from === to) return;
        (item.topics ?? []).forEach((id, position) => {
          const topic = topicIndex.get(id);
          if (topic === undefined) return;
          const share = position === 0 ? 1 : SECONDARY_TOPIC_WEIGHT;
          const base = topic * size;
          for (let at = from; at < to; at++) counts[base + ids[at]!]! += share * profile[at]!;
        });
      });
      const topicsUsing = new Int32Array(size);
      for (let topic = 0; topic < topicCount; topic++) {
        for (let id = 0; id < size; id++) if (counts[topic * size + id]! > 0) topicsUsing[id]!++;
      }
      for (let topic = 0; topic < topicCount; topic++) {
        const weighted: Array<[number, number]> = [];
        let norm = 0;
        for (let id = 0; id < size; id++) {
          const count = counts[topic * size + id]!;
          if (count <= 0) continue;
          // A stem every topic uses (student, school) says nothing about any of them.
          const weight = (1 + Math.log(count)) * Math.log(topicCount / topicsUsing[id]!);
          if (weight <= 0) continue;
          weighted.push([id, weight]);
          norm += weight * weight;
        }
        norm = Math.sqrt(norm);
        if (norm === 0) continue;
        weighted.sort((a, b) => b[1] - a[1] || (terms[a[0]]! < terms[b[0]]! ? -1 : 1));
        for (const [id, weight] of weighted.slice(0, MAX_PROFILE_TERMS)) {
          const term = terms[id]!;
          const entry = index[language].get(term);
          const value = Math.round((weight / norm) * 10_000) / 10_000;
          if (entry) entry.push(topic, value);
          else index[language].set(term, [topic, value]);
        }
      }
    }
    return new TopicProfiles(index);
  }

  /** Restores profiles saved with {@link toJSON}. */
  static load(data: SerializedProfiles): TopicProfiles {
    const index = { nl: new Map<string, number[]>(), en: new Map<string, number[]>() };
    for (const language of LANGUAGES) {
      for (const [term, pairs] of Object.entries(data?.[language] ?? {})) if (Array.isArray(pairs)) index[language].set(term, pairs);
    }
    return new TopicProfiles(index);
  }

  toJSON(): SerializedProfiles {
    return { nl: Object.fromEntries(this.#index.nl), en: Object.fromEntries(this.#index.en) };
  }

  /**
   * Cosine similarity (0..1) between the page and each topic's profile, in the page's language (the best of
   * both when the language is unclear). Title and course words weigh more, as everywhere. `context` is the
   * same without the topic's own term stems: how well the rest of the page speaks the topic's language.
   */
  similarity(page: AnalyzedPage, topicCount: number, termStems?: ReadonlyArray<ReadonlySet<string>>): { full: number[]; context: number[] } {
    const full = new Array<number>(topicCount).fill(0);
    const context = new Array<number>(topicCount).fill(0);
    for (const language of page.languages) {
      const fields = page.fields.get(language)!;
      const vector = new Map<string, number>();
      for (const field of ['title', 'course', 'heading', 'body'] as const) {
        for (const term of indexTerms(fields[field])) vector.set(term, (vector.get(term) ?? 0) + FIELD_WEIGHTS[field]);
      }
      let norm = 0;
      const sums = new Array<number>(topicCount).fill(0);
      const contextSums = new Array<number>(topicCount).fill(0);
      const index = this.#index[language];
      for (const [term, raw] of vector) {
        const weight = 1 + Math.log(raw);
        norm += weight * weight;
        const pairs = index.get(term);
        if (!pairs) continue;
        for (let at = 0; at < pairs.length; at += 2) {
          const topic = pairs[at]!;
          const product = weight * pairs[at + 1]!;
          sums[topic]! += product;
          if (!termStems?.[topic]?.has(term)) contextSums[topic]! += product;
        }
      }
      if (norm === 0) continue;
      norm = Math.sqrt(norm);
      for (let topic = 0; topic < topicCount; topic++) {
        full[topic] = Math.max(full[topic]!, sums[topic]! / norm);
        context[topic] = Math.max(context[topic]!, contextSums[topic]! / norm);
      }
    }
    return { full, context };
  }
}
