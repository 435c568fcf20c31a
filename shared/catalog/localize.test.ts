import { describe, expect, it } from 'vitest';
import { localize, resolveText } from './localize.ts';

describe('localize', () => {
  const text = { nl: 'Stage', en: 'Internship', 'fr-BE': 'Stage (BE)' };
  it('gives the requested language, then its base language', () => {
    expect(localize(text, 'en')).toBe('Internship');
    expect(localize(text, 'en-GB')).toBe('Internship');
    expect(localize(text, 'fr')).toBe('Stage (BE)');
  });
  it('falls back to the catalog language, then English, then any language', () => {
    expect(localize(text, 'de', 'nl')).toBe('Stage');
    expect(localize({ en: 'Only English', nl: 'Nederlands' }, 'de')).toBe('Only English');
    expect(localize({ fy: 'Staazje' }, 'de', 'nl')).toBe('Staazje');
  });
  it('takes a list of preferred languages in order', () => {
    expect(localize(text, ['de', 'en', 'nl'])).toBe('Internship');
  });
  it('treats a plain string as the catalog language and reports the language used', () => {
    expect(resolveText('Stage', 'en', 'nl')).toEqual({ text: 'Stage', lang: 'nl' });
    expect(resolveText(text, 'en-US', 'nl')).toEqual({ text: 'Internship', lang: 'en' });
  });
  it('skips empty translations and copes with nothing at all', () => {
    expect(localize({ en: '', nl: 'Stage' }, 'en')).toBe('Stage');
    expect(localize(undefined, 'en')).toBe('');
  });
});
