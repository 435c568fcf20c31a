import { expect, fixture, html } from '@open-wc/testing';
import { extractContext } from './extract.ts';

// Mocha's globals, typed here because the project has no @types/mocha.
declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => void | Promise<void>) => void;

/** Renders its text into an open shadow root, as the web components of Brightspace pages do. */
class ShadowCard extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<section><h2>Uit de schaduw</h2><p>Tekst die alleen in een open shadow root staat.</p></section><nav>Schaduwmenu</nav>';
  }
}

/** Like Brightspace's element: keeps the authored HTML in a template and renders a copy into its shadow root. */
class HtmlBlock extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    const template = this.querySelector('template');
    const root = this.attachShadow({ mode: 'open' });
    if (template) root.appendChild(template.content.cloneNode(true));
  }
}

/** Counts its constructions: a reader that copied it into the page's own document would construct it again. */
let constructed = 0;
class CountedWidget extends HTMLElement {
  constructor() {
    super();
    constructed++;
  }
}
if (!customElements.get('kw-counted-widget')) customElements.define('kw-counted-widget', CountedWidget);

if (!customElements.get('kw-shadow-card')) customElements.define('kw-shadow-card', ShadowCard);
if (!customElements.get('d2l-html-block')) customElements.define('d2l-html-block', HtmlBlock);

const count = (text: string, phrase: string) => text.split(phrase).length - 1;

describe('extractContext in a live Chromium page', () => {
  it('reads Brightspace d2l-html-block templates once and open shadow roots', async () => {
    await fixture(html`
      <div>
        <nav class="d2l-navigation-s"><d2l-navigation-link class="d2l-navigation-s-title" text="Mentoraat leerjaar 1"></d2l-navigation-link></nav>
        <div id="d2l_main" role="main">
          <div class="d2l-page-header"><h1 class="d2l-page-title">Kennismakingsweek</h1></div>
          <div class="d2l-page-main-content">
            <d2l-html-block><template><p>Leerlingen die zich welkom voelen, blijven vaker.</p></template></d2l-html-block>
            <kw-shadow-card></kw-shadow-card>
          </div>
        </div>
      </div>
    `);
    const block = document.querySelector('d2l-html-block');
    expect(block?.shadowRoot?.textContent).to.contain('welkom voelen');

    const context = extractContext(document, 'https://zilvermeer.brightspace.com/d2l/le/content/30412/viewContent/700215/View');
    expect(context.lms).to.equal('brightspace');
    expect(context.pageKind).to.equal('page');
    expect(context.title).to.equal('Kennismakingsweek');
    expect(context.course).to.equal('Mentoraat leerjaar 1');
    expect(context.courseId).to.equal('30412');
    expect(count(context.text, 'Leerlingen die zich welkom voelen, blijven vaker.')).to.equal(1);
    expect(context.text).to.contain('Tekst die alleen in een open shadow root staat.');
    expect(context.text).not.to.contain('Schaduwmenu');
    expect(context.headings).to.include('Uit de schaduw');
  });

  it('reads without changing the page or bringing its copies to life', async () => {
    const element = await fixture(html`
      <main>
        <h1>Stagebeleid</h1>
        <p>Iedere student krijgt een <strong>eerlijke</strong> kans op een stageplaats.</p>
        <kw-counted-widget><p>Tekst in een webcomponent.</p></kw-counted-widget>
        <div class="usermenu">Mirjam de Vos</div>
      </main>
    `);
    const before = element.outerHTML;
    const built = constructed;
    const context = extractContext(document, 'https://example.org/stagebeleid');
    expect(context.text).to.contain('Iedere student krijgt een eerlijke kans op een stageplaats.');
    expect(context.text).to.contain('Tekst in een webcomponent.');
    expect(context.text).not.to.contain('Mirjam');
    expect(element.outerHTML).to.equal(before);
    expect(constructed).to.equal(built);
  });

  it('reads a saved Canvas page parsed with DOMParser, without names or replies', async () => {
    const saved = await (await fetch('/shared/context/adapters/canvas.fixtures/discussion.html')).text();
    const parsed = new DOMParser().parseFromString(saved, 'text/html');
    const context = extractContext(parsed, 'https://wadkust.instructure.com/courses/5133/discussion_topics/642');
    expect(context.lms).to.equal('canvas');
    expect(context.pageKind).to.equal('forum');
    expect(context.title).to.equal('Week 3: who speaks up in your tutorial group?');
    expect(context.courseId).to.equal('5133');
    expect(context.text).to.contain('who did most of the talking');
    const everything = JSON.stringify(context);
    for (const name of ['Hessel Dijkgraaf', 'Kofi Mensah-Bakker', 'Ilse Timmermans']) {
      expect(saved).to.contain(name);
      expect(everything).not.to.contain(name);
    }
  });

  it('reads same-origin itslearning frames and leaves cross-origin frames closed', async () => {
    const element = await fixture(html`
      <form id="aspnetForm">
        <div class="itsl-topnav" role="banner"><span class="itsl-user-name">Ronald Brinkhorst</span></div>
        <div id="ctl00_ContentArea" role="main">
          <h1 class="ccl-pageheader-title">Open dagen</h1>
          <p>Ga naar minstens één open dag.</p>
          <iframe id="same" src="/shared/context/adapters/itslearning.fixtures/essay.html"></iframe>
          <iframe id="cross" src="data:text/html,<p>Niet van deze school</p>"></iframe>
        </div>
      </form>
    `);
    const loaded = (frame: HTMLIFrameElement) =>
      new Promise<void>((resolve) => {
        if (frame.contentDocument?.readyState === 'complete' && frame.contentDocument.URL !== 'about:blank') resolve();
        else frame.addEventListener('load', () => resolve(), { once: true });
      });
    await Promise.all([...element.querySelectorAll('iframe')].map((frame) => loaded(frame as HTMLIFrameElement)));
    expect((element.querySelector('#cross') as HTMLIFrameElement).contentDocument).to.equal(null);

    const context = extractContext(document, `${location.origin}/ContentArea/ContentArea.aspx?LocationID=1907&LocationType=1`);
    expect(context.lms).to.equal('itslearning');
    expect(context.text).to.contain('Ga naar minstens één open dag.');
    expect(context.text).to.contain('welke opleidingen bij je passen');
    expect(context.text).not.to.contain('Niet van deze school');
    expect(JSON.stringify(context)).not.to.contain('Ronald Brinkhorst');
  });
});
