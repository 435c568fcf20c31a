import { describe, expect, it } from 'vitest';
import { canvasAdapter, canvasPageKind } from './canvas.ts';
import { checkFixture, loadFixture, uncoveredExamples, type FixtureCase } from '../fixtures/support.ts';

const [pageUrl, assignmentUrl, discussionUrl, gradebookUrl] = canvasAdapter.exampleUrls as [string, string, string, string];

const cases: FixtureCase[] = [
  {
    file: 'wiki-page.html',
    url: pageUrl,
    lms: 'canvas',
    pageKind: 'page',
    title: 'Werkplekleren in jaar 2: zo vind je een leerwerkplek',
    course: 'Pedagogiek jaar 2 – Werkplekleren 2024-2025',
    courseId: '5120',
    language: 'nl',
    contains: ['één dag per week voor de klas op een basisschool', 'steeds wordt afgewezen', 'zorgtaken'],
    headings: ['Stappenplan', 'Goed om te weten'],
    // The user's avatar, the editor's name, the student in the sidebar, the course menu and the to-do list.
    absent: ['Ruben Achterberg', 'Lotte Ravensbergen', 'Jolien Hofstede', 'Personen', 'Portfolio-opdracht', 'Gepubliceerd', 'Privacybeleid'],
  },
  {
    file: 'assignment.html',
    url: assignmentUrl,
    lms: 'canvas',
    pageKind: 'assignment',
    title: 'Portfolio-opdracht: observatie in de klas',
    course: 'Pedagogiek jaar 2 – Werkplekleren 2024-2025',
    courseId: '5120',
    contains: ['hoe de leerkracht de beurten verdeelt', 'hoge verwachtingen'],
    headings: ['Wat lever je in?'],
    absent: ['Daan Stroosnijder', 'Ruben Achterberg', 'Studentweergave', 'Gerelateerde items'],
  },
  {
    file: 'discussion.html',
    url: discussionUrl,
    lms: 'canvas',
    pageKind: 'forum',
    title: 'Week 3: who speaks up in your tutorial group?',
    course: 'Academic Skills for Engineers',
    courseId: '5133',
    language: 'en-GB',
    contains: ['who did most of the talking', 'everyone speaks once before open discussion'],
    // The topic's author, the repliers and their replies.
    absent: ['Hessel Dijkgraaf', 'Kofi Mensah-Bakker', 'Ilse Timmermans', 'minor in construction', 'Search entries'],
  },
  {
    file: 'gradebook.html',
    url: gradebookUrl,
    lms: 'canvas',
    pageKind: 'grading',
    title: 'Gradebook',
    course: 'ASE-1',
    courseId: '5133',
    contains: [],
    absent: ['Kofi Mensah-Bakker', 'Ilse Timmermans', 'Ravi Chandrapal', 'Bridge design report', 'Student Name'],
  },
];

describe('Canvas adapter', () => {
  it.each(cases)('reads $file as a $pageKind page', (fixture) => {
    checkFixture('canvas', fixture);
  });

  it('has a fixture for every example URL', () => {
    expect(uncoveredExamples(canvasAdapter, cases)).toEqual([]);
  });

  it('recognises self-hosted Canvas by its application shell', () => {
    const document = loadFixture('canvas', 'wiki-page.html', 'https://canvas.wadkust.nl/courses/5120/pages/werkplekleren-in-jaar-2');
    expect(canvasAdapter.detect(document, new URL(document.URL))).toBe(true);
    document.getElementById('application')?.setAttribute('class', '');
    document.body.setAttribute('class', '');
    expect(canvasAdapter.detect(document, new URL(document.URL))).toBe(false);
  });

  it('maps Canvas paths to page kinds', () => {
    expect(canvasPageKind('/courses/1').kind).toBe('course');
    expect(canvasPageKind('/courses/1/modules').kind).toBe('course');
    expect(canvasPageKind('/courses/1/assignments/2').kind).toBe('assignment');
    expect(canvasPageKind('/courses/1/assignments/2/submissions')).toEqual({ kind: 'grading', withoutText: true });
    expect(canvasPageKind('/courses/1/assignments/2/submissions/3')).toEqual({ kind: 'grading', withoutText: true, aboutPerson: true });
    expect(canvasPageKind('/courses/1/gradebook/speed_grader')).toEqual({ kind: 'grading', withoutText: true, aboutPerson: true });
    expect(canvasPageKind('/courses/1/users/88')).toEqual({ kind: 'other', withoutText: true, aboutPerson: true });
    expect(canvasPageKind('/courses/1/quizzes/7').kind).toBe('quiz');
    expect(canvasPageKind('/courses/1/announcements').kind).toBe('forum');
    expect(canvasPageKind('/courses/1/settings').kind).toBe('settings');
    expect(canvasPageKind('/courses/1/users')).toEqual({ kind: 'other', withoutText: true });
    expect(canvasPageKind('/calendar').kind).toBe('calendar');
    expect(canvasPageKind('/conversations')).toEqual({ kind: 'other', withoutText: true });
  });
});
