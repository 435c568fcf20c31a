/** Relevance: which catalog items fit the page a person is on, and why. See the README, "How relevance works and how to tune it". */
export { createSuggester, loadSuggester, catalogFingerprint, SuggesterIndexError, SUGGESTER_FORMAT_VERSION } from './suggester.ts';
export type { Suggester } from './suggester.ts';
export type { Explanation, Profile, SerializedSuggester, Suggestion, SuggesterOptions, TopicEvidence } from './types.ts';
export { DEFAULT_LIMIT, DEFAULT_THRESHOLD } from './types.ts';
export { CompoundSplitter, TextAnalyzer, foldText, guessLanguageOfWords, isStopWord, matchLanguage, stem, tokenize } from './analyze.ts';
export type { AnalyzedWord, MatchLanguage, Token } from './analyze.ts';
export { activePeriods, isInPeriod } from './periods.ts';
