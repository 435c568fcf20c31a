import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../catalog/parse.ts';
import type { Catalog } from '../catalog/types.ts';
import type { PageContext } from '../context/types.ts';
import { isInPeriod } from './periods.ts';
import { catalogFingerprint, createSuggester, loadSuggester, SuggesterIndexError } from './suggester.ts';

const SOURCE = {
  format: 'kanswijzer-catalog',
  version: 1,
  id: 'match-test',
  title: 'Testcatalogus',
  language: 'nl',
  updated: '2026-01-01T00:00:00Z',
  topics: [
    {
      id: 'stages', label: { nl: 'Stages organiseren', en: 'Organising work placements' },
      terms: {
        nl: ['stage', 'stageplaats', 'bpv', 'stagebegeleider', 'praktijkovereenkomst', 'leerbedrijf', 'stagebezoek'],
        en: ['internship', 'work placement', 'placement', 'host company', 'placement agreement'],
      },
    },
    {
      id: 'verbondenheid', label: { nl: 'Verbondenheid', en: 'Sense of belonging' },
      terms: { nl: ['verbondenheid', 'erbij horen', 'introductieweek', 'kennismaking', 'groepsvorming'], en: ['belonging', 'induction week', 'feel welcome'] },
    },
    {
      id: 'dialoog', label: { nl: 'Dialoog over diversiteit', en: 'Dialogue on diversity' },
      terms: { nl: ['dialoog', 'diversiteit', 'vooroordelen', 'identiteit', 'gesprek over diversiteit'], en: ['dialogue', 'diversity', 'prejudice'] },
    },
  ],
  audiences: [
    { id: 'docent', label: { nl: 'Docenten', en: 'Teachers' } },
    { id: 'stagebegeleider', label: { nl: 'Stagebegeleiders', en: 'Internship coordinators' } },
  ],
  sectors: [{ id: 'mbo', label: 'Mbo' }, { id: 'ho', label: { nl: 'Hoger onderwijs', en: 'Higher education' } }],
  periods: [
    { id: 'start-schooljaar', label: { nl: 'Start van het schooljaar', en: 'Start of the school year' }, ranges: [{ from: '08-15', to: '10-31' }] },
    { id: 'jaarwisseling', label: { nl: 'Rond de jaarwisseling', en: 'Around the turn of the year' }, ranges: [{ from: '12-01', to: '01-31' }] },
  ],
  items: [
    {
      id: 'stagebezoek-plannen', type: 'practice', title: { nl: 'Stagebezoeken plannen', en: 'Planning placement visits' },
      summary: { nl: 'Zo plan je de bezoeken van de stagebegeleider bij het leerbedrijf.', en: 'How to plan the visits of the internship coordinator to the host company.' },
      topics: ['stages'], audiences: ['docent'], sectors: ['mbo'], periods: [],
    },
    {
      id: 'stageplaats-zoeken', type: 'resource', title: { nl: 'Samen een stageplaats zoeken', en: 'Finding a work placement together' },
      summary: { nl: 'Een stappenplan voor het zoeken van een stageplaats bij een leerbedrijf.', en: 'A step-by-step plan for finding a work placement at a host company.' },
      topics: ['stages'], audiences: ['stagebegeleider'], sectors: ['ho'], periods: [],
    },
    {
      id: 'introductieweek-draaiboek', type: 'resource', title: { nl: 'Draaiboek introductieweek', en: 'Induction week guide' },
      summary: { nl: 'Kennismaking en groepsvorming in de eerste week.', en: 'Getting to know each other and group building in the first week.' },
      topics: ['verbondenheid'], audiences: ['docent'], sectors: ['mbo'], periods: ['start-schooljaar'],
    },
    {
      id: 'welkom-na-de-kerst', type: 'practice', title: { nl: 'Welkom terug na de kerst', en: 'Welcome back after Christmas' },
      summary: { nl: 'Verbondenheid na de vakantie: weer kennismaking en groepsvorming.', en: 'Belonging after the holidays: getting to know each other again.' },
      topics: ['verbondenheid'], audiences: ['docent'], sectors: ['mbo'], periods: ['jaarwisseling'],
    },
    {
      id: 'dialoog-in-de-klas', type: 'practice', title: { nl: 'Een dialoog over vooroordelen in de klas', en: 'A classroom dialogue on prejudice' },
      summary: { nl: 'Gespreksregels en vragen voor een dialoog over identiteit en vooroordelen.', en: 'Rules and questions for a dialogue on identity and prejudice.' },
      topics: ['dialoog', 'verbondenheid'], audiences: ['docent'], sectors: ['mbo', 'ho'], periods: [],
    },
  ],
};

function testCatalog(changes: (source: typeof SOURCE) => void = () => {}): Catalog {
  const source = structuredClone(SOURCE);
  changes(source);
  const { catalog, problems } = parseCatalog(source, { mode: 'strict' });
  if (!catalog) throw new Error(`test catalog invalid: ${problems.map((problem) => problem.message).join('; ')}`);
  return catalog;
}

function page(overrides: Partial<PageContext>): PageContext {
  return { lms: 'moodle', pageKind: 'page', url: 'https://elo.example/mod/page/view.php?id=1', title: '', headings: [], text: '', language: 'nl', ...overrides };
}

const STAGE_PAGE = page({
  title: 'Stagebezoeken in periode 2',
  course: 'BPV Zorg niveau 3',
  headings: ['Praktijkovereenkomst', 'Bezoeken'],
  text: 'De stagebegeleider bezoekt iedere student twee keer op de stageplaats. Voor de start is de praktijkovereenkomst getekend door het leerbedrijf. Na het stagebezoek schrijf je een kort verslag in het dossier.',
});
const MATHS_QUIZ = page({
  pageKind: 'quiz',
  title: 'Toets hoofdstuk 3: breuken',
  text: 'Deze toets gaat over breuken en procenten. Je mag een rekenmachine gebruiken. Je hebt 45 minuten. Vraag 1: reken 3/4 + 2/5 uit.',
});

describe('createSuggester', () => {
  const suggester = createSuggester(testCatalog());

  it('suggests the items on the topic of the page, with reasons in the page language', () => {
    const suggestions = suggester.suggest(STAGE_PAGE, {}, new Date(2026, 2, 10));
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((suggestion) => suggestion.topics.includes('stages'))).toBe(true);
    const first = suggestions[0]!;
    expect(first.id).toBe('stagebezoek-plannen');
    expect(first.title).toBe('Stagebezoeken plannen');
    expect(first.type).toBe('practice');
    expect(first.score).toBeGreaterThan(0);
    expect(first.score).toBeLessThanOrEqual(1);
    expect(first.reasons[0]).toMatch(/^Deze pagina gaat over .*(stagebezoek|praktijkovereenkomst|stagebegeleider)/);
  });

  it('answers in English on an English page, and in the profile language when one is set', () => {
    const english = page({
      language: 'en',
      title: 'Your work placement in term 2',
      text: 'Find a work placement at a host company before the end of term. The placement agreement is signed by you, the host company and the school. Your internship coordinator visits the placement twice.',
    });
    const [first] = suggester.suggest(english, {}, new Date(2026, 2, 10));
    expect(first?.title).toMatch(/placement/i);
    expect(first?.reasons[0]).toMatch(/^This page is about /);
    const [dutch] = suggester.suggest(english, { language: 'nl' }, new Date(2026, 2, 10));
    expect(dutch?.reasons[0]).toBe('Deze pagina gaat over stages organiseren');
  });

  it('stays silent on pages that are not about a topic, on grade books and on settings', () => {
    expect(suggester.suggest(MATHS_QUIZ)).toEqual([]);
    expect(suggester.suggest({ ...STAGE_PAGE, pageKind: 'grading' })).toEqual([]);
    expect(suggester.suggest({ ...STAGE_PAGE, pageKind: 'settings' })).toEqual([]);
    expect(suggester.explain({ ...STAGE_PAGE, pageKind: 'grading' }).silence).toBe('grading page');
  });

  it('does not take the English theatre stage or a single passing "stage" for an internship', () => {
    const theatre = page({
      language: 'en',
      title: 'Stage design: the set for our spring show',
      text: 'Design the set for the main stage. The stage is nine metres wide; actors enter from both sides of the stage. Light the stage from the front.',
    });
    expect(suggester.suggest(theatre)).toEqual([]);
    const passing = page({
      title: 'Rooster periode 3',
      text: 'Maandag les in lokaal B2. Dinsdag toets Nederlands. Wie op stage is, maakt de toets op vrijdag. Woensdag sportdag.',
    });
    expect(suggester.suggest(passing)).toEqual([]);
  });

  it('needs more than one ambiguous word: "diversiteit" in biology stays silent', () => {
    const biology = page({
      title: 'Diversiteit in de sloot',
      text: 'We tellen de waterdiertjes in twee sloten. Hoe meer soorten, hoe groter de diversiteit. Schrijf je hypothese op en vergelijk de diversiteit van beide sloten.',
    });
    expect(suggester.suggest(biology)).toEqual([]);
  });

  it('weighs the title more than the body', () => {
    const inTitle = suggester.explain(page({ title: 'Vooroordelen en identiteit', text: 'Een les over wat we van elkaar denken. We praten in kleine groepen.' }));
    const inBody = suggester.explain(page({ title: 'Les 4', text: 'Een les over vooroordelen en identiteit. We praten in kleine groepen.' }));
    const confidence = (explanation: typeof inTitle) => explanation.topics.find((topic) => topic.topic === 'dialoog')?.confidence ?? 0;
    expect(confidence(inTitle)).toBeGreaterThan(confidence(inBody));
  });

  it('lets the role reorder the suggestions but never create one', () => {
    const neutral = suggester.suggest(STAGE_PAGE, {}, new Date(2026, 2, 10)).map((suggestion) => suggestion.id);
    const coordinator = suggester.suggest(STAGE_PAGE, { role: 'stagebegeleider', sector: 'ho' }, new Date(2026, 2, 10));
    expect(new Set(coordinator.map((suggestion) => suggestion.id))).toEqual(new Set(neutral));
    expect(coordinator[0]!.id).toBe('stageplaats-zoeken');
    expect(coordinator[0]!.reasons).toContain('Voor stagebegeleiders');
    expect(coordinator[0]!.reasons).toContain('Voor hoger onderwijs');
    expect(suggester.suggest(MATHS_QUIZ, { role: 'docent', sector: 'mbo', topics: ['stages'] }, new Date(2026, 8, 1))).toEqual([]);
  });

  it('ranks items of the current period higher, also for periods that wrap the year end', () => {
    const welcome = page({
      title: 'Kennismaking en groepsvorming in de klas',
      text: 'De klas begint met kennismaking. We werken aan groepsvorming, zodat iedereen zich thuis voelt.',
    });
    const september = suggester.suggest(welcome, {}, new Date(2026, 8, 10));
    expect(september[0]!.id).toBe('introductieweek-draaiboek');
    expect(september[0]!.reasons).toContain('Start van het schooljaar');
    const january = suggester.suggest(welcome, {}, new Date(2027, 0, 8));
    expect(january[0]!.id).toBe('welkom-na-de-kerst');
    expect(january[0]!.reasons).toContain('Rond de jaarwisseling');
  });

  it('leaves dismissed items out and ranks the rest of their topic a little lower for this course', () => {
    const before = suggester.suggest(STAGE_PAGE, {}, new Date(2026, 2, 10));
    const after = suggester.suggest(STAGE_PAGE, { dismissed: ['stagebezoek-plannen'] }, new Date(2026, 2, 10));
    expect(after.map((suggestion) => suggestion.id)).not.toContain('stagebezoek-plannen');
    const scoreOf = (list: typeof before, id: string) => list.find((suggestion) => suggestion.id === id)?.score ?? 0;
    expect(scoreOf(after, 'stageplaats-zoeken')).toBeGreaterThan(0);
    expect(scoreOf(after, 'stageplaats-zoeken')).toBeLessThan(scoreOf(before, 'stageplaats-zoeken'));
  });

  it('is deterministic and honours the limit', () => {
    expect(suggester.suggest(STAGE_PAGE, {}, new Date(2026, 2, 10))).toEqual(suggester.suggest(STAGE_PAGE, {}, new Date(2026, 2, 10)));
    expect(createSuggester(testCatalog(), { limit: 1 }).suggest(STAGE_PAGE, {}, new Date(2026, 2, 10))).toHaveLength(1);
  });

  it('never throws on a broken context', () => {
    const broken = [
      null, undefined, 42, {}, { pageKind: 'page', title: 7, headings: 'x', text: null },
      page({ text: 'stage '.repeat(50_000) }), page({ headings: [null as unknown as string, 'Stage'] }),
    ];
    for (const context of broken) expect(Array.isArray(suggester.suggest(context as PageContext))).toBe(true);
    expect(Array.isArray(suggester.suggest(STAGE_PAGE, { role: 3, dismissed: 'x' } as never, new Date('nonsense')))).toBe(true);
  });
});

describe('serialize and loadSuggester', () => {
  const catalog = testCatalog();
  const built = createSuggester(catalog);

  it('restores an index that suggests exactly what the built one does', () => {
    const stored = JSON.parse(JSON.stringify(built.serialize()));
    const restored = loadSuggester(stored, catalog);
    for (const context of [STAGE_PAGE, MATHS_QUIZ]) {
      expect(restored.explain(context, { role: 'docent' }, new Date(2026, 8, 1))).toEqual(built.explain(context, { role: 'docent' }, new Date(2026, 8, 1)));
    }
    expect(loadSuggester(JSON.stringify(built.serialize()), catalog).suggest(STAGE_PAGE)).toEqual(built.suggest(STAGE_PAGE));
  });

  it('refuses an index of another catalog, another version or damaged data', () => {
    const stored = built.serialize();
    const changed = testCatalog((source) => {
      source.topics[0]!.terms.nl.push('werkplekleren');
    });
    expect(catalogFingerprint(changed)).not.toBe(catalogFingerprint(catalog));
    expect(() => loadSuggester(stored, changed)).toThrow(SuggesterIndexError);
    expect(() => loadSuggester({ ...stored, version: 999 }, catalog)).toThrow(/format/);
    expect(() => loadSuggester('{not json', catalog)).toThrow(SuggesterIndexError);
    expect(() => loadSuggester({ ...stored, fullText: { items: 5, postings: { nl: { stag: [0, 10, 99, 5] }, en: {} } } }, catalog)).toThrow(SuggesterIndexError);
  });
});

describe('isInPeriod', () => {
  it('reads month-day ranges in local time, wrapping the year end', () => {
    const autumn = { ranges: [{ from: '08-15', to: '10-31' }] };
    const winter = { ranges: [{ from: '12-01', to: '01-31' }] };
    expect(isInPeriod(autumn, new Date(2025, 7, 15))).toBe(true);
    expect(isInPeriod(autumn, new Date(2025, 9, 31, 23, 59))).toBe(true);
    expect(isInPeriod(autumn, new Date(2025, 10, 1))).toBe(false);
    expect(isInPeriod(winter, new Date(2025, 11, 24))).toBe(true);
    expect(isInPeriod(winter, new Date(2026, 0, 31))).toBe(true);
    expect(isInPeriod(winter, new Date(2026, 1, 1))).toBe(false);
    expect(isInPeriod({ ranges: [{ from: '13-01', to: '01-01' }] }, new Date(2026, 0, 1))).toBe(false);
  });
});
