import { describe, expect, it } from 'vitest';
import { extractContext } from '../extract.ts';
import { itslearningAdapter, itslearningPageKind } from './itslearning.ts';
import { checkFixture, fixtureHtml, loadFixture, parseHtml, uncoveredExamples, type FixtureCase } from '../fixtures/support.ts';

const [essayUrl, contentUrl, statusUrl] = itslearningAdapter.exampleUrls as [string, string, string];
const course = 'Mentoruur vmbo 4 – doorstroom';

const cases: FixtureCase[] = [
  {
    file: 'essay.html',
    url: essayUrl,
    lms: 'itslearning',
    pageKind: 'assignment',
    title: 'Opdracht: mijn route naar het mbo',
    course,
    courseId: '1907',
    language: 'nl',
    contains: ['welke opleidingen bij je passen', 'Maak dan een afspraak met de decaan'],
    headings: ['Beschrijving', 'Wat lever je in?'],
    absent: ['Ronald Brinkhorst', 'Sanne Roelofsen-Baars', 'Deelnemers', 'Voorlichtingsavond', '12 van 26', 'Bewerken'],
  },
  {
    file: 'contentarea.html',
    url: contentUrl,
    lms: 'itslearning',
    pageKind: 'page',
    title: 'Open dagen en meeloopdagen',
    course,
    courseId: '1907',
    contains: ['Ga minstens naar één open dag'],
    absent: ['Ronald Brinkhorst', 'Startpagina'],
  },
  {
    file: 'course-status.html',
    url: statusUrl,
    lms: 'itslearning',
    pageKind: 'grading',
    title: 'Status en opvolging',
    course,
    courseId: '1907',
    contains: [],
    absent: ['Sanne Roelofsen-Baars', 'Mehmet Yıldırım', 'Niet ingeleverd', 'Ronald Brinkhorst'],
  },
];

describe('itslearning adapter', () => {
  it.each(cases)('reads $file as a $pageKind page', (fixture) => {
    checkFixture('itslearning', fixture);
  });

  it('has a fixture for every example URL', () => {
    expect(uncoveredExamples(itslearningAdapter, cases)).toEqual([]);
  });

  it('reads content shown in a same-origin frame', () => {
    const document = loadFixture('itslearning', 'contentarea.html', contentUrl);
    const frame = document.querySelector('iframe') as HTMLIFrameElement;
    const inner = frame.contentDocument!;
    inner.body.innerHTML = '<div role="main"><h2>Open dagen</h2><p>ROC Heidezoom, zaterdag 25 januari: techniek en zorg.</p></div><div class="itsl-footer">Privacy</div>';
    const context = extractContext(document, contentUrl);
    expect(context.text).toContain('Ga minstens naar één open dag');
    expect(context.text).toContain('zaterdag 25 januari: techniek en zorg');
    expect(context.headings).toContain('Open dagen');
  });

  it('recognises itslearning WebForms pages on another host, but not SharePoint', () => {
    const moved = loadFixture('itslearning', 'essay.html', 'https://elo.heidezoom.nl/essay/read_essay.aspx?EssayID=40522');
    expect(itslearningAdapter.detect(moved, new URL(moved.URL))).toBe(true);
    const sharepoint = parseHtml(
      '<body><form id="aspnetForm"><input type="hidden" name="__VIEWSTATE" value="x"><div role="main"><p>Intranet</p></div></form></body>',
      'https://school.sharepoint.com/sites/Team/SitePages/Home.aspx',
    );
    expect(itslearningAdapter.detect(sharepoint, new URL(sharepoint.URL))).toBe(false);
    expect(extractContext(sharepoint, sharepoint.URL).lms).toBe('generic');
  });

  it('maps itslearning paths to page kinds', () => {
    expect(itslearningPageKind('/essay/read_essay.aspx').kind).toBe('assignment');
    expect(itslearningPageKind('/ContentArea/ContentArea.aspx').kind).toBe('page');
    expect(itslearningPageKind('/LearningToolElement/ViewLearningToolElement.aspx').kind).toBe('page');
    expect(itslearningPageKind('/test/view_survey_list.aspx').kind).toBe('quiz');
    expect(itslearningPageKind('/Course/Participants.aspx')).toEqual({ kind: 'other', withoutText: true });
    expect(itslearningPageKind('/Course/status.aspx')).toEqual({ kind: 'grading', withoutText: true });
    expect(itslearningPageKind('/main.aspx').kind).toBe('course');
  });

  it('keeps location ids but drops everything else from the query', () => {
    const context = extractContext(loadFixture('itslearning', 'contentarea.html', contentUrl), `${contentUrl}&ReturnUrl=%2Fperson%2Fshow`);
    expect(context.url).toBe('https://heidezoom.itslearning.com/ContentArea/ContentArea.aspx?LocationID=1907&LocationType=1');
    expect(fixtureHtml('itslearning', 'contentarea.html')).toContain('LocationID=1907');
  });
});
