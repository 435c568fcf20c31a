/**
 * Topic term lists compiled for matching: every term of every topic, analysed the way page text is analysed
 * (stems, stop words, compound parts), indexed by its first stem, and matched against analysed page words.
 */
import type { AnalyzedWord, MatchLanguage, TextAnalyzer } from './analyze.ts';
import { tokenize } from './analyze.ts';

/** One way a term can appear on a page. */
export interface CompiledTerm {
  /** Index of the topic in the catalog's topic list. */
  topic: number;
  language: MatchLanguage;
  /** The term as the editor wrote it (for reasons and for `--explain`). */
  text: string;
  /** Stems to match in order. One stem: a word; several: a phrase. */
  stems: string[];
  /**
   * Phrases whose words are nearly all stop words (`fit in`, `eigen regie`, `wat wil je worden`) are matched
   * word for word including the stop words; other phrases match their content words, a few stop words apart.
   */
  withStopWords: boolean;
  /** How much one match says about the topic, 0..1 (see {@link termSpecificity}). */
  weight: number;
  /**
   * A phrase, a compound or a word of {@link SPECIFIC_WORD_LENGTH} letters or more: specific enough to count on
   * its own (shorter single words may mean other things).
   */
  specific: boolean;
}

/**
 * Single words this long are specific enough to count on their own (`groepsvorming`, `vooroordelen`,
 * `discrimination`); shorter ones may mean something else (`diversiteit` in biology, `monitoring` of servers).
 */
export const SPECIFIC_WORD_LENGTH = 12;

/**
 * How much one match of a term says, from its shape alone: phrases and compounds name a topic; single words
 * count by length (of the term as written and of the page's word, whichever is shorter: `verwacht` on a page
 * is not `verwachtingen`). Short words (`stage`, `ouders`, `mentor`) also mean other things and need support
 * from other terms. Acronyms without vowels (`bpv`, `slb`) sit in between.
 */
export function termSpecificity(stemCount: number, isCompound: boolean, wordLength: number, isAcronym = false): number {
  if (stemCount >= 2 || isCompound) return 1;
  if (isAcronym) return 0.8;
  if (wordLength >= 10) return 0.9;
  if (wordLength >= 7) return 0.75;
  return 0.5;
}

/**
 * Compiles the term lists of a catalog's topics. `termLists[i]` are the term lists of topic `i`; language tags
 * other than Dutch and English (`nl-BE` counts as Dutch) are left out.
 */
export function compileTerms(
  termLists: ReadonlyArray<Record<string, readonly string[]> | undefined>,
  analyzer: TextAnalyzer,
): CompiledTerm[] {
  const compiled: CompiledTerm[] = [];
  const seen = new Set<string>();
  termLists.forEach((lists, topic) => {
    for (const [tag, terms] of Object.entries(lists ?? {})) {
      const language = tag.toLowerCase().split(/[-_]/)[0];
      if (language !== 'nl' && language !== 'en' || !Array.isArray(terms)) continue;
      for (const text of terms) {
        if (typeof text !== 'string') continue;
        for (const term of compileTerm(text, language, topic, analyzer)) {
          const key = `${topic}|${language}|${term.withStopWords ? '=' : ''}${term.stems.join(' ')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          compiled.push(term);
        }
      }
    }
  });
  return compiled;
}

function compileTerm(text: string, language: MatchLanguage, topic: number, analyzer: TextAnalyzer): CompiledTerm[] {
  const words = analyzer.analyzeTokens(tokenize(text), language);
  if (words.length === 0) return [];
  const content = words.filter((word) => !word.stop);
  if (content.length === 0 && words.length === 1) return [];
  if (words.length >= 2 && content.length < 2) {
    return [{ topic, language, text, stems: words.map((word) => word.stem), withStopWords: true, weight: 1, specific: true }];
  }
  const stems = content.map((word) => word.stem);
  const only = content.length === 1 ? content[0]! : undefined;
  const specific = stems.length >= 2 || Boolean(only?.parts) || (only?.word.length ?? 0) >= SPECIFIC_WORD_LENGTH;
  const weight = termSpecificity(stems.length, Boolean(only?.parts), only?.word.length ?? 0, isAcronym(only?.word));
  const result: CompiledTerm[] = [{ topic, language, text, stems, withStopWords: false, weight, specific }];
  // A compound term also matches when a page writes it apart or with a hyphen (`stage-discriminatie`).
  if (only?.parts) result.push({ topic, language, text, stems: [...only.parts], withStopWords: false, weight, specific });
  return result;
}

/** Where on the page a match was found; the weights live in the suggester's options. */
export type PageField = 'title' | 'course' | 'heading' | 'body';

/** One match of a term on the page. */
export interface TermMatch {
  term: number;
  field: PageField;
  /** Index of the first matched word in the field's word list. */
  position: number;
  /** Number of words the match covers. */
  length: number;
  /** True when the term matched only part of a compound (`stage` in `stageplaatsen`). */
  partial: boolean;
  /** True when a two-word term matched with its words apart or swapped (`teaching hybrid classes`). */
  loose?: boolean;
  /** The page's own words that matched (for reasons). */
  surface: string;
}

/** Largest number of stop words allowed between the words of a phrase (`gesprek over de diversiteit`). */
const MAX_PHRASE_GAP = 2;
/**
 * A two-word term also matches loosely: its words in either order with at most this many other content words
 * between them, in one sentence (`teaching hybrid classes` for `hybrid teaching`, `ouders goed informeren`).
 */
const LOOSE_PAIR_WINDOW = 2;
/** …and at most this many words apart, stop words included. */
const LOOSE_PAIR_SPAN = 4;

/**
 * Finds the compiled terms in analysed page words. Terms are looked up by their first stem, so the cost is
 * linear in the number of page words (times the few terms that share a first stem).
 */
export class TermMatcher {
  readonly terms: readonly CompiledTerm[];
  readonly #byFirstStem = new Map<string, number[]>();
  /** Two-word terms by their second word, to find them swapped. */
  readonly #pairsBySecondStem = new Map<string, number[]>();

  constructor(terms: readonly CompiledTerm[]) {
    this.terms = terms;
    const add = (map: Map<string, number[]>, key: string, index: number) => {
      const list = map.get(key);
      if (list) list.push(index);
      else map.set(key, [index]);
    };
    terms.forEach((term, index) => {
      add(this.#byFirstStem, `${term.language}:${term.stems[0]}`, index);
      if (isPair(term)) add(this.#pairsBySecondStem, `${term.language}:${term.stems[1]}`, index);
    });
  }

  /** All matches of the terms of `language` in `words`. */
  match(words: readonly AnalyzedWord[], language: MatchLanguage, field: PageField): TermMatch[] {
    const matches: TermMatch[] = [];
    for (let position = 0; position < words.length; position++) {
      const word = words[position]!;
      this.#matchAt(words, position, word.stem, language, field, false, matches);
      if (!word.stop) this.#matchSwappedPairs(words, position, language, field, matches);
      if (word.parts) {
        const parts = word.parts;
        for (let partIndex = 0; partIndex < parts.length; partIndex++) {
          this.#matchParts(words, position, partIndex, language, field, matches);
        }
      }
    }
    return matches;
  }

  /** Terms starting with the whole word at `position`. */
  #matchAt(words: readonly AnalyzedWord[], position: number, first: string, language: MatchLanguage, field: PageField, partial: boolean, out: TermMatch[]): void {
    const candidates = this.#byFirstStem.get(`${language}:${first}`);
    if (!candidates) return;
    const word = words[position]!;
    for (const index of candidates) {
      const term = this.terms[index]!;
      if (term.stems.length === 1) {
        if (!word.stop || term.withStopWords) out.push({ term: index, field, position, length: 1, partial, surface: word.original ?? word.word });
        continue;
      }
      const end = term.withStopWords ? matchExact(words, position, term.stems) : matchPhrase(words, position, term.stems);
      if (end >= 0) {
        out.push({ term: index, field, position, length: end - position + 1, partial, surface: surfaceOf(words, position, end) });
        continue;
      }
      if (!isPair(term)) continue;
      const other = findNear(words, position, term.stems[1]!);
      if (other >= 0) out.push({ term: index, field, position, length: other - position + 1, partial, loose: true, surface: surfaceOf(words, position, other) });
    }
  }

  /** Two-word terms whose second word comes first here (`teaching hybrid` for `hybrid teaching`). */
  #matchSwappedPairs(words: readonly AnalyzedWord[], position: number, language: MatchLanguage, field: PageField, out: TermMatch[]): void {
    const candidates = this.#pairsBySecondStem.get(`${language}:${words[position]!.stem}`);
    if (!candidates) return;
    for (const index of candidates) {
      const term = this.terms[index]!;
      if (term.stems[0] === term.stems[1]) continue;
      const other = findNear(words, position, term.stems[0]!);
      if (other >= 0) out.push({ term: index, field, position, length: other - position + 1, partial: false, loose: true, surface: surfaceOf(words, position, other) });
    }
  }

  /** Terms that match inside a compound: a part on its own, a run of parts, or the last part followed by page words. */
  #matchParts(words: readonly AnalyzedWord[], position: number, partIndex: number, language: MatchLanguage, field: PageField, out: TermMatch[]): void {
    const parts = words[position]!.parts!;
    const candidates = this.#byFirstStem.get(`${language}:${parts[partIndex]}`);
    if (!candidates) return;
    for (const index of candidates) {
      const term = this.terms[index]!;
      if (term.withStopWords) continue;
      const stems = term.stems;
      // The whole run of parts is the term itself (`peermentor` for `peer mentor`): a full match, found here.
      let matched = 0;
      while (matched < stems.length && partIndex + matched < parts.length && parts[partIndex + matched] === stems[matched]) matched++;
      if (matched === stems.length) {
        const whole = partIndex === 0 && matched === parts.length;
        out.push({ term: index, field, position, length: 1, partial: !whole, surface: words[position]!.original ?? words[position]!.word });
        continue;
      }
      // The compound's last parts start a phrase that goes on in the next words (`eerstegeneratie studenten`).
      if (partIndex + matched === parts.length && matched > 0) {
        const rest = stems.slice(matched);
        const end = matchPhrase(words, position, [words[position]!.stem, ...rest], true);
        if (end >= 0) out.push({ term: index, field, position, length: end - position + 1, partial: true, surface: surfaceOf(words, position, end) });
      }
    }
  }
}

/** `bpv`, `slb`, `sbb`: short words without vowels are abbreviations, fairly specific despite their length. */
export function isAcronym(word: string | undefined): boolean {
  return word !== undefined && word.length <= 4 && /^[a-z]+$/i.test(word) && !/[aeiouy]/i.test(word);
}

function isPair(term: CompiledTerm): boolean {
  return term.stems.length === 2 && !term.withStopWords;
}

/** The next word within {@link LOOSE_PAIR_WINDOW} content words in the same sentence whose stem is `stem`, or -1. */
function findNear(words: readonly AnalyzedWord[], position: number, stem: string): number {
  const sentence = words[position]!.sentence;
  let content = 0;
  for (let next = position + 1; next < words.length && next <= position + LOOSE_PAIR_SPAN; next++) {
    const word = words[next]!;
    if (word.sentence !== sentence) return -1;
    if (word.stop) continue;
    if (word.stem === stem) return next;
    if (++content > LOOSE_PAIR_WINDOW) return -1;
  }
  return -1;
}

/** Index of the last word of the phrase starting at `position`, or -1. Stop words in between are skipped. */
function matchPhrase(words: readonly AnalyzedWord[], position: number, stems: readonly string[], firstMatched = false): number {
  const first = words[position]!;
  if (!firstMatched && (first.stop || first.stem !== stems[0])) return -1;
  let current = position;
  for (let index = 1; index < stems.length; index++) {
    let next = current + 1;
    let gap = 0;
    while (next < words.length && words[next]!.stop && gap < MAX_PHRASE_GAP) {
      next++;
      gap++;
    }
    const word = words[next];
    if (!word || word.stop || word.sentence !== first.sentence) return -1;
    const isLast = index === stems.length - 1;
    // The last word of a phrase may be a compound that starts with it (`gelijke kansengelijkheid` is rare,
    // `eerste generatiestudenten` is not).
    if (word.stem !== stems[index] && !(isLast && word.parts?.[0] === stems[index])) return -1;
    current = next;
  }
  return current;
}

/** Index of the last word when `stems` follow word for word from `position` (stop words included), or -1. */
function matchExact(words: readonly AnalyzedWord[], position: number, stems: readonly string[]): number {
  const sentence = words[position]!.sentence;
  for (let index = 0; index < stems.length; index++) {
    const word = words[position + index];
    if (!word || word.sentence !== sentence || word.stem !== stems[index]) return -1;
  }
  return position + stems.length - 1;
}

/** The page's own words from `from` to `to`, as written (lower-cased), hyphens kept. */
function surfaceOf(words: readonly AnalyzedWord[], from: number, to: number): string {
  let text = '';
  for (let index = from; index <= to; index++) {
    const word = words[index]!;
    if (index > from) text += word.hyphenated ? '-' : ' ';
    text += word.original ?? word.word;
  }
  return text;
}
