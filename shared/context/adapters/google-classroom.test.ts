import { describe, expect, it } from 'vitest';
import { classroomPageKind, googleClassroomAdapter } from './google-classroom.ts';
import { checkFixture, uncoveredExamples, type FixtureCase } from '../fixtures/support.ts';

const [assignmentUrl, materialUrl, classworkUrl, streamUrl] = googleClassroomAdapter.exampleUrls as [string, string, string, string];
const course = 'Nederlands 1A';
const courseId = 'ODQ1NzIwMTkzNTc2';

const cases: FixtureCase[] = [
  {
    file: 'assignment-details.html',
    url: assignmentUrl,
    lms: 'google-classroom',
    pageKind: 'assignment',
    title: 'Mijn stamboom van talen',
    course,
    courseId,
    language: 'nl',
    contains: ['Welke talen worden er in jouw familie gesproken?', 'Papiaments of gebarentaal', 'Sjabloon stamboom.docx'],
    // The teacher's byline and account, a student's class comment, the submission counter and the tabs.
    absent: ['Hanneke Zwartkruis', 'Lars Bosch', 'Mag je ook een taal', 'Ingeleverd', 'Leerlingwerk', 'Mentoruur 1A', '5 punten'],
  },
  {
    file: 'material-details.html',
    url: materialUrl,
    lms: 'google-classroom',
    pageKind: 'page',
    title: 'Zo werken we in de klas',
    course,
    courseId,
    contains: ['we lachen niemand uit en iedereen mag fouten maken', 'Klasafspraken 1A'],
    absent: ['Hanneke Zwartkruis', 'h.zwartkruis@kompasroos.nl'],
  },
  {
    file: 'classwork.html',
    url: classworkUrl,
    lms: 'google-classroom',
    pageKind: 'course',
    title: 'Lesmateriaal',
    course,
    courseId,
    contains: ['Thema 1: wie ben ik?', 'Leesdossier: kies je eerste boek'],
    headings: ['Thema 2: lezen en luisteren'],
    absent: ['Hanneke Zwartkruis', 'Google Agenda', 'Personen'],
  },
  {
    file: 'stream.html',
    url: streamUrl,
    lms: 'google-classroom',
    pageKind: 'course',
    title: 'Nederlands 1A',
    course,
    courseId,
    // The stream mixes everyone's posts with their names: nothing of it is read.
    contains: [],
    absent: ['Lars Bosch', 'Hanneke Zwartkruis', 'Ik ben mijn boek vergeten'],
  },
];

describe('Google Classroom adapter', () => {
  it.each(cases)('reads $file as a $pageKind page', (fixture) => {
    checkFixture('google-classroom', fixture);
  });

  it('has a fixture for every example URL', () => {
    expect(uncoveredExamples(googleClassroomAdapter, cases)).toEqual([]);
  });

  it('reads nothing but the title and course on the stream', () => {
    const context = checkFixture('google-classroom', cases[3]!);
    expect(context.text).toBe('');
    expect(context.headings).toEqual([]);
  });

  it('maps Classroom paths, with or without an account prefix, to page kinds', () => {
    expect(classroomPageKind('/u/2/c/abc/a/def/details').kind).toBe('assignment');
    expect(classroomPageKind('/c/abc/a/def/submissions/by-status/and-sort-last-name/all')).toEqual({ kind: 'grading', withoutText: true });
    expect(classroomPageKind('/c/abc/p/def/details').kind).toBe('page');
    expect(classroomPageKind('/w/abc/t/all').kind).toBe('course');
    expect(classroomPageKind('/r/abc/sort-last-name')).toEqual({ kind: 'other', withoutText: true });
    expect(classroomPageKind('/c/abc/gb/sort-last-name')).toEqual({ kind: 'grading', withoutText: true });
    expect(classroomPageKind('/calendar/this-week/course/all').kind).toBe('calendar');
  });
});
