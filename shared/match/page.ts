/**
 * Reading a page context for relevance: its fields analysed in the page's language, and the evidence the
 * topic terms find in them. Title and course weigh more than headings, headings more than body text.
 */
import type { PageContext } from '../context/types.ts';
import type { AnalyzedWord, MatchLanguage, TextAnalyzer } from './analyze.ts';
import { guessLanguageOfWords, matchLanguage, tokenize } from './analyze.ts';
import type { CompiledTerm, PageField, TermMatch, TermMatcher } from './terms.ts';
import { isAcronym, SPECIFIC_WORD_LENGTH, termSpecificity } from './terms.ts';

/** How much a match in each field counts. */
export const FIELD_WEIGHTS: Readonly<Record<PageField, number>> = { title: 3, course: 2, heading: 1.5, body: 1 };
/** A term found only inside a compound (`stage` in `stageplaatsen`) counts this much of a whole-word match. */
export const PARTIAL_WEIGHT = 0.7;
/** A two-word term found with its words apart or swapped counts this much. */
export const LOOSE_WEIGHT = 0.8;

/** The page's text fields, each analysed in every language the page may be in. */
export interface AnalyzedPage {
  /** One language when the page is clearly Dutch or English, else both. */
  languages: MatchLanguage[];
  fields: Map<MatchLanguage, Record<PageField, AnalyzedWord[]>>;
  /** Number of content words in the body (not stop words). */
  bodyWords: number;
}

function clean(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Analyses a page context. The language is read from the text itself first (a Moodle with an English
 * interface still says `lang="en"` on a Dutch course page), then from the page's declared language.
 */
export function analyzePage(context: PageContext, analyzer: TextAnalyzer): AnalyzedPage {
  const title = clean(context.title);
  let course = clean(context.course);
  if (course.trim().toLowerCase() === title.trim().toLowerCase()) course = '';
  const seen = new Set([title.trim().toLowerCase()]);
  const headings = (Array.isArray(context.headings) ? context.headings : [])
    .filter((heading): heading is string => typeof heading === 'string')
    .filter((heading) => {
      const key = heading.trim().toLowerCase();
      if (!key || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const tokens: Record<PageField, ReturnType<typeof tokenize>> = {
    title: tokenize(title),
    course: tokenize(course),
    // Each heading is its own sentence: a phrase never runs from one heading into the next.
    heading: tokenize(headings.join(' | ')),
    body: tokenize(clean(context.text)),
  };
  const sample = [...tokens.title, ...tokens.heading, ...tokens.body].map((token) => token.word);
  const language = guessLanguageOfWords(sample) ?? matchLanguage(context.language);
  const languages: MatchLanguage[] = language ? [language] : ['nl', 'en'];
  const fields = new Map<MatchLanguage, Record<PageField, AnalyzedWord[]>>();
  for (const lang of languages) {
    fields.set(lang, {
      title: analyzer.analyzeTokens(tokens.title, lang),
      course: analyzer.analyzeTokens(tokens.course, lang),
      heading: analyzer.analyzeTokens(tokens.heading, lang),
      body: analyzer.analyzeTokens(tokens.body, lang),
    });
  }
  const body = fields.get(languages[0]!)!.body;
  let bodyWords = 0;
  for (const word of body) if (!word.stop) bodyWords++;
  return { languages, fields, bodyWords };
}

/** The evidence for one topic, before it is turned into a confidence. */
export interface RawTopicEvidence {
  topic: number;
  /** Sum of the weighted evidence of the distinct terms found. */
  evidence: number;
  /** A specific term (a phrase, a compound or a long word) was found as a whole. */
  strong: boolean;
  /** Terms were found in the title, the course name or a heading. */
  outsideBody: boolean;
  terms: Array<{ text: string; surface: string; count: number; field: PageField; weight: number }>;
}

interface TermTally {
  text: string;
  surface: string;
  count: number;
  bestField: PageField;
  bestFieldWeight: number;
  /** The best way the term was found: 1 as written, less inside a compound or with its words apart. */
  quality: number;
  weight: number;
  strong: boolean;
}

/**
 * What one match of a single word says, by the shorter of the term as written and the page's word: Snowball
 * gives `verwacht` and `verwachtingen` one stem, but the verb on a page is weaker evidence than the noun.
 */
function matchWeight(term: CompiledTerm, match: TermMatch): number {
  if (term.specific || term.stems.length !== 1 || match.partial) return term.weight;
  return Math.min(term.weight, termSpecificity(1, false, Math.min(term.text.length, match.surface.length), isAcronym(term.text)));
}

function matchQuality(match: TermMatch): number {
  return match.partial ? PARTIAL_WEIGHT : match.loose ? LOOSE_WEIGHT : 1;
}

/**
 * A specific term of the topic found as written: not loosely, not as a part of a longer compound, and not
 * as a shorter word with the same stem (`verwacht` for `verwachtingen`).
 */
function isStrong(term: CompiledTerm, match: TermMatch): boolean {
  if (!term.specific || match.loose) return false;
  if (term.stems.length >= 2) return true;
  return !match.partial && (match.surface.length >= SPECIFIC_WORD_LENGTH || match.surface.length >= term.text.length - 2);
}

/**
 * Finds the topic terms on the page and adds up their evidence per topic. Every distinct term counts once,
 * weighted by how specific it is, by the strongest field it appears in, and a little by how often it appears:
 * several different terms say more than one term repeated. A page position counts once per topic (a phrase
 * hides the single words inside it).
 */
export function topicEvidence(page: AnalyzedPage, matcher: TermMatcher, topicCount: number): RawTopicEvidence[] {
  const best: RawTopicEvidence[] = [];
  for (const language of page.languages) {
    const fields = page.fields.get(language)!;
    const perTopic = new Map<number, Map<string, TermTally>>();
    const outside = new Set<number>();
    for (const field of ['title', 'course', 'heading', 'body'] as const) {
      const matches = dedupe(matcher.match(fields[field], language, field), matcher.terms);
      for (const match of matches) {
        const term = matcher.terms[match.term]!;
        let tallies = perTopic.get(term.topic);
        if (!tallies) perTopic.set(term.topic, (tallies = new Map()));
        if (field !== 'body') outside.add(term.topic);
        const key = term.text;
        const fieldWeight = FIELD_WEIGHTS[field];
        const tally = tallies.get(key);
        const weight = matchWeight(term, match);
        if (!tally) {
          tallies.set(key, {
            text: term.text, surface: match.surface, count: 1, bestField: field, bestFieldWeight: fieldWeight,
            quality: matchQuality(match), weight, strong: isStrong(term, match),
          });
          continue;
        }
        tally.count++;
        tally.quality = Math.max(tally.quality, matchQuality(match));
        tally.weight = Math.max(tally.weight, weight);
        tally.strong ||= isStrong(term, match);
        if (fieldWeight > tally.bestFieldWeight) {
          tally.bestField = field;
          tally.bestFieldWeight = fieldWeight;
        }
      }
    }
    for (let topic = 0; topic < topicCount; topic++) {
      const tallies = perTopic.get(topic);
      const terms: RawTopicEvidence['terms'] = [];
      let evidence = 0;
      let strong = false;
      for (const tally of tallies?.values() ?? []) {
        strong ||= tally.strong;
        const weight = tally.weight * tally.bestFieldWeight * tally.quality * (1 + 0.3 * Math.log(tally.count));
        evidence += weight;
        terms.push({ text: tally.text, surface: tally.surface, count: tally.count, field: tally.bestField, weight });
      }
      terms.sort((a, b) => b.weight - a.weight || a.text.localeCompare(b.text));
      const previous = best[topic];
      if (!previous || evidence > previous.evidence) {
        best[topic] = { topic, evidence, strong, outsideBody: outside.has(topic), terms };
      }
    }
  }
  return best;
}

/**
 * Keeps one match per topic and page position: an exact match over a loose or partial one, then the longest
 * (a phrase over the words inside it), then the most specific.
 */
function dedupe(matches: TermMatch[], terms: readonly CompiledTerm[]): TermMatch[] {
  if (matches.length < 2) return matches;
  const sorted = [...matches].sort((a, b) =>
    matchQuality(b) - matchQuality(a) || b.length - a.length || terms[b.term]!.weight - terms[a.term]!.weight || a.position - b.position || a.term - b.term);
  const covered = new Set<string>();
  const kept: TermMatch[] = [];
  for (const match of sorted) {
    const topic = terms[match.term]!.topic;
    let free = true;
    for (let offset = 0; offset < match.length; offset++) {
      if (covered.has(`${topic}:${match.position + offset}`)) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    for (let offset = 0; offset < match.length; offset++) covered.add(`${topic}:${match.position + offset}`);
    kept.push(match);
  }
  return kept;
}

/** Evidence needed for a confidence of one half on a page of up to {@link SHORT_PAGE_WORDS} content words. */
export const HALF_CONFIDENCE_EVIDENCE = 2.5;
/** Pages longer than this need proportionally (square root) more evidence: long pages mention more in passing. */
export const SHORT_PAGE_WORDS = 400;
/** One term on its own (however often it occurs) counts this much of its evidence. */
export const SINGLE_TERM_FACTOR = 0.6;
/** How much the page's fit with the topic's profile (cosine 0..1) adds to the term evidence. */
export const PROFILE_SUPPORT = 10;
/** Below this profile similarity, terms found only in the body are taken as mentioned in passing. */
export const PASSING_SIMILARITY = 0.09;
/** Without a specific term, evidence stops short of this share of what a confidence of one half needs… */
export const AMBIGUOUS_ONLY_CAP = 0.8;
/** …unless this many different terms of the topic occur together… */
export const AMBIGUOUS_ONLY_DISTINCT = 4;
/** …or at least two do on a page whose wider vocabulary clearly fits the topic (profile similarity). */
export const CLEAR_PROFILE_FIT = 0.15;

/**
 * Turns a topic's evidence into a confidence, 0..1.
 * - One term on its own counts less than several different ones.
 * - Terms only in the body of a page whose wider vocabulary does not fit the topic (profile similarity below
 *   {@link PASSING_SIMILARITY}) are a mention in passing and count half.
 * - The page's fit with the topic profile adds support, but only to terms actually found.
 * - Evidence resting only on ambiguous single words ("stage", "diversiteit", "dashboard"), without a phrase,
 *   compound or long word of the topic, stays below one half unless {@link AMBIGUOUS_ONLY_DISTINCT} different
 *   terms occur, or two or more on a page that fits the topic's profile clearly ({@link CLEAR_PROFILE_FIT}).
 */
export function topicConfidence(raw: RawTopicEvidence, bodyWords: number, profileSimilarity = 0): number {
  let evidence = raw.evidence;
  if (evidence <= 0) return 0;
  if (raw.terms.length < 2) evidence *= SINGLE_TERM_FACTOR;
  if (!raw.outsideBody && profileSimilarity < PASSING_SIMILARITY) evidence *= 0.5;
  evidence += PROFILE_SUPPORT * profileSimilarity;
  const needed = HALF_CONFIDENCE_EVIDENCE * Math.max(1, Math.sqrt(bodyWords / SHORT_PAGE_WORDS));
  const supported = raw.terms.length >= AMBIGUOUS_ONLY_DISTINCT || (raw.terms.length >= 2 && profileSimilarity >= CLEAR_PROFILE_FIT);
  if (!raw.strong && !supported) evidence = Math.min(evidence, AMBIGUOUS_ONLY_CAP * needed);
  return evidence / (evidence + needed);
}
