import { describe, expect, it } from 'vitest';
import { blackboardAdapter, blackboardPageKind } from './blackboard.ts';
import { checkFixture, parseHtml, uncoveredExamples, type FixtureCase } from '../fixtures/support.ts';

const [outlineUrl, assessmentUrl, originalUrl] = blackboardAdapter.exampleUrls as [string, string, string];
const course = 'Stagebegeleiding Verpleegkunde jaar 3';

const cases: FixtureCase[] = [
  {
    file: 'ultra-course-outline.html',
    url: outlineUrl,
    lms: 'blackboard',
    pageKind: 'course',
    title: course,
    course,
    courseId: '_40210_1',
    language: 'nl-NL',
    contains: ['Voorbereiding op je stage in het ziekenhuis', 'opmerkingen over je achtergrond, je geloof of je hoofddoek'],
    absent: ['Annemiek Overbeek', 'Deelnemerslijst', 'Tussenevaluatie stage', 'Zichtbaar voor studenten', 'Afmelden', 'Cijferlijst'],
  },
  {
    file: 'ultra-assessment-panel.html',
    url: assessmentUrl,
    lms: 'blackboard',
    pageKind: 'assignment',
    title: 'Reflectieverslag tussenevaluatie',
    course,
    courseId: '_40210_1',
    contains: ['reflectieverslag van 600 tot 900 woorden', 'patiënt die de taal niet goed sprak'],
    headings: ['Instructies', 'Bespreek in elk geval'],
    // The outline behind the panel is hidden from assistive technology and is not the page being read.
    absent: ['Dewi Prawirosoedirdjo', 'Annemiek Overbeek', 'Voorbereiding op je stage', 'Vervaldatum'],
  },
  {
    file: 'original-content.html',
    url: originalUrl,
    lms: 'blackboard',
    pageKind: 'page',
    title: 'Week 2 materials',
    course: 'ENG101 Academic English',
    courseId: '_1877_1',
    language: 'en-GB',
    contains: ['underline the claim, the evidence and the warrant', 'Comment on the argument, not on the person'],
    headings: ['Reading: writing an argument paragraph'],
    absent: ['Pieter-Jan Verschoor', 'My Institution', 'Users', 'All rights reserved'],
  },
];

describe('Blackboard adapter', () => {
  it.each(cases)('reads $file as a $pageKind page', (fixture) => {
    checkFixture('blackboard', fixture);
  });

  it('has a fixture for every example URL', () => {
    expect(uncoveredExamples(blackboardAdapter, cases)).toEqual([]);
  });

  it('maps Ultra and Original paths to page kinds', () => {
    expect(blackboardPageKind('/ultra/course').kind).toBe('other');
    expect(blackboardPageKind('/ultra/courses/_1_1/outline').kind).toBe('course');
    expect(blackboardPageKind('/ultra/courses/_1_1/outline/discussion/_5_1').kind).toBe('forum');
    expect(blackboardPageKind('/ultra/courses/_1_1/grades')).toEqual({ kind: 'grading', withoutText: true });
    expect(blackboardPageKind('/ultra/courses/_1_1/outline/roster')).toEqual({ kind: 'other', withoutText: true });
    expect(blackboardPageKind('/ultra/calendar').kind).toBe('calendar');
    expect(blackboardPageKind('/webapps/assignment/uploadAssignment').kind).toBe('assignment');
    expect(blackboardPageKind('/webapps/assessment/take/launch.jsp').kind).toBe('quiz');
    expect(blackboardPageKind('/webapps/discussionboard/do/message').kind).toBe('forum');
    expect(blackboardPageKind('/webapps/gradebook/do/instructor/enterGradeCenter')).toEqual({ kind: 'grading', withoutText: true });
  });

  it('does not claim an unrelated page', () => {
    const document = parseHtml('<main><p>Java webapps</p></main>');
    expect(blackboardAdapter.detect(document, new URL('https://tomcat.example.org/webapps/manager/html'))).toBe(false);
  });
});
