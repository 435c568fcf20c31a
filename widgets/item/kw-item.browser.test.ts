import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import './define.ts';
import { parseCatalog } from '../../shared/catalog/index.ts';
import { mergeCatalogs } from '../../shared/catalog/merge.ts';
import type { Catalog } from '../../shared/catalog/types.ts';
import type { KwItem } from './kw-item.ts';
import { $, $$, deepActiveElement, expectInert, freshState, goOffline, HOSTILE, loaded, MISSING, shadowText, SMALL, stubFetch , expectNoOverflow } from '../test/helpers.ts';

async function item(template: ReturnType<typeof html>): Promise<KwItem> {
  const element = await fixture<KwItem>(template);
  await loaded(element);
  return element;
}

async function withBody(element: KwItem): Promise<HTMLElement> {
  await waitUntil(() => element.shadowRoot!.querySelector('.body') && !element.shadowRoot!.querySelector('.body')!.textContent!.includes('laden'), 'body not rendered');
  return $(element, '.body');
}

describe('<kw-item>', () => {
  let restore: Array<() => void> = [];
  beforeEach(() => {
    freshState();
    history.replaceState(null, '', location.pathname);
  });
  afterEach(async () => {
    for (const undo of restore.reverse()) undo();
    restore = [];
    await setViewport({ width: 800, height: 600 });
  });

  it('says it is loading', async () => {
    restore.push(stubFetch('slow-item.json', () => new Promise(() => undefined)));
    const element = await fixture<KwItem>(html`<kw-item src="/slow-item.json" item="x"></kw-item>`);
    expect($(element, '.loading').getAttribute('role')).to.equal('status');
    await expect(element).to.be.accessible();
  });

  it('shows a practice in full: steps, evidence, body with its own heading levels, source, topics, related', async () => {
    const element = await item(html`<kw-item src=${SMALL} item="meldpunt-stagediscriminatie"></kw-item>`);
    expect($(element, '[part=title]').getAttribute('aria-level')).to.equal('2');
    expect($(element, '[part=title]').textContent).to.equal('Een meldpunt voor stagediscriminatie');
    expect($$(element, '[part=steps] li').map((li) => li.textContent)).to.deep.equal([
      'Wijs één vast aanspreekpunt aan.',
      'Vertel alle eerstejaars waar ze terechtkunnen.',
      'Bespreek elke melding binnen een week.',
    ]);
    expect(shadowText(element)).to.contain('Waarom het werkt');
    const body = await withBody(element);
    expect(body.querySelector('h3')?.textContent).to.equal('Waarom');
    expect(body.querySelector('a')?.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(shadowText(element)).to.contain('Stagebegeleiders en Docenten');
    expect($$(element, '[part=related] button').map((b) => b.textContent)).to.deep.equal(['Handreiking voor het stagegesprek']);
    await expect(element).to.be.accessible();
  });

  it('notes whether media have captions', async () => {
    const element = await item(html`<kw-item src=${SMALL} item="video-erbij-horen"></kw-item>`);
    const media = $(element, '[part=media]').textContent!.replace(/\s+/g, ' ');
    expect(media).to.contain('De video');
    expect(media).to.contain('ondertiteling: Nederlands en Engels');
    expect(media).to.contain('48 MB');
  });

  it('shows an event with its time (Intl), place and recording', async () => {
    const element = await item(html`<kw-item src=${SMALL} item="webinar-erbij-horen" lang="en"></kw-item>`);
    const time = $(element, 'time');
    expect(time.getAttribute('datetime')).to.equal('2025-11-20T15:00:00+01:00');
    expect(time.textContent).to.match(/Thursday, November 20, 2025/);
    expect(shadowText(element)).to.contain('Online');
    const links = $$(element, '.actions a').map((a) => a.textContent);
    expect(links).to.include('Watch the recording');
    expect(links).not.to.include('Sign up');
    await expect(element).to.be.accessible();
  });

  it('reads the item from the kw-item page parameter when it has no item attribute', async () => {
    history.replaceState(null, '', `${location.pathname}?kw-item=ouderavond-techniek`);
    const element = await item(html`<kw-item src=${SMALL}></kw-item>`);
    expect($(element, '[part=title]').textContent).to.equal('Ouders betrekken bij de keuze voor techniek');
  });

  it('tells the webmaster when the item is not in the feed', async () => {
    const element = await item(html`<kw-item src=${SMALL} item="bestaat-niet"></kw-item>`);
    expect($(element, '[role=alert]').textContent).to.contain('"bestaat-niet" staat niet in de feed');
    await expect(element).to.be.accessible();
  });

  it('explains a feed that cannot be loaded, and being offline', async () => {
    const missing = await item(html`<kw-item src=${MISSING} item="x"></kw-item>`);
    expect($(missing, '[role=alert]').textContent).to.contain('404');
    await expect(missing).to.be.accessible();
    restore.push(goOffline());
    restore.push(stubFetch('offline-item.json', () => Promise.reject(new TypeError('Failed to fetch'))));
    const offline = await item(html`<kw-item src="/offline-item.json" item="x"></kw-item>`);
    expect($(offline, '[role=alert]').textContent).to.contain('Je bent offline');
  });

  it('shares with the Web Share API where there is one', async () => {
    const shared: ShareData[] = [];
    Object.defineProperty(navigator, 'share', { configurable: true, value: async (data: ShareData) => void shared.push(data) });
    restore.push(() => delete (navigator as { share?: unknown }).share);
    const element = await item(html`<kw-item src=${SMALL} item="ouderavond-techniek"></kw-item>`);
    const event = oneEvent(element, 'kw-share');
    $(element, '[part=share-button]').click();
    expect((await event).detail.method).to.equal('share');
    expect(shared[0]!.title).to.equal('Ouders betrekken bij de keuze voor techniek');
    expect(new URL(shared[0]!.url!).searchParams.get('kw-item')).to.equal('ouderavond-techniek');
  });

  it('copies the link without Web Share, and shows it to copy by hand when the clipboard is closed', async () => {
    let copied = '';
    const clipboard = navigator.clipboard.writeText;
    navigator.clipboard.writeText = async (text: string) => void (copied = text);
    restore.push(() => (navigator.clipboard.writeText = clipboard));
    const element = await item(html`<kw-item src=${SMALL} item="ouderavond-techniek" share-url="https://school.example/praktijk?id=1"></kw-item>`);
    $(element, '[part=share-button]').click();
    await waitUntil(() => $(element, '.note').textContent === 'De link is gekopieerd.');
    expect(copied).to.equal('https://school.example/praktijk?id=1');
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    $(element, '[part=share-button]').click();
    await waitUntil(() => element.shadowRoot!.querySelector('.copy input'));
    expect(deepActiveElement()).to.equal($(element, '.copy input'));
    expect(($(element, '.copy input') as HTMLInputElement).value).to.equal('https://school.example/praktijk?id=1');
    await expect(element).to.be.accessible();
  });

  it('saves offline from the item and opens related items with the keyboard', async () => {
    const element = await item(html`<kw-item src=${SMALL} item="meldpunt-stagediscriminatie"></kw-item>`);
    $(element, '[part=save-button]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(element, '[part=save-button]').getAttribute('aria-pressed') === 'true', 'not saved', { timeout: 8000 });
    $(element, '[part=related] button').focus();
    const selected = oneEvent(element, 'kw-select');
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail.item.id).to.equal('handreiking-stagegesprek');
    await element.updateComplete;
    await aTimeout(0);
    expect($(element, '[part=title]').textContent).to.equal('Handreiking voor het stagegesprek');
    expect(deepActiveElement()).to.equal($(element, '[part=title]'));
  });

  it('shows an item handed over as a property, with the catalog, without a feed', async () => {
    const catalog: Catalog = mergeCatalogs(parseCatalog(await (await fetch(SMALL)).text()).catalog!);
    let fetched = false;
    restore.push(stubFetch('.json', () => ((fetched = true), Promise.reject(new TypeError('no')))));
    const element = await item(html`<kw-item compact .data=${catalog.items[0]} .catalog=${catalog} heading-level="4"></kw-item>`);
    expect(element.shadowRoot!.querySelector('[part=title]')).to.equal(null);
    expect(element.shadowRoot!.querySelector('[part=save-button]')).to.equal(null);
    expect($(element, 'section [role=heading]').getAttribute('aria-level')).to.equal('4');
    expect((await withBody(element)).querySelector('h4')?.textContent).to.equal('Waarom');
    expect(fetched).to.equal(false);
  });

  it('reflows at 320 px', async () => {
    await setViewport({ width: 320, height: 640 });
    const element = await item(html`<kw-item src=${SMALL} item="video-erbij-horen"></kw-item>`);
    expectNoOverflow(element);
  });

  it('renders hostile items (also given directly, past the parser) as inert text', async () => {
    const hostile = mergeCatalogs(parseCatalog(await (await fetch(HOSTILE)).text()).catalog!);
    for (const id of ['titel-met-script', 'materiaal-aanval', 'activiteit-aanval']) {
      const element = await item(html`<kw-item src=${HOSTILE} item=${id}></kw-item>`);
      if (id === 'titel-met-script') await withBody(element);
      expectInert(element);
    }
    // An item that never went through the parser: javascript: and data: links must still not become links.
    const raw = { ...hostile.items[0]!, url: 'javascript:window.__kwHacked=1', source: { name: 'Bron', url: 'data:text/html,<script>window.__kwHacked=1</script>' } };
    const direct = await item(html`<kw-item .data=${raw}></kw-item>`);
    await withBody(direct);
    await aTimeout(100);
    expectInert(direct);
    expect(shadowText(direct)).not.to.contain('Naar de bron');
  });
});
