/**
 * The page's language: what the page says about itself first, else a cheap count of Dutch and English stop
 * words. Only Dutch and English are guessed: those are the catalog's languages.
 */
import { LANGUAGE_SAMPLE_LENGTH } from './types.ts';

const LANGUAGE_TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;

// Frequent function words that belong to one of the two languages only ("in", "is", "we" are in both).
const DUTCH = new Set([
  'de', 'het', 'een', 'en', 'van', 'ik', 'je', 'jij', 'jullie', 'zijn', 'dat', 'die', 'niet', 'op', 'te', 'met',
  'voor', 'er', 'maar', 'om', 'ook', 'als', 'bij', 'naar', 'wat', 'wordt', 'worden', 'nog', 'deze', 'dit', 'wij',
  'hun', 'ze', 'zij', 'kan', 'moet', 'uit', 'door', 'heeft', 'hebben', 'over', 'tot', 'aan', 'geen', 'meer', 'dan',
  'hoe', 'wie', 'waar', 'welke', 'omdat', 'ons', 'onze', 'jouw', 'u', 'uw', 'zich', 'mag', 'kunnen', 'wel',
]);
const ENGLISH = new Set([
  'the', 'and', 'of', 'to', 'a', 'that', 'for', 'it', 'on', 'with', 'as', 'are', 'this', 'be', 'by', 'you', 'your',
  'our', 'they', 'from', 'at', 'or', 'have', 'not', 'will', 'can', 'an', 'which', 'their', 'what', 'about', 'was',
  'were', 'has', 'if', 'how', 'who', 'where', 'when', 'should', 'would', 'there', 'these', 'those', 'into', 'us',
  'them', 'its', 'been', 'do', 'does', 'than', 'more', 'all', 'each', 'my',
]);

/** Tags already normalised: a page declares the same few languages over and over. */
const normalizedTags = new Map<string, string | undefined>();

/** Normalises a language tag to BCP 47 casing (`nl-nl` → `nl-NL`), or undefined when it is not one. */
export function normalizeLanguageTag(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  if (normalizedTags.has(value)) return normalizedTags.get(value);
  const normalized = normalizeTag(value);
  if (normalizedTags.size < 64) normalizedTags.set(value, normalized);
  return normalized;
}

function normalizeTag(value: string): string | undefined {
  const tag = value.trim();
  // Most pages say just `nl` or `en`: answered without the patterns below, which cost more to compile cold.
  if (tag.length === 2 && isAsciiLetter(tag, 0) && isAsciiLetter(tag, 1)) return tag.toLowerCase();
  if (!tag || !LANGUAGE_TAG.test(tag)) return undefined;
  const [language, ...rest] = tag.split(/[-_]/);
  const subtags = rest.map((part) => {
    if (/^[a-z]{2}$/i.test(part) || /^\d{3}$/.test(part)) return part.toUpperCase();
    if (/^[a-z]{4}$/i.test(part)) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
    return part.toLowerCase();
  });
  return [language!.toLowerCase(), ...subtags].join('-');
}

function isAsciiLetter(text: string, index: number): boolean {
  const code = text.charCodeAt(index) | 0x20;
  return code >= 0x61 && code <= 0x7a;
}

/**
 * `nl` or `en` when the text clearly leans to one of them (enough stop words and at least twice as many of
 * one kind), else undefined.
 */
export function guessLanguage(text: string): 'nl' | 'en' | undefined {
  const words = text.slice(0, LANGUAGE_SAMPLE_LENGTH).toLowerCase().match(/[a-z\u00e0-\u00ff]+/g) ?? [];
  let dutch = 0;
  let english = 0;
  for (const word of words) {
    if (DUTCH.has(word)) dutch++;
    else if (ENGLISH.has(word)) english++;
  }
  if (dutch + english < 4) return undefined;
  if (dutch >= english * 2) return 'nl';
  if (english >= dutch * 2) return 'en';
  return undefined;
}

/** The page's declared language (`html[lang]`, then a content-language meta), else a guess from `text`. */
export function detectLanguage(document: Document, text: string): string | undefined {
  const declared =
    normalizeLanguageTag(document.documentElement?.getAttribute('lang')) ??
    normalizeLanguageTag(document.documentElement?.getAttribute('xml:lang')) ??
    normalizeLanguageTag(
      document.querySelector('meta[http-equiv="content-language" i], meta[name="language" i]')?.getAttribute('content')?.split(',')[0],
    );
  return declared ?? guessLanguage(text);
}
