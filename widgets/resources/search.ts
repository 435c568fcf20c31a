/**
 * Search over a catalog for `<kw-resources>`, with the relevance engine's own text analysis (shared/match):
 * folded words, Snowball stems in Dutch and English, and Dutch compounds split with the catalog's own
 * vocabulary, so "stage" finds "stagediscriminatie" and "stageplaatsen". Loaded as a chunk when the
 * reader first goes to the search field.
 */
import { CompoundSplitter, TextAnalyzer, foldText, matchLanguage, tokenize } from '../../shared/match/analyze.ts';
import type { MatchLanguage } from '../../shared/match/analyze.ts';
import type { Catalog, Item, LocalizedText } from '../../shared/catalog/types.ts';

/** How much a word counts by where it appears. */
const WEIGHTS = { title: 5, summary: 3, topic: 3, steps: 1.5, body: 1 } as const;
/** The last query word also matches as the start of a word, once it has this many letters. */
const MIN_PREFIX = 3;
const LANGUAGES: MatchLanguage[] = ['nl', 'en'];

/** Scores per item id for a query; `undefined` for an empty query (show everything). */
export type SearchFunction = (query: string) => Map<string, number> | undefined;

function textsWithLanguage(value: LocalizedText | undefined, fallback: string): Array<[string, MatchLanguage[]]> {
  if (!value) return [];
  const languagesOf = (tag: string) => {
    const language = matchLanguage(tag);
    return language ? [language] : LANGUAGES;
  };
  if (typeof value === 'string') return [[value, languagesOf(fallback)]];
  return Object.entries(value).map(([tag, text]) => [text, languagesOf(tag)]);
}

/** The folded words of the catalog's titles, summaries and topic terms: what compounds are split into. */
function vocabulary(catalog: Catalog): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const token of tokenize(text)) words.add(token.word);
  };
  for (const topic of catalog.topics) for (const terms of Object.values(topic.terms ?? {})) for (const term of terms) add(term);
  for (const item of catalog.items) {
    for (const [text] of textsWithLanguage(item.title, catalog.language)) add(text);
    for (const [text] of textsWithLanguage(item.summary, catalog.language)) add(text);
  }
  return words;
}

/** Builds the search for one catalog. Index building is linear in the catalog's text. */
export function createSearch(catalog: Catalog): SearchFunction {
  const analyzer = new TextAnalyzer(new CompoundSplitter(vocabulary(catalog)));
  const index = new Map<string, Map<string, number>>();
  const allTerms = new Set<string>();

  const addText = (terms: Map<string, number>, text: string, languages: MatchLanguage[], weight: number) => {
    for (const language of languages) {
      for (const word of analyzer.analyze(text, language)) {
        if (word.stop) continue;
        for (const term of [word.word, word.stem, ...(word.parts ?? [])]) {
          if ((terms.get(term) ?? 0) < weight) terms.set(term, weight);
          allTerms.add(term);
        }
      }
    }
  };

  const topicTexts = new Map(catalog.topics.map((t) => [t.id, t.label]));
  for (const item of catalog.items as Item[]) {
    const terms = new Map<string, number>();
    const add = (value: LocalizedText | undefined, weight: number) => {
      for (const [text, languages] of textsWithLanguage(value, catalog.language)) addText(terms, text, languages, weight);
    };
    add(item.title, WEIGHTS.title);
    add(item.summary, WEIGHTS.summary);
    for (const topic of item.topics) add(topicTexts.get(topic), WEIGHTS.topic);
    if (item.type === 'practice') {
      for (const step of item.steps ?? []) add(step, WEIGHTS.steps);
      add(item.evidence, WEIGHTS.body);
    }
    add(item.body, WEIGHTS.body);
    if (item.source?.name) add(item.source.name, WEIGHTS.body);
    index.set(item.id, terms);
  }
  const sortedTerms = [...allTerms].sort();

  /** Index terms that start with `prefix` (binary search into the sorted list). */
  const withPrefix = (prefix: string): string[] => {
    let low = 0;
    let high = sortedTerms.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sortedTerms[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    const found: string[] = [];
    for (let i = low; i < sortedTerms.length && sortedTerms[i]!.startsWith(prefix) && found.length < 200; i++) found.push(sortedTerms[i]!);
    return found;
  };

  return (query: string) => {
    const queryWords = tokenize(query).map((t) => t.word);
    if (queryWords.length === 0) return undefined;
    // Each query word becomes the set of index terms that stand for it.
    const alternatives = queryWords.map((word, position) => {
      const terms = new Set<string>([word]);
      for (const language of LANGUAGES) {
        for (const analyzed of analyzer.analyzeTokens([{ word, original: word, sentence: 0 }], language)) {
          terms.add(analyzed.stem);
          // A compound in the query matches items that have all of its parts only through the whole word;
          // its parts are not alternatives, or "stagediscriminatie" would find every text about "stage".
        }
      }
      const isLast = position === queryWords.length - 1;
      if (isLast && word.length >= MIN_PREFIX) for (const term of withPrefix(foldText(word))) terms.add(term);
      return terms;
    });
    // Function words are skipped ("stage en school"), unless the query is nothing else ("the").
    const isStop = queryWords.map((word) => LANGUAGES.every((language) => analyzer.analyzeTokens([{ word, original: word, sentence: 0 }], language)[0]?.stop));
    const skip = isStop.every(Boolean) ? isStop.map(() => false) : isStop;
    const scores = new Map<string, number>();
    for (const [id, terms] of index) {
      let score = 0;
      let matchedAll = true;
      for (let i = 0; i < alternatives.length; i++) {
        if (skip[i]) continue;
        let best = 0;
        for (const term of alternatives[i]!) best = Math.max(best, terms.get(term) ?? 0);
        if (best === 0) {
          matchedAll = false;
          break;
        }
        score += best;
      }
      if (matchedAll && score > 0) scores.set(id, score);
    }
    return scores;
  };
}
