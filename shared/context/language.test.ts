import { describe, expect, it } from 'vitest';
import { parseHtml } from './fixtures/support.ts';
import { detectLanguage, guessLanguage, normalizeLanguageTag } from './language.ts';

describe('language', () => {
  it('normalises declared tags to BCP 47 casing', () => {
    expect(normalizeLanguageTag('nl-nl')).toBe('nl-NL');
    expect(normalizeLanguageTag('EN_gb')).toBe('en-GB');
    expect(normalizeLanguageTag('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(normalizeLanguageTag('  ')).toBeUndefined();
    expect(normalizeLanguageTag('<script>')).toBeUndefined();
  });

  it('prefers html[lang], then the content-language meta, then a guess', () => {
    expect(detectLanguage(parseHtml('<html lang="nl-be"><body></body></html>'), 'the and of')).toBe('nl-BE');
    expect(detectLanguage(parseHtml('<head><meta http-equiv="Content-Language" content="en-GB"></head>'), '')).toBe('en-GB');
    expect(detectLanguage(parseHtml('<p></p>'), 'De studenten zoeken een stageplaats en het stagebureau helpt ze daarbij.')).toBe('nl');
  });

  it('guesses Dutch or English from stop words and stays silent when unsure', () => {
    expect(guessLanguage('Students look for an internship and the office helps them with their applications.')).toBe('en');
    expect(guessLanguage('Wij helpen je bij het zoeken naar een leerbedrijf dat bij jou past.')).toBe('nl');
    expect(guessLanguage('BPV 2024-2025 MBO')).toBeUndefined();
    expect(guessLanguage('Der Schüler und die Schule.')).toBeUndefined();
  });
});
