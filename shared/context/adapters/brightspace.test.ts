import { describe, expect, it } from 'vitest';
import { brightspaceAdapter, brightspaceOrgUnit, brightspacePageKind } from './brightspace.ts';
import { checkFixture, uncoveredExamples, type FixtureCase } from '../fixtures/support.ts';

const [contentUrl, dropboxUrl, discussionUrl] = brightspaceAdapter.exampleUrls as [string, string, string];
const course = 'Mentoraat leerjaar 1 – Zilvermeer';

const cases: FixtureCase[] = [
  {
    file: 'content-topic.html',
    url: contentUrl,
    lms: 'brightspace',
    pageKind: 'page',
    title: 'Kennismakingsweek: iedereen hoort erbij',
    course,
    courseId: '30412',
    language: 'nl-NL',
    // The authored text lives only inside the <template> of <d2l-html-block>.
    contains: ['leerlingen die zich in de eerste weken welkom voelen', 'buddy\'s uit leerjaar 2', 'Bel in de tweede week alle ouders'],
    headings: ['Programma per dag', 'Tips voor mentoren'],
    absent: ['Wietske Hoogendijk', 'Inhoudsopgave', 'Rapportgesprekken', 'Ouderavond brugklas', 'Klassenkaart_sjabloon', 'Privacyverklaring', 'Downloaden'],
  },
  {
    file: 'dropbox-assignment.html',
    url: dropboxUrl,
    lms: 'brightspace',
    pageKind: 'assignment',
    title: 'Mijn talenten en interesses',
    course,
    courseId: '30412',
    contains: ['Maak een poster over jezelf voor de loopbaanles', 'Interview iemand thuis'],
    absent: ['Tygo Brouwershaven', 'Poster_Tygo', 'Vervaldatum', 'Annuleren'],
  },
  {
    file: 'discussion-thread.html',
    url: discussionUrl,
    lms: 'brightspace',
    pageKind: 'forum',
    title: 'Wat maakt een klas veilig?',
    course,
    courseId: '30412',
    contains: ['één ding op dat jij nodig hebt om je veilig te voelen'],
    absent: ['Wietske Hoogendijk', 'Jesse Vermeulen-Otten', 'Mariam Azzouzi', 'Arabisch'],
  },
];

describe('Brightspace adapter', () => {
  it.each(cases)('reads $file as a $pageKind page', (fixture) => {
    checkFixture('brightspace', fixture);
  });

  it('has a fixture for every example URL', () => {
    expect(uncoveredExamples(brightspaceAdapter, cases)).toEqual([]);
  });

  it('reads the d2l-html-block template once, in document order', () => {
    const context = checkFixture('brightspace', cases[0]!);
    const first = context.text.indexOf('De eerste week van het schooljaar');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(context.text.indexOf('De eerste week van het schooljaar', first + 1)).toBe(-1);
  });

  it('keeps the org unit and folder ids in the url and nothing else', () => {
    const context = checkFixture('brightspace', { ...cases[1]!, url: `${dropboxUrl}&d2l_stateScopes=%7B1%7D&isprv=1` });
    expect(context.url).toBe('https://zilvermeer.brightspace.com/d2l/lms/dropbox/user/folder_submit_files.d2l?ou=30412&db=5520');
  });

  it('maps Brightspace paths to page kinds and org units', () => {
    expect(brightspacePageKind('/d2l/le/content/30412/Home').kind).toBe('course');
    expect(brightspacePageKind('/d2l/home/30412').kind).toBe('course');
    expect(brightspacePageKind('/d2l/lms/quizzing/user/quiz_summary.d2l').kind).toBe('quiz');
    expect(brightspacePageKind('/d2l/lms/grades/admin/enter/user_list_view.d2l')).toEqual({ kind: 'grading', withoutText: true });
    expect(brightspacePageKind('/d2l/lms/classlist/classlist.d2l')).toEqual({ kind: 'other', withoutText: true });
    expect(brightspacePageKind('/d2l/le/calendar/30412').kind).toBe('calendar');
    expect(brightspacePageKind('/d2l/lp/cmc/main.d2l').kind).toBe('settings');
    expect(brightspaceOrgUnit(new URL('https://x.brightspace.com/d2l/le/content/30412/viewContent/1/View'))).toBe('30412');
    expect(brightspaceOrgUnit(new URL('https://x.brightspace.com/d2l/lms/dropbox/dropbox.d2l?ou=777'))).toBe('777');
    expect(brightspaceOrgUnit(new URL('https://x.brightspace.com/d2l/home'))).toBeUndefined();
  });
});
