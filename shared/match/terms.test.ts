import { describe, expect, it } from 'vitest';
import { CompoundSplitter, TextAnalyzer, tokenize } from './analyze.ts';
import { compileTerms, TermMatcher, termSpecificity } from './terms.ts';

const TERMS = [
  { nl: ['stage', 'stagediscriminatie', 'gesprek over diversiteit', 'eigen regie', 'hybride lessen', 'bpv'], en: ['hybrid teaching', 'fit in'] },
];
const VOCABULARY = ['stage', 'discriminatie', 'stagediscriminatie', 'plaats', 'gesprek', 'diversiteit', 'hybride', 'lessen', 'bpv']
  .flatMap((text) => tokenize(text).map((token) => token.word));

function matcher() {
  const analyzer = new TextAnalyzer(new CompoundSplitter(VOCABULARY));
  const terms = compileTerms(TERMS, analyzer);
  const found = (text: string, language: 'nl' | 'en') =>
    new TermMatcher(terms).match(analyzer.analyze(text, language), language, 'body').map((match) => ({
      term: terms[match.term]!.text,
      surface: match.surface,
      partial: match.partial,
      loose: match.loose ?? false,
    }));
  return { terms, found };
}

describe('topic term matching', () => {
  const { terms, found } = matcher();

  it('matches a word by its stem and inside a compound, marked as partial', () => {
    expect(found('Twee stages in het voorjaar', 'nl')).toContainEqual({ term: 'stage', surface: 'stages', partial: false, loose: false });
    expect(found('Zoek stageplaatsen', 'nl')).toContainEqual({ term: 'stage', surface: 'stageplaatsen', partial: true, loose: false });
  });

  it('matches a compound term written apart or with a hyphen', () => {
    expect(found('Over stage-discriminatie praten', 'nl').map((match) => match.term)).toContain('stagediscriminatie');
    expect(found('Een stagediscriminatie-protocol', 'nl').map((match) => match.term)).toContain('stagediscriminatie');
  });

  it('matches phrases with a few stop words between, never across a sentence', () => {
    expect(found('Een gesprek over de diversiteit in de klas', 'nl').map((match) => match.term)).toContain('gesprek over diversiteit');
    expect(found('Een kort gesprek. Diversiteit komt later', 'nl').map((match) => match.term)).not.toContain('gesprek over diversiteit');
  });

  it('matches a two-word term with its words swapped or one word apart, marked as loose', () => {
    expect(found('Teaching hybrid classes well', 'en')).toContainEqual({ term: 'hybrid teaching', surface: 'teaching hybrid', partial: false, loose: true });
    expect(found('Lessen die hybride zijn', 'nl').map((match) => match.term)).toContain('hybride lessen');
  });

  it('keeps stop words in terms that are mostly stop words, and matches them word for word', () => {
    expect(terms.find((term) => term.text === 'eigen regie')?.withStopWords).toBe(true);
    expect(found('Studenten nemen eigen regie', 'nl').map((match) => match.term)).toContain('eigen regie');
    expect(found('Studenten voeren de regie', 'nl').map((match) => match.term)).not.toContain('eigen regie');
    expect(found('Do I fit in here?', 'en').map((match) => match.term)).toContain('fit in');
  });

  it('uses only the term list of the page language', () => {
    expect(found('The stage is set for the play', 'en').map((match) => match.term)).not.toContain('stage');
  });

  it('rates phrases and compounds as specific and short words as ambiguous', () => {
    expect(terms.find((term) => term.text === 'stagediscriminatie')?.specific).toBe(true);
    expect(terms.find((term) => term.text === 'hybrid teaching')?.specific).toBe(true);
    expect(terms.find((term) => term.text === 'stage')?.specific).toBe(false);
    expect(termSpecificity(1, false, 5)).toBeLessThan(termSpecificity(1, false, 10));
    expect(termSpecificity(1, false, 3, true)).toBe(0.8);
  });
});
