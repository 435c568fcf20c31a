/** Reasons a person can read, in Dutch or English: why an item is suggested on this page. */
import type { LocalizedText } from '../catalog/types.ts';
import { localize } from '../catalog/localize.ts';

export type ReasonLanguage = 'nl' | 'en';

const PHRASES = {
  nl: { about: 'Deze pagina gaat over', and: 'en', for: 'Voor', interest: 'Past bij je interesse', period: 'Nu actueel' },
  en: { about: 'This page is about', and: 'and', for: 'For', interest: 'Matches your interest', period: 'Timely' },
} as const;

/** `a`, `a en b`, `a, b en c`. */
export function joinList(values: readonly string[], language: ReasonLanguage): string {
  if (values.length <= 1) return values[0] ?? '';
  return `${values.slice(0, -1).join(', ')} ${PHRASES[language].and} ${values.at(-1)}`;
}

/** Lower-cases the first letter unless the word looks like an acronym or a name written in capitals (`LOB`, `STEM`). */
function lowerFirst(text: string): string {
  const first = text.split(/\s/)[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * "Deze pagina gaat over stageplaatsen en bpv" when the page is in the reader's language, so the reason uses
 * the page's own words; otherwise the topic's label ("This page is about work-based learning and organising
 * placements").
 */
export function topicReason(pageWords: readonly string[], label: LocalizedText, language: ReasonLanguage, samePageLanguage: boolean, catalogLanguage: string): string {
  const phrases = PHRASES[language];
  if (samePageLanguage && pageWords.length > 0) return `${phrases.about} ${joinList(pageWords, language)}`;
  return `${phrases.about} ${lowerFirst(localize(label, language, catalogLanguage))}`;
}

/** "Voor stagecoördinatoren en stagebegeleiders" / "For internship coordinators and supervisors". */
export function audienceReason(label: LocalizedText, language: ReasonLanguage, catalogLanguage: string): string {
  return `${PHRASES[language].for} ${lowerFirst(localize(label, language, catalogLanguage))}`;
}

/** "Past bij je interesse: verbondenheid (sense of belonging)". */
export function interestReason(label: LocalizedText, language: ReasonLanguage, catalogLanguage: string): string {
  return `${PHRASES[language].interest}: ${lowerFirst(localize(label, language, catalogLanguage))}`;
}

/** "Start van het schooljaar" / "Start of the school year": the period's own label. */
export function periodReason(label: LocalizedText, language: ReasonLanguage, catalogLanguage: string): string {
  const text = localize(label, language, catalogLanguage);
  return text || PHRASES[language].period;
}
