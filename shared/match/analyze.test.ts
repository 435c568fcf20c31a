import { describe, expect, it } from 'vitest';
import { CompoundSplitter, foldText, guessLanguageOfWords, isStopWord, matchLanguage, stem, TextAnalyzer, tokenize } from './analyze.ts';

/** A small vocabulary of the kind the suggester builds from the catalog (topic terms, titles, summaries). */
const VOCABULARY = [
  'stage', 'stageplaats', 'discriminatie', 'stagediscriminatie', 'loopbaan', 'loopbaanbegeleiding', 'begeleiding', 'bpv',
  'bpv-plaats', 'techniek', 'onderwijs', 'student', 'studenten', 'raad', 'beroep', 'praktijk', 'eerste', 'generatie',
  'ouder', 'avond', 'peer', 'mentor', 'gelijk', 'gelijke', 'kansen',
].flatMap((text) => tokenize(text).map((token) => token.word));

describe('tokenize', () => {
  it('folds case and diacritics and keeps words, numbers and inner apostrophes', () => {
    expect(tokenize("Oriëntatie op de BPV-plaats: slb'er, buddy's en mbo 1.5").map((token) => token.word)).toEqual([
      'orientatie', 'op', 'de', 'bpv', 'plaats', "slb'er", "buddy's", 'en', 'mbo', '1.5',
    ]);
  });

  it('numbers sentences so phrases cannot run across a full stop, colon or bracket', () => {
    const tokens = tokenize('Gelijke kansen. Voor iedereen (ook jou): klaar');
    expect(tokens.map((token) => token.sentence)).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });

  it('folds text the same way for every script of an accented letter', () => {
    expect(foldText('Coördinator ÉÉN café')).toBe('coordinator een cafe');
    expect(foldText('Coo\u0308rdinator')).toBe('coordinator');
  });
});

describe('stem', () => {
  it('makes Dutch singulars and plurals meet, also where plain Snowball Dutch does not', () => {
    const pairs: Array<[string, string]> = [
      ['stage', 'stages'], ['kans', 'kansen'], ['stageplaats', 'stageplaatsen'], ['les', 'lessen'],
      ['leerbedrijf', 'leerbedrijven'], ['rolmodel', 'rolmodellen'], ['gezin', 'gezinnen'], ['meisje', 'meisjes'],
      ['sollicitatie', 'sollicitaties'], ['buddy', "buddy's"], ['familie', 'families'], ['afwijzing', 'afwijzingen'],
      ['vooroordeel', 'vooroordelen'], ['ouder', 'ouders'], ['decaan', 'decanen'], ['loopbaan', 'loopbanen'],
    ];
    for (const [singular, plural] of pairs) expect(stem(plural, 'nl'), `${singular} / ${plural}`).toBe(stem(singular, 'nl'));
  });

  it('stems English with Snowball (Porter 2)', () => {
    expect(stem('internships', 'en')).toBe(stem('internship', 'en'));
    expect(stem('placements', 'en')).toBe('placement');
    expect(stem('mentoring', 'en')).toBe(stem('mentors', 'en'));
    expect(stem("student's", 'en')).toBe('student');
  });

  it('keeps stems of different Dutch words apart', () => {
    expect(stem('stage', 'nl')).not.toBe(stem('staat', 'nl'));
    expect(stem('diversiteit', 'nl')).not.toBe(stem('divers', 'nl'));
    expect(stem('inclusie', 'nl')).not.toBe(stem('inclusief', 'nl'));
  });
});

describe('stop words and language', () => {
  it('knows the function words of each language', () => {
    expect(isStopWord('het', 'nl')).toBe(true);
    expect(isStopWord('stage', 'nl')).toBe(false);
    expect(isStopWord('the', 'en')).toBe(true);
    expect(isStopWord('the', 'nl')).toBe(false);
  });

  it('reads a language tag and guesses a language from the words', () => {
    expect(matchLanguage('nl-BE')).toBe('nl');
    expect(matchLanguage('en_GB')).toBe('en');
    expect(matchLanguage('fr')).toBeUndefined();
    const dutch = tokenize('De studenten zoeken een stageplaats en bespreken het met hun begeleider, want dat is voor hen nieuw.');
    const english = tokenize('The students look for a placement and discuss it with their supervisor, because this is new for them and you.');
    expect(guessLanguageOfWords(dutch.map((token) => token.word))).toBe('nl');
    expect(guessLanguageOfWords(english.map((token) => token.word))).toBe('en');
    expect(guessLanguageOfWords(['stage', 'bpv'])).toBeUndefined();
  });
});

describe('CompoundSplitter', () => {
  const splitter = new CompoundSplitter(VOCABULARY);

  it('splits the compounds of the issue into parts that meet the topic words', () => {
    const analyzer = new TextAnalyzer(splitter);
    const partsOf = (word: string) => analyzer.analyze(word, 'nl')[0]?.parts ?? [];
    expect(partsOf('stageplaatsen')).toContain(stem('stage', 'nl'));
    expect(partsOf('stagediscriminatie')).toEqual([stem('stage', 'nl'), stem('discriminatie', 'nl')]);
    expect(partsOf('loopbaanbegeleiding')).toEqual([stem('loopbaan', 'nl'), stem('begeleiding', 'nl')]);
    expect(partsOf('techniekonderwijs')).toEqual([stem('techniek', 'nl'), stem('onderwijs', 'nl')]);
    expect(partsOf('bpvplaats')[0]).toBe('bpv');
    // `bpv-plaats` is two words already: the hyphen splits it.
    expect(analyzer.analyze('bpv-plaats', 'nl').map((word) => word.stem)).toEqual(['bpv', stem('plaats', 'nl')]);
  });

  it('takes the linking sounds -s-, -e- and -en- out', () => {
    const analyzer = new TextAnalyzer(splitter);
    const partsOf = (word: string) => analyzer.analyze(word, 'nl')[0]?.parts ?? [];
    expect(partsOf('studentenraad')).toEqual([stem('student', 'nl'), stem('raad', 'nl')]);
    expect(splitter.split('beroepspraktijk')).toEqual(['beroep', 'praktijk']);
    expect(splitter.split('kansenraad')).toEqual(['kansen', 'raad']);
    expect(splitter.split('eerstegeneratiestudenten')).toEqual(['eerste', 'generatie', 'studenten']);
  });

  it('prefers known parts over a guess and allows at most one unknown part', () => {
    expect(splitter.split('techniekdocenten')).toEqual(['techniek', 'docenten']);
    expect(splitter.split('stagemarktdag')).toEqual(['stage', 'marktdag']);
    expect(splitter.split('ouderavondplanning')).toEqual(['ouder', 'avond', 'planning']);
    expect(splitter.split('kantinekassabon')).toBeNull();
  });

  it('does not split plain words, inflections or derivations', () => {
    expect(splitter.split('studenten')).toBeNull();
    expect(splitter.split('stages')).toBeNull();
    expect(splitter.split('gelijkheid')).toBeNull();
    expect(splitter.split('biodiversiteit')).toBeNull();
    expect(splitter.split('stag')).toBeNull();
  });

  it('stays cheap on very long strings', () => {
    const long = 'stage'.repeat(200);
    const started = performance.now();
    expect(splitter.split(long)).toBeNull();
    expect(splitter.split('x'.repeat(10_000))).toBeNull();
    // Not a timing assertion: just that no exponential search happens (it would not finish at all).
    expect(performance.now() - started).toBeGreaterThanOrEqual(0);
  });
});

describe('TextAnalyzer', () => {
  it('keeps stop words flagged, so phrases keep their shape', () => {
    const words = new TextAnalyzer(new CompoundSplitter(VOCABULARY)).analyze('Het gesprek over de stageplaatsen', 'nl');
    expect(words.map((word) => word.stop)).toEqual([true, false, true, true, false]);
    expect(words[4]!.parts).toBeDefined();
  });

  it('does not split English words', () => {
    const words = new TextAnalyzer(new CompoundSplitter(VOCABULARY)).analyze('stagediscriminatie', 'en');
    expect(words[0]!.parts).toBeUndefined();
  });
});
