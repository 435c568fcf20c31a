/**
 * Text analysis for matching pages against the catalog, in Dutch and English: tokens (Unicode letters and
 * digits, lower-cased, diacritics folded), stop words, Snowball stems and Dutch compound parts.
 *
 * The stemmer is the Snowball one from `@orama/stemmers`. Its Dutch algorithm is the original Porter-style
 * one, which leaves a few plural forms apart from their singular (`stage`/`stages`, `kans`/`kansen`,
 * `leerbedrijf`/`leerbedrijven`, `rolmodel`/`rolmodellen`); {@link stem} closes those gaps with a few rules
 * around it (see `dutchStem`), measured in `analyze.test.ts`.
 */
import { stemmer as snowballDutch } from '@orama/stemmers/dutch';
import { stemmer as snowballEnglish } from '@orama/stemmers/english';

/** The languages the analyser knows. Text in any other language is analysed as Dutch and English both. */
export type MatchLanguage = 'nl' | 'en';

/** `nl-BE` → `nl`, `en-GB` → `en`; undefined for anything else. */
export function matchLanguage(tag: string | undefined | null): MatchLanguage | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return base === 'nl' || base === 'en' ? base : undefined;
}

/** Lower-cases and removes diacritics (`oriëntatie` → `orientatie`, `coördinator` → `coordinator`). */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[’‘`´]/g, "'");
}

// prettier-ignore
const DUTCH_STOP_WORDS = [
  'aan', 'al', 'alle', 'alleen', 'als', 'altijd', 'ander', 'andere', 'anders', 'bij', 'binnen', 'daar', 'daarna', 'daarom',
  'dan', 'dat', 'de', 'deze', 'die', 'dit', 'doe', 'doen', 'door', 'dus', 'een', 'eens', 'eigen', 'elk', 'elke', 'en', 'er', 'ge', 'geen',
  'had', 'heb', 'hebben', 'heeft', 'hem', 'het', 'hier', 'hij', 'hoe', 'hun', 'ieder', 'iedere', 'iets', 'ik', 'in', 'is',
  'ja', 'je', 'jij', 'jou', 'jouw', 'jullie', 'kan', 'kon', 'kunnen', 'kunt', 'maar', 'me', 'meer', 'men', 'met', 'mij', 'mijn',
  'moet', 'moeten', 'na', 'naar', 'niet', 'niets', 'nog', 'nu', 'of', 'om', 'omdat', 'onder', 'ons', 'onze', 'ook', 'op',
  'over', 'per', 'te', 'tegen', 'toe', 'tot', 'u', 'uit', 'uw', 'van', 'veel', 'voor', 'vooral', 'waar', 'wat', 'we', 'wel',
  'welke', 'werd', 'wie', 'wij', 'wil', 'wilt', 'worden', 'wordt', 'zal', 'ze', 'zelf', 'zich', 'zij', 'zijn', 'zo', 'zoals',
  'zonder', 'zou', 'zullen', 'was', 'waren', 'word', 'hen', 'haar', 'mag', 'mogen', 'krijgt', 'krijg', 'gaat', 'ga', 'gaan',
  'hoe', 'dezelfde', 'hetzelfde', 'via', 'tussen', 'tijdens', 'sinds', 'vanaf', 'waarom', 'wanneer', 'welk', 'wiens',
  'heel', 'erg', 'zeer', 'steeds', 'nooit', 'soms', 'vaak', 'even', 'maken', 'maakt', 'kunnen', 'zie', 'zien',
];

// prettier-ignore
const ENGLISH_STOP_WORDS = [
  'a', 'about', 'after', 'all', 'also', 'am', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'because', 'been', 'before',
  'being', 'between', 'both', 'but', 'by', 'can', 'could', 'did', 'do', 'does', 'doing', 'during', 'each', 'for', 'from',
  'further', 'had', 'has', 'have', 'having', 'he', 'her', 'here', 'hers', 'him', 'his', 'how', 'i', 'if', 'in', 'into',
  'is', 'it', 'its', 'itself', 'just', 'me', 'more', 'most', 'my', 'no', 'nor', 'not', 'now', 'of', 'off', 'on', 'once',
  'only', 'or', 'other', 'our', 'ours', 'out', 'over', 'own', 'same', 'she', 'should', 'so', 'some', 'such', 'than',
  'that', 'the', 'their', 'theirs', 'them', 'then', 'there', 'these', 'they', 'this', 'those', 'through', 'to', 'too',
  'under', 'until', 'up', 'very', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'while', 'who', 'whom', 'why',
  'will', 'with', 'would', 'you', 'your', 'yours', 'yourself', 'us', 'may', 'might', 'must', 'shall', 'get', 'gets',
  'got', 'make', 'makes', 'made', 'many', 'much', 'every', 'via', 'per', 'within', 'without', 'again', 'always', 'never',
  'often', 'also', 'let', 'lets', "let's", 'one', 'ones', 'yet', 'still', 'even', 'well', 'however', 'whether', 'though',
];

const STOP_WORDS: Record<MatchLanguage, ReadonlySet<string>> = {
  nl: new Set(DUTCH_STOP_WORDS),
  en: new Set(ENGLISH_STOP_WORDS),
};

/** True for the function words of `language` that say nothing about a topic. Expects a folded word. */
export function isStopWord(word: string, language: MatchLanguage): boolean {
  return STOP_WORDS[language].has(word);
}

const DUTCH_STOP_SAMPLE = new Set(['de', 'het', 'een', 'en', 'van', 'je', 'dat', 'die', 'niet', 'op', 'te', 'met', 'voor', 'zijn', 'wordt', 'ook', 'bij', 'naar', 'wat', 'deze', 'hoe', 'wij', 'we', 'jouw', 'jullie', 'uit', 'heeft', 'hebben']);
const ENGLISH_STOP_SAMPLE = new Set(['the', 'and', 'of', 'to', 'a', 'that', 'for', 'it', 'on', 'with', 'are', 'this', 'you', 'your', 'our', 'they', 'from', 'have', 'will', 'can', 'which', 'their', 'what', 'about', 'how', 'who', 'when', 'should', 'there', 'these', 'is', 'be']);

/**
 * `nl` or `en` when the words lean clearly to one language (at least 8 function words and three times as many
 * of one kind), else undefined. A Moodle in English with Dutch course text says `lang="en"`: the text decides.
 */
export function guessLanguageOfWords(words: readonly string[]): MatchLanguage | undefined {
  let dutch = 0;
  let english = 0;
  const limit = Math.min(words.length, 1500);
  for (let index = 0; index < limit; index++) {
    const word = words[index]!;
    if (DUTCH_STOP_SAMPLE.has(word)) dutch++;
    else if (ENGLISH_STOP_SAMPLE.has(word)) english++;
  }
  if (dutch + english < 8) return undefined;
  if (dutch >= english * 3) return 'nl';
  if (english >= dutch * 3) return 'en';
  return undefined;
}

/** A word in running text: its folded form and the sentence it belongs to (phrases never cross sentences). */
export interface Token {
  word: string;
  sentence: number;
  /** The word as written, lower-cased, with its diacritics (`coördinator`): for showing it back. */
  original: string;
  /** Written against the previous word with a hyphen (`bpv-plaats`). */
  hyphenated?: boolean;
}

// A number keeps its decimal point (`mbo 1.5`); a word keeps inner apostrophes (`slb'er`, `buddy's`). Hyphens
// split words (`bpv-plaats` is `bpv` + `plaats`), which is how the term lists write such compounds too.
const TOKEN = /\p{N}+(?:[.,]\p{N}+)*[\p{L}\p{M}]*|[\p{L}\p{M}\p{N}]+(?:['’‘][\p{L}\p{M}]+)*|[.!?;:|•·()[\]{}"«»“”„–—]/gu;
const SENTENCE_BREAKS = new Set('.!?;:|•·()[]{}"«»“”„–—');
// The same expression for text in the Latin script only (with diacritics and combining marks): about three
// times faster than Unicode property classes, and it gives the same tokens. Text with any other script falls
// back to TOKEN.
// eslint-disable-next-line no-misleading-character-class -- combining marks are matched on purpose (decomposed input)
const LATIN_TOKEN = /[0-9]+(?:[.,][0-9]+)*[a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f]*|[a-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f]+(?:['’‘][a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f]+)*|[.!?;:|•·()[\]{}"«»“”„–—]/g;
/** Anything outside Latin letters and marks, general punctuation and the euro sign (emoji included). */
const BEYOND_LATIN = /[\u0250-\u02ff\u0370-\u1fff\u2070-\u20ab\u20ad-\uffff]/;
const NON_ASCII = /[\u0080-\uffff]/;

/** Most tokens read from one text: the page text is capped by the extractor, this caps everything else. */
export const MAX_TOKENS = 6_000;

/** Splits text into folded word tokens with sentence numbers. Bounded: at most {@link MAX_TOKENS} words. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const lower = typeof text === 'string' ? text.toLowerCase() : '';
  let sentence = 0;
  let lastWasBreak = true;
  let previousEnd = -2;
  for (const match of lower.matchAll(BEYOND_LATIN.test(lower) ? TOKEN : LATIN_TOKEN)) {
    const value = match[0];
    if (value.length === 1 && SENTENCE_BREAKS.has(value)) {
      if (!lastWasBreak) sentence++;
      lastWasBreak = true;
      continue;
    }
    // Most words are plain ASCII: folding (Unicode normalisation) only where it can change something.
    const plain = !NON_ASCII.test(value);
    const word = plain ? value : foldText(value);
    if (!word) continue;
    const token: Token = { word, sentence, original: plain ? value : value.normalize('NFC') };
    if (match.index === previousEnd + 1 && lower[previousEnd] === '-') token.hyphenated = true;
    previousEnd = match.index + value.length;
    tokens.push(token);
    lastWasBreak = false;
    if (tokens.length >= MAX_TOKENS) break;
  }
  return tokens;
}

const VOWEL = /[aeiouy]/;

/**
 * Dutch stem: Snowball, with the gaps of the original Dutch algorithm closed so that singular and plural meet:
 * `'s` plurals and `-es` plurals of words in `-e` lose their `s` first (`buddy's`, `stages`, `meisjes`,
 * `sollicitaties`); the stemmer runs twice (it strips either `-s` or `-en`, so `kans` and `kansen` only meet on
 * the second pass); and a final `v`/`z` becomes `f`/`s` and a double consonant is undoubled
 * (`leerbedrijven`, `motieven`, `rolmodellen`, `gezinnen`).
 */
function dutchStem(word: string): string {
  let base = word;
  if (/'s$/.test(base)) base = base.slice(0, -2);
  base = base.replace(/'/g, '');
  if (base.length >= 6 && /[^aeiouy]es$/.test(base) && !/(ss|ces)$/.test(base)) base = base.slice(0, -1);
  else if (base.length >= 6 && /ies$/.test(base)) base = base.slice(0, -1);
  if (base.length <= 3 || /\d/.test(base)) return base;
  let stemmed = snowballDutch(snowballDutch(base));
  if (stemmed.length > 3) {
    stemmed = stemmed.replace(/v$/, 'f').replace(/z$/, 's');
    const last = stemmed.at(-1)!;
    if (!VOWEL.test(last) && stemmed.at(-2) === last) stemmed = stemmed.slice(0, -1);
  }
  return stemmed;
}

function englishStem(word: string): string {
  let base = word.replace(/'s$/, '').replace(/'/g, '');
  if (base.length <= 2 || /\d/.test(base)) return base;
  base = snowballEnglish(base);
  return base;
}

/** The Snowball stem of a folded word (Dutch with the fixes described in this module's comment). */
export function stem(word: string, language: MatchLanguage): string {
  return language === 'nl' ? dutchStem(word) : englishStem(word);
}

/** Suffixes that are never a word of their own in a compound (`gelijk|heid` is not a compound). */
const DERIVATIONAL = new Set(['heid', 'heden', 'schap', 'lijk', 'lijke', 'baar', 'bare', 'isch', 'ische', 'ing', 'ingen', 'tie', 'ties', 'teit', 'iteit', 'ster', 'eren', 'ende', 'erig', 'achtig', 'loos', 'zaam']);
/** Linking sounds between the parts of a Dutch compound: `beroep-s-praktijk`, `student-en-raad`, `kwaliteit-en-spel`. */
const LINKS = ['', 's', 'e', 'en'];
/** Longest word the splitter looks at; longer strings are not words. */
const MAX_COMPOUND_LENGTH = 40;
const MIN_PART = 4;

export interface CompoundSplitterOptions {
  /** Cost of one part that is not in the vocabulary (at most one is allowed), plus 0.25 per letter; a known part costs 1. Default 1. */
  unknownPartCost?: number;
}

/**
 * Splits Dutch compounds into parts from a known vocabulary: `stageplaatsen` → `stage` + `plaatsen`,
 * `loopbaanbegeleiding` → `loopbaan` + `begeleiding`, `beroepspraktijkvorming` → `beroep` + `praktijk` +
 * `vorming`. Dynamic programming over the word picks the split with the fewest parts; a part is a vocabulary
 * word of at least four letters (three for acronyms without
 * vowels, such as `bpv`), joined by `-s-`, `-e-` or `-en-`. One unknown part of five letters or more is
 * allowed (`stage` + `plaatsen` when `plaats` is not in the vocabulary), never a derivational suffix such as
 * `-heid`.
 * Cost is bounded: words of more than 40 letters are not split, and results are cached.
 */
export class CompoundSplitter {
  readonly #words: ReadonlySet<string>;
  #stems: ReadonlySet<string> | undefined;
  readonly #unknownCost: number;
  readonly #cache = new Map<string, readonly string[] | null>();

  /**
   * @param words folded vocabulary words (from topic terms and item titles and summaries)
   * @param options costs
   */
  constructor(words: Iterable<string>, options: CompoundSplitterOptions = {}) {
    const known = new Set<string>();
    for (const word of words) if (isPartCandidate(word)) known.add(word);
    this.#words = known;
    this.#unknownCost = options.unknownPartCost ?? 1;
  }

  /** The vocabulary words (for serialising). */
  get words(): string[] {
    return [...this.#words];
  }

  /** True when the folded word is in the vocabulary, as it is or by its stem. */
  knows(word: string): boolean {
    if (this.#words.has(word)) return true;
    // Stemming every vocabulary word costs more than building the rest: only when someone asks.
    this.#stems ??= new Set([...this.#words].map((known) => dutchStem(known)));
    return this.#stems.has(dutchStem(word));
  }

  /** The parts of a folded word (surface forms, linking sounds removed), or null when it is not a compound. */
  split(word: string): readonly string[] | null {
    const cached = this.#cache.get(word);
    if (cached !== undefined) return cached;
    const parts = this.#split(word);
    if (this.#cache.size > 50_000) this.#cache.clear();
    this.#cache.set(word, parts);
    return parts;
  }

  /** The vocabulary holds only words that can be parts (see the constructor). */
  #isKnownPart(part: string): boolean {
    return this.#words.has(part);
  }

  /**
   * Cheap test before the full search: a split needs a known first or last part (possibly followed by a linking
   * sound), so a word without one is not looked at further. Most words end here.
   */
  #mayBeCompound(word: string): boolean {
    const length = word.length;
    for (let cut = 3; cut <= length - 3; cut++) {
      if (this.#words.has(word.slice(0, cut)) || this.#words.has(word.slice(cut))) return true;
    }
    return false;
  }

  #split(word: string): readonly string[] | null {
    const length = word.length;
    if (length < 2 * 3 || length > MAX_COMPOUND_LENGTH || !/^[a-z]+$/.test(word) || !this.#mayBeCompound(word)) return null;
    // best[i]: cheapest way to read word[0, i) as parts; the last part ends exactly at i.
    const best: Array<{ cost: number; unknown: number; parts: string[] } | undefined> = new Array(length + 1);
    best[0] = { cost: 0, unknown: 0, parts: [] };
    for (let start = 0; start < length; start++) {
      const here = best[start];
      if (!here) continue;
      // A part is shorter than the word: the word itself may be in the vocabulary and still be a compound.
      for (let end = start + 3; end <= length && end - start < length; end++) {
        const isLast = end === length;
        const part = word.slice(start, end);
        let cost: number;
        let unknown = here.unknown;
        if (this.#isKnownPart(part)) cost = 1;
        else if (unknown === 0 && part.length >= MIN_PART + 1 && !DERIVATIONAL.has(part) && VOWEL.test(part)) {
          // Longer guesses cost more, so known parts win: `techniek|lokaal` over `tech|nieklokaal`,
          // `ouder|avond|planning` over `ouder|avondplanning`.
          cost = this.#unknownCost + part.length / 4;
          unknown = 1;
        } else continue;
        if (isLast) {
          const total = here.cost + cost;
          const current = best[length];
          if (!current || total < current.cost) best[length] = { cost: total, unknown, parts: [...here.parts, part] };
          continue;
        }
        for (const link of LINKS) {
          const next = end + link.length;
          // Only the last part may end the word; a linking sound is always followed by another part.
          if (next >= length || (link && word.slice(end, next) !== link)) continue;
          // A linking sound costs a hair, so `eerste|generatie` wins over `eerst|e|generatie`.
          const total = here.cost + cost + link.length / 100;
          const current = best[next];
          if (!current || total < current.cost) best[next] = { cost: total, unknown, parts: [...here.parts, part] };
        }
      }
    }
    const result = best[length];
    if (!result || result.parts.length < 2) return null;
    return result.parts;
  }
}

/** Acronyms of three consonants (`bpv`, `slb`) or words of four letters or more can be compound parts. */
function isPartCandidate(word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  return word.length >= MIN_PART || (word.length === 3 && !VOWEL.test(word));
}

/**
 * Only the folded words of a text, without sentences or the original spelling: the cheap form for indexing many
 * texts. Same words as {@link tokenize}.
 */
export function tokenizeWords(text: string): string[] {
  const words: string[] = [];
  const lower = typeof text === 'string' ? text.toLowerCase() : '';
  // exec in a loop instead of matchAll: no iterator, and this runs over every indexed text of a catalog.
  const pattern = new RegExp(BEYOND_LATIN.test(lower) ? TOKEN : LATIN_TOKEN);
  for (let match = pattern.exec(lower); match !== null; match = pattern.exec(lower)) {
    const value = match[0];
    if (value.length === 1 && SENTENCE_BREAKS.has(value)) continue;
    const word = NON_ASCII.test(value) ? foldText(value) : value;
    if (word) words.push(word);
    if (words.length >= MAX_TOKENS) break;
  }
  return words;
}

/** One analysed word of a text. */
export interface AnalyzedWord {
  /** Folded surface form (`stageplaatsen`). */
  word: string;
  /** The word as written, lower-cased (`coördinator`). */
  original?: string;
  /** Written against the previous word with a hyphen. */
  hyphenated?: boolean;
  /** Stem of the whole word (`stageplat`). */
  stem: string;
  /** Stems of the compound parts (`stag`, `plat`), when the word is a Dutch compound. */
  parts?: readonly string[];
  /** A stop word: kept so that phrases keep their shape, never a match on its own. */
  stop: boolean;
  sentence: number;
}

/**
 * Analyses text into words with stems and compound parts, keeping stop words (flagged) so phrases can be
 * matched as written. Stems are memoised per analyser (bounded), so analysing the same page twice is cheap.
 */
export class TextAnalyzer {
  readonly splitter: CompoundSplitter | undefined;
  readonly #stemCache: Record<MatchLanguage, Map<string, string>> = { nl: new Map(), en: new Map() };
  readonly #termCache: Record<MatchLanguage, Map<string, readonly string[]>> = { nl: new Map(), en: new Map() };

  constructor(splitter?: CompoundSplitter) {
    this.splitter = splitter;
  }

  /** The stem of a folded word, memoised. */
  stem(word: string, language: MatchLanguage): string {
    const cache = this.#stemCache[language];
    let value = cache.get(word);
    if (value === undefined) {
      value = stem(word, language);
      if (cache.size > 100_000) cache.clear();
      cache.set(word, value);
    }
    return value;
  }

  /** Analyses already tokenised words. Compounds are split for Dutch only. */
  analyzeTokens(tokens: readonly Token[], language: MatchLanguage): AnalyzedWord[] {
    const result: AnalyzedWord[] = new Array(tokens.length);
    for (let index = 0; index < tokens.length; index++) {
      const { word, sentence, original, hyphenated } = tokens[index]!;
      const stop = isStopWord(word, language);
      const analyzed: AnalyzedWord = { word, stem: stop ? word : this.stem(word, language), stop, sentence, original };
      if (hyphenated) analyzed.hyphenated = true;
      if (!stop && language === 'nl' && this.splitter && word.length >= 6) {
        const parts = this.splitter.split(word);
        if (parts) analyzed.parts = parts.map((part) => this.stem(part, 'nl'));
      }
      result[index] = analyzed;
    }
    return result;
  }

  /**
   * The index terms of tokenised text (tokens or the folded words of {@link tokenizeWords}): for every word
   * that is not a stop word, its stem and the stems of its compound parts. The fast path for indexing many
   * texts: memoised per word, no per-word objects.
   */
  indexTerms(words: ReadonlyArray<Token | string>, language: MatchLanguage): string[] {
    const cache = this.#termCache[language];
    const out: string[] = [];
    for (const entry of words) {
      const word = typeof entry === 'string' ? entry : entry.word;
      let terms = cache.get(word);
      if (terms === undefined) {
        terms = this.#termsOf(word, language);
        if (cache.size > 100_000) cache.clear();
        cache.set(word, terms);
      }
      for (const term of terms) out.push(term);
    }
    return out;
  }

  #termsOf(word: string, language: MatchLanguage): readonly string[] {
    if (isStopWord(word, language)) return [];
    const stemmed = this.stem(word, language);
    if (stemmed.length < 2) return [];
    const parts = language === 'nl' && this.splitter && word.length >= 6 ? this.splitter.split(word) : null;
    if (!parts) return [stemmed];
    const terms = [stemmed];
    for (const part of parts) {
      const partStem = this.stem(part, 'nl');
      if (partStem !== stemmed) terms.push(partStem);
    }
    return terms;
  }

  /** Tokenises and analyses a text. */
  analyze(text: string, language: MatchLanguage): AnalyzedWord[] {
    return this.analyzeTokens(tokenize(text), language);
  }
}
