import { aTimeout, expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import './define.ts';
import '../item/define.ts';
import type { KwResources } from './kw-resources.ts';
import { forgetLoads } from '../shared/feeds.ts';
import { parseCatalog } from '../../shared/catalog/index.ts';
import { $, $$, deepActiveElement, EMPTY, expectInert, freshState, goOffline, HOSTILE, loaded, MISSING, NOT_A_CATALOG, shadowText, SMALL, stubFetch , expectNoOverflow } from '../test/helpers.ts';

async function list(template: ReturnType<typeof html>): Promise<KwResources> {
  const element = await fixture<KwResources>(template);
  await loaded(element);
  return element;
}

function titles(element: KwResources): string[] {
  return $$(element, '.results .title').map((t) => t.textContent!.trim());
}

async function typeSearch(element: KwResources, text: string): Promise<void> {
  const input = $(element, 'input[type=search]') as HTMLInputElement;
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await waitUntil(() => titles(element).length === 0 || !$$(element, '.results').length || element.shadowRoot!.querySelector('.count')!.textContent!.includes(text), 'search did not finish', { timeout: 5000 });
  await element.updateComplete;
}

describe('<kw-resources>', () => {
  let restore: Array<() => void> = [];
  beforeEach(() => {
    freshState();
    history.replaceState(null, '', location.pathname);
  });
  afterEach(async () => {
    for (const undo of restore) undo();
    restore = [];
    await setViewport({ width: 800, height: 600 });
  });

  describe('states', () => {
    it('says it is loading while the feed is on its way, in a status region', async () => {
      restore.push(stubFetch('slow.json', () => new Promise(() => undefined)));
      const element = await fixture<KwResources>(html`<kw-resources src="/slow.json"></kw-resources>`);
      const status = $(element, '.loading');
      expect(status.getAttribute('role')).to.equal('status');
      expect(status.textContent).to.contain('Laden');
      await expect(element).to.be.accessible();
    });

    it('shows the catalog with a count, and is accessible', async () => {
      const element = await list(html`<kw-resources src=${SMALL}></kw-resources>`);
      expect(titles(element)).to.have.length(5);
      expect($(element, '.count').textContent).to.equal('5 resultaten');
      expect($(element, '.count').getAttribute('role')).to.equal('status');
      await expect(element).to.be.accessible();
    });

    it('shows a catalog handed over as a property without fetching a feed', async () => {
      const catalog = parseCatalog(await (await fetch(SMALL)).text()).catalog!;
      let fetched = false;
      restore.push(stubFetch('.json', () => ((fetched = true), Promise.reject(new TypeError('no')))));
      const element = await list(html`<kw-resources .catalog=${catalog}></kw-resources>`);
      expect(titles(element)).to.have.length(5);
      expect(fetched).to.equal(false);
    });

    it('says so when the catalog is empty', async () => {
      const element = await list(html`<kw-resources src=${EMPTY}></kw-resources>`);
      expect(shadowText(element)).to.contain('Er staat nog niets in deze lijst.');
      expect($$(element, 'input[type=search]')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('tells the webmaster when the attributes leave nothing to show', async () => {
      const element = await list(html`<kw-resources src=${SMALL} topics="bestaat-niet"></kw-resources>`);
      expect(shadowText(element)).to.contain('topics="bestaat-niet"');
      await expect(element).to.be.accessible();
    });

    it('names the feed and what to do when it is not found, with a retry button', async () => {
      const element = await list(html`<kw-resources src=${MISSING}></kw-resources>`);
      const alert = $(element, '[role=alert]');
      expect(alert.textContent).to.contain(new URL(MISSING, location.href).href);
      expect(alert.textContent).to.contain('404');
      expect(alert.querySelector('button')!.textContent).to.contain('Opnieuw proberen');
      await expect(element).to.be.accessible();
    });

    it('explains a file that is not a catalog', async () => {
      const element = await list(html`<kw-resources src=${NOT_A_CATALOG} lang="en"></kw-resources>`);
      expect($(element, '[role=alert]').textContent).to.contain('is not a valid Kanswijzer catalog or calendar');
      await expect(element).to.be.accessible();
    });

    it('explains a feed blocked by the other server (CORS) and loads after a retry', async () => {
      let fail = true;
      restore.push(stubFetch('andere-server.example', async () => (fail ? Promise.reject(new TypeError('Failed to fetch')) : fetch(SMALL))));
      const element = await list(html`<kw-resources src="https://andere-server.example/catalog.json"></kw-resources>`);
      expect($(element, '[role=alert]').textContent).to.contain('Access-Control-Allow-Origin');
      fail = false;
      ($(element, '[role=alert] button') as HTMLButtonElement).click();
      await waitUntil(() => titles(element).length === 5, 'retry did not load the feed');
    });

    it('says a feed on this site cannot be reached', async () => {
      restore.push(stubFetch('unreachable.json', () => Promise.reject(new TypeError('Failed to fetch'))));
      const element = await list(html`<kw-resources src="/unreachable.json"></kw-resources>`);
      expect($(element, '[role=alert]').textContent).to.contain('unreachable.json is niet bereikbaar');
    });

    it('says the reader is offline when there is no copy on this device', async () => {
      restore.push(goOffline());
      restore.push(stubFetch('offline-test.json', () => Promise.reject(new TypeError('Failed to fetch'))));
      const element = await list(html`<kw-resources src="/offline-test.json"></kw-resources>`);
      expect($(element, '[role=alert]').textContent).to.contain('Je bent offline');
      await expect(element).to.be.accessible();
    });

    it('shows the copy kept on this device when offline, and says from when', async () => {
      await list(html`<kw-resources src=${SMALL}></kw-resources>`);
      // A new load from the same database: the copy kept by the first load is there.
      forgetLoads();
      restore.push(goOffline());
      restore.push(stubFetch('small.json', () => Promise.reject(new TypeError('Failed to fetch'))));
      const element = await list(html`<kw-resources src=${SMALL}></kw-resources>`);
      await waitUntil(() => titles(element).length === 5, 'the cached copy was not shown');
      expect(shadowText(element)).to.contain('Je ziet de versie van');
      await expect(element).to.be.accessible();
    });
  });

  describe('search and filters', () => {
    it('finds compounds and stems with the relevance engine analysis', async () => {
      const element = await list(html`<kw-resources src=${SMALL}></kw-resources>`);
      await typeSearch(element, 'stage');
      expect(titles(element)).to.have.members(['Een meldpunt voor stagediscriminatie', 'Handreiking voor het stagegesprek']);
      // The text says "stagediscriminatie"; the handreiking is on that topic, so it comes second.
      await typeSearch(element, 'discriminatie');
      expect(titles(element)).to.deep.equal(['Een meldpunt voor stagediscriminatie', 'Handreiking voor het stagegesprek']);
      await typeSearch(element, 'ouder');
      expect(titles(element)).to.deep.equal(['Ouders betrekken bij de keuze voor techniek']);
      await typeSearch(element, 'placement');
      expect(titles(element)).to.include('Handreiking voor het stagegesprek');
    });

    it('announces the number of results once the reader pauses', async () => {
      const element = await list(html`<kw-resources src=${SMALL}></kw-resources>`);
      await typeSearch(element, 'video');
      await waitUntil(() => $(element, '.count').textContent === '1 resultaat voor "video"', 'count not announced');
    });

    it('says when nothing matches and offers to clear', async () => {
      const element = await list(html`<kw-resources src=${SMALL}></kw-resources>`);
      await typeSearch(element, 'xylofoon');
      expect(shadowText(element)).to.contain('Niets gevonden');
      await expect(element).to.be.accessible();
      ($(element, '[part~=empty] button') as HTMLButtonElement).click();
      await waitUntil(() => titles(element).length === 5);
    });

    it('filters by type, topic, audience and sector with counts, and fires kw-filter-change', async () => {
      const element = await list(html`<kw-resources src=${SMALL}></kw-resources>`);
      const legends = $$(element, 'fieldset legend').map((l) => l.textContent);
      expect(legends).to.deep.equal(['Soort', 'Onderwerp', 'Voor wie', 'Onderwijssoort']);
      const resource = $$(element, '.option').find((o) => o.textContent!.includes('Materiaal'))!;
      expect(resource.textContent).to.contain('(2)');
      const event = oneEvent(element, 'kw-filter-change');
      (resource.querySelector('input') as HTMLInputElement).click();
      const { detail } = await event;
      expect(detail).to.include({ count: 2, query: '' });
      expect(detail.types).to.deep.equal(['resource']);
      await element.updateComplete;
      expect(titles(element)).to.have.length(2);
      const mbo = $$(element, '.option').find((o) => o.textContent!.trim().startsWith('Mbo'))!;
      expect(mbo.textContent).to.contain('(2)');
    });

    it('restricts the list with the topics, audiences, sectors and types attributes', async () => {
      const element = await list(html`<kw-resources src=${SMALL} types="practice" sectors="mbo"></kw-resources>`);
      expect(titles(element)).to.deep.equal(['Een meldpunt voor stagediscriminatie']);
    });

    it('keeps search and filters in the page address with url-state, and reads them back', async () => {
      const element = await list(html`<kw-resources src=${SMALL} url-state></kw-resources>`);
      await typeSearch(element, 'stage');
      const option = $$(element, '.option').find((o) => o.textContent!.includes('Praktijk'))!;
      (option.querySelector('input') as HTMLInputElement).click();
      await element.updateComplete;
      const params = new URLSearchParams(location.search);
      expect(params.get('kw-q')).to.equal('stage');
      expect(params.get('kw-type')).to.equal('practice');
      freshState();
      const shared = await list(html`<kw-resources src=${SMALL} url-state></kw-resources>`);
      await waitUntil(() => titles(shared).length === 1, 'the shared view did not open filtered');
      expect(($(shared, 'input[type=search]') as HTMLInputElement).value).to.equal('stage');
    });

    it('shows `limit` items, then more with "Toon meer", moving focus to the first new item', async () => {
      const element = await list(html`<kw-resources src=${SMALL} limit="2"></kw-resources>`);
      expect(titles(element)).to.have.length(2);
      expect(shadowText(element)).to.contain('2 van 5 getoond');
      $(element, '[part=more-button]').focus();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      await aTimeout(0);
      expect(titles(element)).to.have.length(4);
      expect(deepActiveElement()?.textContent?.trim()).to.equal(titles(element)[2]);
    });
  });

  describe('items', () => {
    it('opens an item in place as <kw-item> and fires a cancelable kw-select', async () => {
      const element = await list(html`<kw-resources src=${SMALL}></kw-resources>`);
      const toggle = $(element, '.title button');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      const selected = oneEvent(element, 'kw-select');
      toggle.click();
      expect((await selected).detail.item.id).to.equal('meldpunt-stagediscriminatie');
      await element.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const item = $(element, 'kw-item');
      await waitUntil(() => item.shadowRoot?.querySelector('.body a'), 'the body was not rendered');
      await expect(element).to.be.accessible();

      element.addEventListener('kw-select', (e) => e.preventDefault(), { once: true });
      $$(element, '.title button')[1]!.click();
      await element.updateComplete;
      expect($$(element, 'kw-item')).to.have.length(1);
    });

    it('links titles to a detail page with item-href', async () => {
      const element = await list(html`<kw-resources src=${SMALL} item-href="/praktijk.html?kw-item={id}"></kw-resources>`);
      expect($(element, '.title a').getAttribute('href')).to.equal('/praktijk.html?kw-item=meldpunt-stagediscriminatie');
    });

    it('has a "Save offline" toggle on every item that fires kw-save and saves', async () => {
      const element = await list(html`<kw-resources src=${SMALL}></kw-resources>`);
      const buttons = $$(element, '[part=save-button]');
      expect(buttons).to.have.length(5);
      const button = buttons[2]!;
      expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Offline bewaren: Video: erbij horen vanaf dag één');
      expect(button.getAttribute('aria-pressed')).to.equal('false');
      const saving = oneEvent(element, 'kw-save');
      button.click();
      expect((await saving).detail.key).to.equal('proefnetwerk:video-erbij-horen');
      await waitUntil(() => button.getAttribute('aria-pressed') === 'true', 'the button did not show the item as saved', { timeout: 8000 });
      const removing = oneEvent(element, 'kw-remove');
      button.click();
      await removing;
      await waitUntil(() => button.getAttribute('aria-pressed') === 'false', 'the item stayed saved');
    });

    it('lets a host page handle saving itself (kw-save is cancelable)', async () => {
      const element = await list(html`<kw-resources src=${SMALL}></kw-resources>`);
      element.addEventListener('kw-save', (e) => e.preventDefault());
      const button = $$(element, '[part=save-button]')[0]!;
      button.click();
      await aTimeout(300);
      expect(button.getAttribute('aria-pressed')).to.equal('false');
    });
  });

  describe('keyboard, language and layout', () => {
    it('works with the keyboard alone: search, filter, open an item', async () => {
      const element = await list(html`<kw-resources src=${SMALL}></kw-resources>`);
      ($(element, 'input[type=search]') as HTMLInputElement).focus();
      await sendKeys({ type: 'video' });
      await waitUntil(() => titles(element).length === 1, 'typing did not search');
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()?.localName).to.equal('summary');
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Tab' });
      expect((deepActiveElement() as HTMLInputElement).type).to.equal('checkbox');
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      await sendKeys({ press: 'Enter' });
      // Past the closed filters, the clear button and the results: the first result's title.
      for (let i = 0; i < 6 && !deepActiveElement()?.closest('.title'); i++) await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()?.textContent?.trim()).to.equal('Video: erbij horen vanaf dag één');
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(deepActiveElement()?.getAttribute('aria-expanded')).to.equal('true');
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()?.getAttribute('part')).to.equal('save-button');
      await sendKeys({ press: 'Space' });
      await waitUntil(() => deepActiveElement()?.getAttribute('aria-pressed') === 'true', 'Space did not save', { timeout: 8000 });
    });

    it('speaks English with lang="en", and follows a change of the page language', async () => {
      const element = await list(html`<kw-resources src=${SMALL} lang="en"></kw-resources>`);
      expect($(element, '.count').textContent).to.equal('5 results');
      expect(titles(element)).to.include('A reporting point for internship discrimination');
      const wrapper = fixtureSync<HTMLDivElement>(html`<div lang="nl"><kw-resources src=${SMALL}></kw-resources></div>`);
      const inner = wrapper.querySelector('kw-resources')!;
      await loaded(inner);
      expect($(inner, 'label[for=q]').textContent).to.equal('Zoeken');
      wrapper.setAttribute('lang', 'en-GB');
      await waitUntil(() => $(inner, 'label[for=q]').textContent === 'Search', 'did not switch to English');
    });

    it('reflows at 320 px without horizontal scrolling, also right-to-left', async () => {
      await setViewport({ width: 320, height: 640 });
      const wrapper = fixtureSync<HTMLDivElement>(html`<div dir="rtl"><kw-resources src=${SMALL} limit="20"></kw-resources></div>`);
      const element = wrapper.querySelector('kw-resources')!;
      await loaded(element);
      ($(element, 'details') as HTMLDetailsElement).open = true;
      $(element, '.title button').click();
      await waitUntil(() => element.shadowRoot!.querySelector('kw-item')?.shadowRoot?.querySelector('.body a'));
      // Right-to-left: nothing may stick out on the left either.
      expectNoOverflow(element);
      for (const el of $$(element, '*')) if (!el.closest('.visually-hidden') && el.getClientRects().length) expect(el.getBoundingClientRect().left, `<${el.localName}> sticks out on the left`).to.be.at.least(-1);
      await expect(element).to.be.accessible();
    });
  });

  it('renders a feed full of script-injection attempts as inert text', async () => {
    const element = await list(html`<kw-resources src=${HOSTILE} limit="50"></kw-resources>`);
    ($(element, 'details') as HTMLDetailsElement).open = true;
    for (const toggle of $$(element, '.title button')) toggle.click();
    await element.updateComplete;
    const items = $$(element, 'kw-item');
    expect(items).to.have.length(3);
    await waitUntil(() => items[0]!.shadowRoot?.querySelector('.body h4, .body [href]'), 'hostile body not rendered');
    await aTimeout(200);
    expect(titles(element)[0]).to.equal('<script>window.__kwHacked=1</script>Titel met script');
    expect(shadowText(element)).to.contain('<script>window.__kwHacked=1</script>Onderwerp');
    expectInert(element);
    const body = items[0]!.shadowRoot!.querySelector('.body')!;
    expect([...body.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['https://aanvaller.example/', 'https://veilig.example/', 'mailto:iemand@veilig.example']);
    for (const a of body.querySelectorAll('a')) expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
    expect([...body.querySelectorAll('img')].map((i) => i.getAttribute('alt'))).to.deep.equal(['veilig plaatje']);
    expect(body.querySelectorAll('form, input, button')).to.have.length(0);
  });
});
