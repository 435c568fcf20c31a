import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { canvasAdapter } from './adapters/canvas.ts';
import { genericAdapter } from './adapters/generic.ts';
import { moodleAdapter } from './adapters/moodle.ts';
import { parseHtml } from './fixtures/support.ts';
import { extractContext } from './extract.ts';
import { extractContextUsing } from './extract-using.ts';
import type { LmsAdapter } from './types.ts';
import { MAX_HEADINGS, MAX_TEXT_LENGTH, MAX_TITLE_LENGTH } from './types.ts';

const brokenAdapter = (part: 'detect' | 'extract'): LmsAdapter => ({
  id: 'moodle',
  exampleUrls: [],
  detect: () => {
    if (part === 'detect') throw new Error('detect failed');
    return true;
  },
  extract: () => {
    throw new Error('extract failed');
  },
});

describe('extractContext on hostile and broken input', () => {
  it('falls back to the generic reader when an adapter throws', () => {
    const document = parseHtml('<title>Plan</title><main><h1>Plan</h1><p>Inhoud van het plan.</p></main>');
    for (const part of ['detect', 'extract'] as const) {
      const context = extractContext(document, 'https://example.org/plan', [brokenAdapter(part), genericAdapter]);
      expect(context.lms).toBe('generic');
      expect(context.text).toContain('Inhoud van het plan.');
    }
  });

  it('gives a minimal context for a document whose every property throws', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('no access'); } }) as unknown as Document;
    const context = extractContext(hostile, 'https://example.org/x?token=secret');
    expect(context).toEqual({ lms: 'generic', pageKind: 'other', url: 'https://example.org/x', title: '', headings: [], text: '' });
  });

  it('handles a document without a body or root element', () => {
    const { window } = new JSDOM('');
    const empty = window.document.implementation.createDocument(null, null);
    const context = extractContext(empty, 'https://example.org/');
    expect(context.lms).toBe('generic');
    expect(context.text).toBe('');
  });

  it('answers an empty url for an address that does not parse', () => {
    const document = parseHtml('<main><p>Tekst</p></main>');
    const context = extractContext(document, 'not a url');
    expect(context.url).toBe('');
    expect(context.lms).toBe('generic');
  });

  it('never asks for innerText, so reading causes no layout', () => {
    const { window } = new JSDOM('<main><h1>Titel</h1><p>Zonder layout gelezen.</p></main>', { url: 'https://example.org/' });
    Object.defineProperty(window.HTMLElement.prototype, 'innerText', {
      get() {
        throw new Error('innerText forces layout');
      },
    });
    expect(extractContext(window.document, window.location.href).text).toContain('Zonder layout gelezen.');
  });
});

describe('extractContext limits', () => {
  it('stops at the text budget on a very large page and cuts at a word boundary', () => {
    const paragraph = '<p>Stagebegeleiders bespreken de voortgang van elke student in het teamoverleg.</p>';
    const headings = Array.from({ length: 200 }, (_, i) => `<h2>Deel ${i + 1}</h2>${paragraph.repeat(10)}`).join('');
    const document = parseHtml(`<title>${'Lang '.repeat(200)}</title><main>${headings}</main>`);
    const context = extractContext(document, 'https://example.org/lang');
    expect(context.text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(context.text.length).toBeGreaterThan(MAX_TEXT_LENGTH * 0.9);
    // Cut between words, never inside one.
    const words = new Set('Stagebegeleiders bespreken de voortgang van elke student in het teamoverleg. Deel'.split(' '));
    const lastWord = context.text.split(' ').pop() ?? '';
    expect(words.has(lastWord) || /^\d+$/.test(lastWord)).toBe(true);
    expect(context.headings.length).toBeLessThanOrEqual(MAX_HEADINGS);
    expect(context.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
  });

  it('reads a page too large for one copy in batches, in document order, still without chrome or names', () => {
    // 3,000 sections of 4 elements: more than one copy takes, so the reader works through the children.
    const sections = Array.from({ length: 3000 }, (_, i) =>
      `<section><h2>Deel ${i + 1}</h2><p>Uitleg over stageplaatsen in deel ${i + 1}.</p><nav>Menu</nav><span class="username">Saskia Vermeer</span></section>`).join('');
    const document = parseHtml(`<main>${sections}</main>`);
    const context = extractContext(document, 'https://example.org/groot');
    expect(context.text.startsWith('Deel 1 Uitleg over stageplaatsen in deel 1. Deel 2 ')).toBe(true);
    expect(context.text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(context.text.length).toBeGreaterThan(MAX_TEXT_LENGTH * 0.9);
    expect(context.text).not.toContain('Menu');
    expect(JSON.stringify(context)).not.toContain('Saskia');
    expect(context.headings.slice(0, 3)).toEqual(['Deel 1', 'Deel 2', 'Deel 3']);
  });

  it('drops the query and fragment on unknown sites', () => {
    const document = parseHtml('<main><p>Tekst</p></main>');
    const context = extractContext(document, new URL('https://user:pw@example.org/pagina?naam=Jan%20Jansen&sessie=1#kop'));
    expect(context.url).toBe('https://example.org/pagina');
  });
});

describe('what the text reader reads', () => {
  const read = (body: string) => extractContext(parseHtml(`<main>${body}</main>`), 'https://example.org/').text;

  it('reads entities and comments in the text as a person sees them', () => {
    expect(read('<p>Tom &amp; Jerry &lt;3 a&nbsp;b &quot;c&quot; <!-- niet dit --> &amp;lt;</p>')).toBe('Tom & Jerry <3 a b "c" &lt;');
    expect(read('<p title="a > b">Titel met <a href="/x?a=1&amp;b=2" title=">">link</a> erin</p>')).toBe('Titel met link erin');
  });

  it('separates blocks and keeps inline text together', () => {
    expect(read('<p>Eerste</p><p>tweede <strong>zin</strong>nen</p><ul><li><a href="#">een</a></li><li><a href="#">twee</a></li></ul>'))
      .toBe('Eerste tweede zinnen een twee');
    expect(read('<p>regel<br>nieuwe regel</p>')).toBe('regel nieuwe regel');
  });

  it('leaves out code, hidden parts, form controls and chrome landmarks', () => {
    const text = read(`
      <p>Zichtbaar.</p>
      <script>var geheim = 1;</script><style>p { color: red }</style><noscript>Zet JavaScript aan</noscript>
      <template><p>Sjabloon</p></template><svg><text>Grafiek</text></svg>
      <div hidden>Verborgen</div><div aria-hidden="true">Voor schermlezers verborgen</div><div style="display: none">Weg</div>
      <nav>Menu</nav><aside>Zijbalk</aside><footer>Voettekst</footer><div role="navigation">Nav</div><div role="complementary">Extra</div>
      <select><option>Keuze</option></select><button>Knop</button><textarea>Concept</textarea>
      <span class="sr-only">Alleen voorlezen</span><div class="user-menu">Profiel</div>`);
    expect(text).toBe('Zichtbaar.');
  });

  it('judges roles by their first token and inline styles in any case or spacing', () => {
    const text = read(`
      <p>Zichtbaar.</p>
      <div role="NAVIGATION">Hoofdletters</div><div role=" menu menubar">Menu met terugval</div><div role="region">Regio blijft.</div>
      <div style="DISPLAY : None">Weg 1</div><div style="color: red; visibility:hidden !important">Weg 2</div>
      <div style="display: none-ish; color: red">Geen verbergstijl.</div><div style="--display: none">Eigen eigenschap.</div>`);
    expect(text).toBe('Zichtbaar. Regio blijft. Geen verbergstijl. Eigen eigenschap.');
  });

  it('extracts with only the adapters given, falling back to the generic reader', () => {
    const page = '<title>Week 1</title><body id="page-course-view-topics" class="pagelayout-course course-7"><div id="region-main"><div role="main"><h2>Week 1</h2><p>Inhoud.</p></div></div></body>';
    expect(extractContextUsing(parseHtml(page), 'https://elo.example.nl/course/view.php?id=7', [moodleAdapter]).lms).toBe('moodle');
    const other = extractContextUsing(parseHtml(page), 'https://elo.example.nl/course/view.php?id=7', [canvasAdapter]);
    expect(other.lms).toBe('generic');
    expect(other.text).toContain('Inhoud.');
  });

  it('reads open shadow roots and Brightspace templates in a DOM built in Node', () => {
    const document = parseHtml('<main><div id="host"></div><d2l-html-block><template><p>Uit het sjabloon.</p></template></d2l-html-block></main>');
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Uit de schaduw.</p><nav>Schaduwmenu</nav>';
    const text = extractContext(document, 'https://example.org/').text;
    expect(text).toBe('Uit de schaduw. Uit het sjabloon.');
  });
});
