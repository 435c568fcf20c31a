/** The relevance engine's public types. */
import type { ItemType } from '../catalog/types.ts';
import type { SerializedFullText } from './fulltext.ts';
import type { SerializedProfiles } from './profiles.ts';

/**
 * What the person using Kanswijzer told it, and what they said about this course. Every field is optional;
 * none of them makes a suggestion appear on its own, they only reorder what the page itself calls up.
 */
export interface Profile {
  /** Audience id (`docent`, `stagebegeleider`, …): items for this audience rank higher. */
  role?: string;
  /** Sector id (`vmbo`, `mbo`, `ho`, `buitenschools`): items for this sector rank higher. */
  sector?: string;
  /** Topic ids the person is interested in: items on these topics rank a little higher. */
  topics?: string[];
  /** Language of titles and reasons; defaults to the page's language, then the catalog's. */
  language?: 'nl' | 'en';
  /**
   * Item ids marked "not relevant here" for this course: they are left out, and the other items on their
   * topics rank a little lower for this course.
   */
  dismissed?: string[];
}

/** One suggested item, ready to show. */
export interface Suggestion {
  id: string;
  type: ItemType;
  /** The item's title in the profile's or page's language. */
  title: string;
  /** The item's topic ids. */
  topics: string[];
  /** How well the item fits, 0..1 (rounded to three decimals). */
  score: number;
  /** Why, in plain words, in the same language as the title. */
  reasons: string[];
}

/** Tuning knobs; the defaults are what `npm run eval` measures. */
export interface SuggesterOptions {
  /** Most suggestions returned. Default 5. */
  limit?: number;
  /**
   * Minimum topic confidence (0..1) before anything is suggested. Below it the answer is an empty list.
   * Default {@link DEFAULT_THRESHOLD}.
   */
  threshold?: number;
}

/** Default minimum topic confidence. */
export const DEFAULT_THRESHOLD = 0.5;
/** Default number of suggestions. */
export const DEFAULT_LIMIT = 5;

/** What the page said about one topic (for `kanswijzer suggest --explain` and tests). */
export interface TopicEvidence {
  topic: string;
  /** 0..1; the topic counts when this reaches the threshold. */
  confidence: number;
  /** Sum of the weighted term evidence before it is turned into a confidence. */
  evidence: number;
  /** Distinct terms found. */
  distinctTerms: number;
  /** Cosine similarity between the page and the topic's profile (its language in the catalog), 0..1. */
  similarity: number;
  /** The same without the topic's own term stems: how well the rest of the page fits the topic. */
  contextSimilarity: number;
  /** A specific term (a phrase, compound or long word) was found: short ambiguous words alone never suffice. */
  strong: boolean;
  /** The terms found, strongest first, with the page's own words. */
  terms: Array<{ term: string; surface: string; count: number; field: string; weight: number }>;
}

/** The whole reasoning behind one call of `suggest`. */
export interface Explanation {
  /** The language the page was read in (`nl`, `en`, or both when unclear). */
  languages: Array<'nl' | 'en'>;
  /** Why the answer is empty, when it is (`grading page`, `no topic above the threshold`). */
  silence?: string;
  topics: TopicEvidence[];
  suggestions: Suggestion[];
}

/** A suggester's index as plain JSON, for storing it (the extension keeps it in IndexedDB). */
export interface SerializedSuggester {
  format: 'kanswijzer-suggester';
  version: number;
  /** Fingerprint of the catalog the index was built from; a different catalog means the index is rebuilt. */
  catalog: string;
  vocabulary: string[];
  /** Compiled topic terms; flags: 1 = matched with its stop words, 2 = specific (a phrase or compound). */
  terms: Array<[topic: number, language: 'nl' | 'en', text: string, stems: string, flags: number, weight: number]>;
  fullText: SerializedFullText;
  profiles: SerializedProfiles;
}
