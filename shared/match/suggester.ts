/**
 * The relevance engine: which catalog items fit the page a person is on, and why. See the README, "How relevance works and how to tune it".
 *
 * 1. The page (title, course, headings, body) is analysed in its language: stems, stop words, compound parts.
 * 2. Each topic's terms are found on the page (terms.ts); with the page's fit to the topic's profile learned from
 *    the catalog (profiles.ts), their evidence becomes a confidence per topic (page.ts).
 * 3. Silence: when no topic reaches the threshold, the answer is an empty list.
 * 4. Items on the confident topics are ranked by topic confidence and by full-text similarity (BM25, fulltext.ts).
 * 5. The profile (role, sector, interests, dismissed items) and the period of the year adjust that ranking;
 *    they never add an item the page did not call up.
 */
import type { Catalog, Item, LocalizedText } from '../catalog/types.ts';
import { localize } from '../catalog/localize.ts';
import type { PageContext } from '../context/types.ts';
import { CompoundSplitter, TextAnalyzer, tokenize, tokenizeWords, type MatchLanguage } from './analyze.ts';
import { FullTextIndex, itemTexts, vectorizeItems, type ItemParts } from './fulltext.ts';
import { TopicProfiles } from './profiles.ts';
import { analyzePage, topicConfidence, topicEvidence, type AnalyzedPage } from './page.ts';
import { activePeriods } from './periods.ts';
import { audienceReason, interestReason, periodReason, topicReason, type ReasonLanguage } from './reasons.ts';
import { compileTerms, TermMatcher, type CompiledTerm } from './terms.ts';
import {
  DEFAULT_LIMIT,
  DEFAULT_THRESHOLD,
  type Explanation,
  type Profile,
  type SerializedSuggester,
  type Suggestion,
  type SuggesterOptions,
  type TopicEvidence,
} from './types.ts';

/** Bumped whenever analysis or the index layout changes, so stored indexes are rebuilt. */
export const SUGGESTER_FORMAT_VERSION = 1;

/** How much each profile match raises an item's score (multiplied: 1 + sum). */
const PROFILE_BOOST = { role: 0.15, sector: 0.1, interest: 0.1, period: 0.1 } as const;
/** The largest profile factor, so that scores stay within 0..1 without ties at the top. */
const MAX_BOOST = 1 + PROFILE_BOOST.role + PROFILE_BOOST.sector + PROFILE_BOOST.interest + PROFILE_BOOST.period;
/** Each dismissed item on a topic lowers the other items on that topic by this factor, down to the floor. */
const DISMISSED_TOPIC_FACTOR = 0.85;
const DISMISSED_TOPIC_FLOOR = 0.6;
/** Weight of a topic by its place in the item's topic list: the first topic is what the item is mainly about. */
const TOPIC_POSITION_WEIGHT = [1, 0.6, 0.45, 0.35];
/** Share of the full-text similarity in an item's base score. */
const TEXT_SHARE = 0.15;
/** Items scoring below this share of the best item are left out: a few good suggestions beat many weak ones. */
const RELATIVE_CUTOFF = 0.55;
/** Page kinds that never get suggestions: grade books and settings forms are about people and options. */
const SILENT_PAGE_KINDS = new Set(['grading', 'settings']);

/** Ranks catalog items for a page. Build one with {@link createSuggester} or {@link loadSuggester}. */
export interface Suggester {
  readonly catalog: Catalog;
  /**
   * The items that fit the page, best first; an empty list when the page is not about anything in the catalog.
   * Deterministic for the same context, profile and day; never throws.
   *
   * @param context what `extractContext` read from the page
   * @param profile role, sector, interests, language and dismissed items (all optional)
   * @param date the day it is (the catalog's periods depend on it); defaults to now
   */
  suggest(context: PageContext, profile?: Profile, date?: Date): Suggestion[];
  /** The same as {@link suggest}, with the topic evidence behind it (for `kanswijzer suggest --explain`). */
  explain(context: PageContext, profile?: Profile, date?: Date): Explanation;
  /** The index as plain JSON, to store and restore with {@link loadSuggester}. */
  serialize(): SerializedSuggester;
}

interface Engine {
  vocabulary: string[];
  analyzer: TextAnalyzer;
  terms: CompiledTerm[];
  matcher: TermMatcher;
  fullText: FullTextIndex;
  profiles: TopicProfiles;
}

/** Every indexed text of every item, tokenised once (for the vocabulary and for the index). */
type ItemTokens = ItemParts<string[]>;

/**
 * Folded words of the catalog that can be parts of Dutch compounds: topic, audience and sector terms and labels,
 * item titles and (the indexed part of) summaries.
 */
function catalogVocabulary(catalog: Catalog, items: readonly ItemTokens[]): Set<string> {
  const words = new Set<string>();
  const addText = (text: unknown) => {
    if (typeof text === 'string') for (const token of tokenize(text)) words.add(token.word);
  };
  const add = (value: LocalizedText | undefined) => {
    if (value == null) return;
    for (const text of typeof value === 'string' ? [value] : Object.values(value)) addText(text);
  };
  for (const group of [catalog.topics, catalog.audiences, catalog.sectors] as const) {
    for (const entry of group ?? []) {
      add(entry.label);
      for (const list of Object.values(entry.terms ?? {})) if (Array.isArray(list)) list.forEach((term) => addText(term));
    }
  }
  for (const item of items) {
    for (const part of [item.title, item.summary]) for (const list of Object.values(part)) for (const word of list) words.add(word);
  }
  return words;
}

/**
 * A short fingerprint of what the index depends on: catalog id and date, topic terms, item ids, dates and
 * topics. Cheap to compute on every service-worker start, unlike hashing every item text.
 */
export function catalogFingerprint(catalog: Catalog): string {
  let hash1 = 0x811c9dc5;
  let hash2 = 0x01000193;
  const feed = (text: string) => {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      hash1 = Math.imul(hash1 ^ code, 0x01000193) >>> 0;
      hash2 = Math.imul(hash2 ^ code, 0x5bd1e995) >>> 0;
    }
  };
  feed(`${SUGGESTER_FORMAT_VERSION}|${catalog.id}|${catalog.updated ?? ''}|${catalog.language}`);
  for (const topic of catalog.topics ?? []) feed(`t|${topic.id}|${JSON.stringify(topic.terms ?? {})}`);
  for (const item of catalog.items ?? []) feed(`i|${item.id}|${item.updated ?? item.published ?? ''}|${(item.topics ?? []).join(',')}`);
  return `${hash1.toString(16).padStart(8, '0')}${hash2.toString(16).padStart(8, '0')}-${catalog.items?.length ?? 0}`;
}

function buildEngine(catalog: Catalog): Engine {
  const tokens: ItemTokens[] = itemTexts(catalog.items, catalog.language).map((text) => {
    const tokenised: ItemTokens = { title: {}, summary: {}, body: {} };
    for (const part of ['title', 'summary', 'body'] as const) {
      for (const [language, value] of Object.entries(text[part]) as Array<[MatchLanguage, string]>) tokenised[part][language] = tokenizeWords(value);
    }
    return tokenised;
  });
  const splitter = new CompoundSplitter(catalogVocabulary(catalog, tokens));
  const analyzer = new TextAnalyzer(splitter);
  const terms = compileTerms(catalog.topics.map((topic) => topic.terms), analyzer);
  const items = vectorizeItems(tokens, analyzer);
  const fullText = FullTextIndex.build(items);
  const profiles = TopicProfiles.build(catalog, items, analyzer);
  return { vocabulary: splitter.words, analyzer, terms, matcher: new TermMatcher(terms), fullText, profiles };
}

function restoreEngine(data: SerializedSuggester, catalog: Catalog): Engine {
  if (data?.format !== 'kanswijzer-suggester') throw new SuggesterIndexError('This is not a Kanswijzer suggester index.');
  if (data.version !== SUGGESTER_FORMAT_VERSION) {
    throw new SuggesterIndexError(`The stored suggester index has format ${String(data.version)}; this version reads format ${SUGGESTER_FORMAT_VERSION}.`);
  }
  if (data.catalog !== catalogFingerprint(catalog)) throw new SuggesterIndexError('The stored suggester index was built from another catalog or catalog version.');
  const splitter = new CompoundSplitter(data.vocabulary);
  const analyzer = new TextAnalyzer(splitter);
  const terms: CompiledTerm[] = data.terms.map(([topic, language, text, stems, flags, weight]) => ({
    topic, language, text, stems: stems.split(' '), withStopWords: (flags & 1) === 1, specific: (flags & 2) === 2, weight,
  }));
  const fullText = FullTextIndex.load(data.fullText, catalog.items.length);
  const profiles = TopicProfiles.load(data.profiles);
  return { vocabulary: data.vocabulary, analyzer, terms, matcher: new TermMatcher(terms), fullText, profiles };
}

/**
 * Builds a suggester for a catalog: analyses the topic terms and indexes the items. Build it once per catalog
 * (a few milliseconds for the default catalog) and keep it, or store {@link Suggester.serialize} and restore it
 * with {@link loadSuggester}.
 */
export function createSuggester(catalog: Catalog, options: SuggesterOptions = {}): Suggester {
  return makeSuggester(catalog, buildEngine(catalog), options);
}

/** Thrown by {@link loadSuggester} when a stored index cannot be used for the catalog. */
export class SuggesterIndexError extends Error {
  override name = 'SuggesterIndexError';
}

/**
 * Restores a suggester from {@link Suggester.serialize} output (the object or its JSON text) without analysing
 * the catalog again. Throws a {@link SuggesterIndexError} when the stored index does not fit the catalog
 * (another catalog or catalog version, an older index format, damaged data): build a new one with
 * {@link createSuggester} then, and store that.
 */
export function loadSuggester(serialized: SerializedSuggester | string, catalog: Catalog, options: SuggesterOptions = {}): Suggester {
  let data: SerializedSuggester;
  try {
    data = typeof serialized === 'string' ? (JSON.parse(serialized) as SerializedSuggester) : serialized;
  } catch {
    throw new SuggesterIndexError('The stored suggester index is not valid JSON.');
  }
  let engine: Engine;
  try {
    engine = restoreEngine(data, catalog);
  } catch (error) {
    if (error instanceof SuggesterIndexError) throw error;
    throw new SuggesterIndexError(`The stored suggester index is damaged: ${error instanceof Error ? error.message : String(error)}`);
  }
  return makeSuggester(catalog, engine, options);
}

interface Ranked {
  item: Item;
  index: number;
  score: number;
}

function makeSuggester(catalog: Catalog, engine: Engine, options: SuggesterOptions): Suggester {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const limit = Math.max(0, options.limit ?? DEFAULT_LIMIT);
  const topicIndex = new Map(catalog.topics.map((topic, index) => [topic.id, index]));
  const audiences = new Map(catalog.audiences.map((audience) => [audience.id, audience]));
  const sectors = new Map(catalog.sectors.map((sector) => [sector.id, sector]));
  const periods = new Map(catalog.periods.map((period) => [period.id, period]));
  const itemTopics = catalog.items.map((item) => (item.topics ?? []).map((id) => topicIndex.get(id) ?? -1));
  // Every stem of each topic's own terms, to measure how well the rest of a page fits the topic.
  const termStems = catalog.topics.map(() => new Set<string>());
  for (const term of engine.terms) for (const stem of term.stems) termStems[term.topic]?.add(stem);

  function readTopics(page: AnalyzedPage): TopicEvidence[] {
    const raw = topicEvidence(page, engine.matcher, catalog.topics.length);
    const { full, context } = engine.profiles.similarity(page, catalog.topics.length, termStems);
    return raw.map((evidence, index) => ({
      topic: catalog.topics[index]!.id,
      confidence: evidence ? topicConfidence(evidence, page.bodyWords, full[index] ?? 0) : 0,
      evidence: evidence?.evidence ?? 0,
      similarity: round(full[index] ?? 0),
      contextSimilarity: round(context[index] ?? 0),
      strong: evidence?.strong ?? false,
      distinctTerms: evidence?.terms.length ?? 0,
      terms: (evidence?.terms ?? []).map((term) => ({ term: term.text, surface: term.surface, count: term.count, field: term.field, weight: round(term.weight) })),
    }));
  }

  function run(context: PageContext, profile: Profile = {}, date: Date = new Date()): Explanation {
    if (!context || typeof context !== 'object') return { languages: [], silence: 'no page context', topics: [], suggestions: [] };
    if (SILENT_PAGE_KINDS.has(context.pageKind)) return { languages: [], silence: `${context.pageKind} page`, topics: [], suggestions: [] };
    const page = analyzePage(context, engine.analyzer);
    const topics = readTopics(page);
    const sorted = [...topics].filter((topic) => topic.evidence > 0).sort((a, b) => b.confidence - a.confidence || a.topic.localeCompare(b.topic));
    const confident = new Set(topics.flatMap((topic, index) => (topic.confidence >= threshold ? [index] : [])));
    const explanation: Explanation = { languages: page.languages, topics: sorted, suggestions: [] };
    if (confident.size === 0) {
      explanation.silence = 'no topic reaches the threshold';
      return explanation;
    }
    const language = readerLanguage(profile, page, catalog);
    explanation.suggestions = rank(page, topics, confident, profile, date, language);
    if (explanation.suggestions.length === 0) explanation.silence = 'nothing left after dismissed items';
    return explanation;
  }

  function rank(page: AnalyzedPage, topics: TopicEvidence[], confident: Set<number>, profile: Profile, date: Date, language: ReasonLanguage): Suggestion[] {
    const dismissed = new Set(Array.isArray(profile.dismissed) ? profile.dismissed : []);
    const dismissedTopicFactor = new Map<number, number>();
    const allowed = new Uint8Array(catalog.items.length);
    let candidates = 0;
    catalog.items.forEach((item, index) => {
      if (dismissed.has(item.id)) {
        for (const topic of itemTopics[index]!) {
          if (topic >= 0) dismissedTopicFactor.set(topic, Math.max(DISMISSED_TOPIC_FLOOR, (dismissedTopicFactor.get(topic) ?? 1) * DISMISSED_TOPIC_FACTOR));
        }
        return;
      }
      if (itemTopics[index]!.some((topic) => confident.has(topic))) {
        allowed[index] = 1;
        candidates++;
      }
    });
    if (candidates === 0) return [];
    const similarity = engine.fullText.scores(page, allowed);
    const interests = new Set(Array.isArray(profile.topics) ? profile.topics : []);
    const current = activePeriods(catalog.periods, Number.isNaN(date?.getTime?.()) ? new Date() : date);
    const role = typeof profile.role === 'string' ? profile.role : undefined;
    const sector = typeof profile.sector === 'string' ? profile.sector : undefined;

    // Scores first, for every candidate; titles and reasons only for the few that are shown.
    const ranked: Ranked[] = [];
    for (let index = 0; index < allowed.length; index++) {
      if (!allowed[index]) continue;
      const item = catalog.items[index]!;
      const own = itemTopics[index]!;
      // The item's best confident topic carries it; its other topics on the page add a little.
      let best = 0;
      let others = 0;
      own.forEach((topic, position) => {
        if (topic < 0) return;
        const confidence = topics[topic]!.confidence * (dismissedTopicFactor.get(topic) ?? 1);
        const weighted = confidence * (TOPIC_POSITION_WEIGHT[position] ?? 0.3);
        if (weighted > best) {
          others += best;
          best = weighted;
        } else others += weighted;
      });
      if (best <= 0) continue;
      const topicScore = Math.min(1, best + 0.15 * others);
      let boost = 1;
      if (role && item.audiences?.includes(role)) boost += PROFILE_BOOST.role;
      if (sector && item.sectors?.includes(sector)) boost += PROFILE_BOOST.sector;
      if (item.topics?.some((topic) => interests.has(topic))) boost += PROFILE_BOOST.interest;
      if (item.periods?.some((id) => current.has(id))) boost += PROFILE_BOOST.period;
      const score = ((1 - TEXT_SHARE) * topicScore + TEXT_SHARE * similarity[index]!) * boost;
      ranked.push({ item, index, score });
    }
    ranked.sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
    const top = ranked[0]?.score ?? 0;
    const samePageLanguage = page.languages.length === 1 && page.languages[0] === language;
    return ranked
      .filter((entry) => entry.score >= top * RELATIVE_CUTOFF)
      .slice(0, limit)
      .map(({ item, index, score }) => ({
        id: item.id,
        type: item.type,
        title: localize(item.title, language, catalog.language),
        topics: [...(item.topics ?? [])],
        score: round(Math.min(1, score / MAX_BOOST)),
        reasons: reasonsFor(item, itemTopics[index]!, topics, confident, { role, sector, interests, current, language, samePageLanguage }),
      }));
  }

  /** Why an item fits: the page's own words for its topics first, then the profile and the period. */
  function reasonsFor(
    item: Item,
    own: readonly number[],
    topics: TopicEvidence[],
    confident: Set<number>,
    context: { role?: string; sector?: string; interests: Set<string>; current: Set<string>; language: ReasonLanguage; samePageLanguage: boolean },
  ): string[] {
    const { language } = context;
    const pageTopics = own.filter((topic) => confident.has(topic)).sort((a, b) => topics[b]!.confidence - topics[a]!.confidence);
    const words = reasonWords(pageTopics.flatMap((topic) => topics[topic]!.terms.map((term) => term.surface)));
    const reasons = [topicReason(words, catalog.topics[pageTopics[0]!]!.label, language, context.samePageLanguage, catalog.language)];
    const audience = context.role && item.audiences?.includes(context.role) ? audiences.get(context.role) : undefined;
    if (audience) reasons.push(audienceReason(audience.label, language, catalog.language));
    const sector = context.sector && item.sectors?.includes(context.sector) ? sectors.get(context.sector) : undefined;
    if (sector) reasons.push(audienceReason(sector.label, language, catalog.language));
    const interest = item.topics?.find((topic) => context.interests.has(topic));
    const interestTopic = interest ? catalog.topics[topicIndex.get(interest) ?? -1] : undefined;
    if (interestTopic) reasons.push(interestReason(interestTopic.label, language, catalog.language));
    const period = item.periods?.find((id) => context.current.has(id));
    if (period && periods.has(period)) reasons.push(periodReason(periods.get(period)!.label, language, catalog.language));
    return reasons;
  }

  return {
    catalog,
    suggest(context, profile, date) {
      try {
        return run(context, profile, date).suggestions;
      } catch {
        return [];
      }
    },
    explain(context, profile, date) {
      try {
        return run(context, profile, date);
      } catch (error) {
        return { languages: [], silence: `could not read the page: ${error instanceof Error ? error.message : String(error)}`, topics: [], suggestions: [] };
      }
    },
    serialize(): SerializedSuggester {
      return {
        format: 'kanswijzer-suggester',
        version: SUGGESTER_FORMAT_VERSION,
        catalog: catalogFingerprint(catalog),
        vocabulary: engine.vocabulary,
        terms: engine.terms.map((term) => [term.topic, term.language, term.text, term.stems.join(' '), (term.withStopWords ? 1 : 0) | (term.specific ? 2 : 0), term.weight]),
        fullText: engine.fullText.toJSON(),
        profiles: engine.profiles.toJSON(),
      };
    },
  };
}

/** The profile's language, else the page's (when clear), else the catalog's; Dutch or English. */
function readerLanguage(profile: Profile, page: AnalyzedPage, catalog: Catalog): ReasonLanguage {
  if (profile.language === 'nl' || profile.language === 'en') return profile.language;
  if (page.languages.length === 1) return page.languages[0]!;
  return catalog.language?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

/**
 * Up to three of the page's own words for a reason, strongest first, without repeats: a word inside one already
 * chosen is left out (`bpv` after `bpv-plaats`).
 */
function reasonWords(surfaces: readonly string[]): string[] {
  const chosen: string[] = [];
  for (const surface of surfaces) {
    if (chosen.length === 3) break;
    if (chosen.some((word) => word.includes(surface) || surface.includes(word))) continue;
    chosen.push(surface);
  }
  return chosen;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
