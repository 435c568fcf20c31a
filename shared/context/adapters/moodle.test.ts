import { describe, expect, it } from 'vitest';
import { extractContext } from '../extract.ts';
import { moodleAdapter, moodlePageKind } from './moodle.ts';
import { checkFixture, loadFixture, uncoveredExamples, type FixtureCase } from '../fixtures/support.ts';

const [assignUrl, courseUrl, forumUrl, graderUrl, quizUrl] = moodleAdapter.exampleUrls as [string, string, string, string, string];

const cases: FixtureCase[] = [
  {
    file: 'assign-view.html',
    url: assignUrl,
    lms: 'moodle',
    pageKind: 'assignment',
    title: 'Werkplekverslag: je eerste weken op de kinderopvang',
    course: 'ZW2-PRAKTIJK',
    courseId: '318',
    language: 'nl',
    contains: ['drie dagen per week op je leerwerkplek', 'Privacy op je leerwerkplek', 'Noem drie leerdoelen'],
    headings: ['Wat schrijf je op?'],
    // The student in the recent-activity block and the submission table, the teacher in the user menu and
    // footer, the online user, the course index and the grading summary.
    absent: ['Fenna Oosterhuis', 'Gerda Vliegenthart', 'Bram Kuipers', 'Oefentoets veiligheid', 'Beoordelingsoverzicht', 'Afmelden', 'Geopend:'],
  },
  {
    file: 'course-view.html',
    url: courseUrl,
    lms: 'moodle',
    pageKind: 'course',
    title: 'Nederlands 2F – Entree-opleiding',
    course: 'Nederlands 2F – Entree-opleiding',
    courseId: '402',
    language: 'nl',
    contains: ['teksten die je tegenkomt in je werk', 'Schrijfopdracht: e-mail aan je leidinggevende', 'ziekmeldingsformulier'],
    headings: ['Week 1 – 4: lezen op je werk'],
    absent: ['Kees Wijnbergen', 'Deelnemers', 'Mijn cursussen', 'Bestand'],
  },
  {
    file: 'forum-discuss.html',
    url: forumUrl,
    lms: 'moodle',
    pageKind: 'forum',
    title: 'Hoe vond je je eerste week?',
    course: 'ZW2-PRAKTIJK',
    courseId: '318',
    contains: ['Vertel in een paar zinnen wat je is opgevallen', 'noem geen namen van kinderen of ouders'],
    // Replies are other people's words and carry their names.
    absent: ['Fenna Oosterhuis', 'Sem van Leeuwaarden', 'Gerda Vliegenthart', 'kringgesprek', 'Vorige discussie'],
  },
  {
    file: 'grader-report.html',
    url: graderUrl,
    lms: 'moodle',
    pageKind: 'grading',
    title: 'Zorg en Welzijn leerjaar 2 – Praktijkleren',
    course: 'ZW2-PRAKTIJK',
    courseId: '318',
    contains: [],
    absent: ['Fenna Oosterhuis', 'Sem van Leeuwaarden', 'Noor Haddou', 'student.duinrand.nl', '7,5', 'Gemiddelde'],
  },
  {
    file: 'quiz-attempt.html',
    url: quizUrl,
    lms: 'moodle',
    pageKind: 'quiz',
    title: 'Quiz: Rights at work',
    course: 'Social Studies 4 havo',
    courseId: '27',
    language: 'en',
    contains: ['regular holiday job in a shop', 'why a minimum youth wage exists'],
    // The student's name in the quiz navigation, and their own unfinished answer.
    absent: ['Milou Schreuder', 'My answer so far', 'Marked out of', 'Next page'],
  },
];

describe('Moodle adapter', () => {
  it.each(cases)('reads $file as a $pageKind page', (fixture) => {
    checkFixture('moodle', fixture);
  });

  it('has a fixture for every example URL', () => {
    expect(uncoveredExamples(moodleAdapter, cases)).toEqual([]);
  });

  it('gives grading pages no text and no headings', () => {
    const context = checkFixture('moodle', cases[3]!);
    expect(context.text).toBe('');
    expect(context.headings).toEqual([]);
  });

  it('says nothing, not even a title, on a page about one student', () => {
    const url = 'https://elo.duinrand.nl/grade/report/user/index.php?id=318&userid=912';
    const document = loadFixture('moodle', 'grader-report.html', url);
    document.body.id = 'page-grade-report-user-index';
    document.title = 'ZW2-PRAKTIJK: Gebruikersrapport: Fenna Oosterhuis';
    document.querySelector('#page-header h1')!.textContent = 'Fenna Oosterhuis';
    const context = extractContext(document, url);
    expect(context).toMatchObject({ lms: 'moodle', pageKind: 'grading', title: '', text: '', headings: [], courseId: '318' });
    expect(JSON.stringify(context)).not.toContain('Fenna');
  });

  it('keeps only the ids it needs in the url', () => {
    const url = 'https://kompasroos.moodlecloud.com/mod/quiz/attempt.php?attempt=77&cmid=210&sesskey=abc#q2';
    const context = checkFixture('moodle', { ...cases[4]!, url });
    expect(context.url).toBe('https://kompasroos.moodlecloud.com/mod/quiz/attempt.php?cmid=210');
  });

  it('recognises Moodle on any host by its body id and classes', () => {
    const document = loadFixture('moodle', 'course-view.html', 'https://leren.example.org/course/view.php?id=402');
    expect(moodleAdapter.detect(document, new URL(document.URL))).toBe(true);
    const plain = loadFixture('moodle', 'course-view.html', 'https://leren.example.org/');
    plain.body.removeAttribute('id');
    expect(moodleAdapter.detect(plain, new URL(plain.URL))).toBe(false);
  });

  it('maps page ids and script paths to page kinds', () => {
    const at = (path: string) => new URL(`https://elo.duinrand.nl${path}`);
    expect(moodlePageKind('mod-assign-view', at('/mod/assign/view.php?id=1')).kind).toBe('assignment');
    expect(moodlePageKind('mod-assign-view', at('/mod/assign/view.php?id=1&action=grading'))).toEqual({ kind: 'grading', withoutText: true });
    expect(moodlePageKind('mod-quiz-review', at('/mod/quiz/review.php')).kind).toBe('grading');
    expect(moodlePageKind('user-index', at('/user/index.php?id=4'))).toEqual({ kind: 'other', withoutText: true });
    expect(moodlePageKind('calendar-view', at('/calendar/view.php')).kind).toBe('calendar');
    expect(moodlePageKind('course-edit', at('/course/edit.php?id=4')).kind).toBe('settings');
    expect(moodlePageKind('mod-book-view', at('/mod/book/view.php?id=4')).kind).toBe('page');
    expect(moodlePageKind('mod-feedback-view', at('/mod/feedback/view.php?id=4')).kind).toBe('other');
    // Without a body id (a stripped page), the script path decides.
    expect(moodlePageKind('', at('/mod/forum/discuss.php')).kind).toBe('forum');
    expect(moodlePageKind('', at('/grade/report/grader/index.php')).kind).toBe('grading');
  });
});
