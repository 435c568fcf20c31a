import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import './define.ts';
import { parseCatalog } from '../../shared/catalog/index.ts';
import type { Catalog, Item } from '../../shared/catalog/types.ts';
import { mergeCatalogs } from '../../shared/catalog/merge.ts';
import { getStore } from '../shared/store.ts';
import type { KwSaved } from './kw-saved.ts';
import { $, $$, deepActiveElement, expectInert, freshState, goOffline, HOSTILE, shadowText, SMALL, stubFetch , expectNoOverflow } from '../test/helpers.ts';

async function catalogFrom(url: string): Promise<Catalog> {
  return mergeCatalogs({ catalog: parseCatalog(await (await fetch(url)).text()).catalog!, feedUrl: new URL(url, location.href).href });
}

async function saveAll(items: Item[]): Promise<void> {
  const store = await getStore();
  for (const item of items) await store.save(item, { fetchFile: false });
}

async function savedList(): Promise<KwSaved> {
  const element = await fixture<KwSaved>(html`<kw-saved></kw-saved>`);
  await waitUntil(() => !element.shadowRoot!.querySelector('.loading'), 'kept loading');
  await element.updateComplete;
  return element;
}

function titles(element: KwSaved): string[] {
  return $$(element, '.title button').map((b) => b.textContent!.trim());
}

/** Captures the next download (an anchor with `download` clicked) instead of saving a file. */
function captureDownload(): Promise<{ name: string; text: string }> {
  return new Promise((resolve) => {
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      HTMLAnchorElement.prototype.click = original;
      void fetch(this.href)
        .then((r) => r.text())
        .then((text) => resolve({ name: this.download, text }));
    };
  });
}

describe('<kw-saved>', () => {
  let catalog: Catalog;
  let restore: Array<() => void> = [];
  beforeEach(async () => {
    freshState();
    catalog = await catalogFrom(SMALL);
  });
  afterEach(async () => {
    for (const undo of restore.reverse()) undo();
    restore = [];
    await setViewport({ width: 800, height: 600 });
  });

  it('shows a loading message until the store is open', async () => {
    const element = document.createElement('kw-saved');
    document.body.append(element);
    await element.updateComplete;
    expect($(element, '.loading').getAttribute('role')).to.equal('status');
    element.remove();
  });

  it('explains what to do when nothing is saved yet', async () => {
    const element = await savedList();
    expect(shadowText(element)).to.contain('Je hebt nog niets bewaard');
    expect($(element, '.count').textContent).to.equal('0 bewaarde items');
    await expect(element).to.be.accessible();
  });

  it('lists saved items, newest first, and is accessible', async () => {
    await saveAll([catalog.items[0]!, catalog.items[2]!]);
    const element = await savedList();
    expect(titles(element)).to.deep.equal(['Video: erbij horen vanaf dag één', 'Een meldpunt voor stagediscriminatie']);
    expect($(element, '.count').textContent).to.equal('2 bewaarde items');
    await expect(element).to.be.accessible();
  });

  it('follows saves made elsewhere on the page (and in other tabs)', async () => {
    const element = await savedList();
    await saveAll([catalog.items[1]!]);
    await waitUntil(() => titles(element).length === 1, 'the new item did not appear');
  });

  it('says clearly when the saved items cannot be read (a newer version wrote them)', async () => {
    const name = freshState();
    await new Promise<void>((resolve) => {
      const request = indexedDB.open(name, 9999);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    const element = await savedList();
    const alert = $(element, '[role=alert]');
    expect(alert.textContent).to.contain('kunnen nu niet worden gelezen');
    expect(alert.textContent).to.contain('nieuwere versie');
    await expect(element).to.be.accessible();
  });

  it('works offline, and opens a saved file from this device through an object URL', async () => {
    const pdf = new Blob(['%PDF-1.4 proef'], { type: 'application/pdf' });
    restore.push(stubFetch('handreiking.pdf', async () => new Response(pdf, { headers: { 'content-type': 'application/pdf', 'content-length': String(pdf.size) } })));
    const resource = catalog.items.find((i) => i.id === 'handreiking-stagegesprek')!;
    await (await getStore()).save(resource);
    restore.push(goOffline());
    const element = await savedList();
    window.dispatchEvent(new Event('offline'));
    await element.updateComplete;
    expect(shadowText(element)).to.contain('Je bent offline');
    let opened = '';
    const open = window.open;
    window.open = ((url: string) => ((opened = url), null)) as typeof window.open;
    restore.push(() => (window.open = open));
    $(element, '[part=file-button]').click();
    await waitUntil(() => opened, 'no file was opened');
    expect(opened.startsWith('blob:')).to.equal(true);
    expect(await (await fetch(opened)).text()).to.equal('%PDF-1.4 proef');
    await expect(element).to.be.accessible();
  });

  it('says why a file could not be kept', async () => {
    restore.push(stubFetch('handreiking.pdf', async () => new Response('nee', { status: 404 })));
    await (await getStore()).save(catalog.items.find((i) => i.id === 'handreiking-stagegesprek')!);
    const element = await savedList();
    expect(shadowText(element)).to.contain('de server gaf een fout');
  });

  it('keeps a personal note', async () => {
    await saveAll([catalog.items[0]!]);
    const element = await savedList();
    const note = $(element, 'textarea') as HTMLTextAreaElement;
    expect($(element, 'label[for=n0]').textContent).to.contain('Mijn notitie');
    note.value = 'Bespreken in het teamoverleg';
    note.dispatchEvent(new Event('input'));
    await element.updateComplete;
    const button = $$(element, '.actions button').find((b) => b.textContent!.includes('Notitie bewaren'))!;
    button.click();
    await waitUntil(async () => (await (await getStore()).get('proefnetwerk:meldpunt-stagediscriminatie'))?.note === 'Bespreken in het teamoverleg', 'note not stored');
  });

  it('removes an item (kw-remove, cancelable) and moves focus on', async () => {
    await saveAll([catalog.items[0]!, catalog.items[1]!]);
    const element = await savedList();
    element.addEventListener('kw-remove', (e) => e.preventDefault(), { once: true });
    $$(element, '[part=remove-button]')[0]!.click();
    await aTimeout(100);
    expect(titles(element)).to.have.length(2);
    const removing = oneEvent(element, 'kw-remove');
    $$(element, '[part=remove-button]')[0]!.click();
    expect((await removing).detail.key).to.equal('proefnetwerk:ouderavond-techniek');
    await waitUntil(() => titles(element).length === 1, 'not removed');
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Een meldpunt voor stagediscriminatie');
  });

  it('exports JSON and .ics and imports the JSON back without duplicates', async () => {
    await saveAll([catalog.items[0]!, catalog.items[4]!]);
    const element = await savedList();
    const json = captureDownload();
    $$(element, '.toolbar button')[0]!.click();
    const exported = await json;
    expect(exported.name).to.match(/^kanswijzer-bewaard-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(exported.text).items).to.have.length(2);
    const ics = captureDownload();
    $$(element, '.toolbar button')[1]!.click();
    expect((await ics).text).to.contain('BEGIN:VEVENT');

    await (await getStore()).remove('proefnetwerk:meldpunt-stagediscriminatie');
    await waitUntil(() => titles(element).length === 1);
    const input = $(element, '#import') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File([exported.text], 'export.json', { type: 'application/json' }));
    input.files = transfer.files;
    const imported = oneEvent(element, 'kw-import');
    input.dispatchEvent(new Event('change'));
    expect((await imported).detail.result).to.include({ added: 1 });
    await waitUntil(() => titles(element).length === 2, 'import did not add the item back');
    expect(shadowText(element)).to.contain('Import klaar: 1 toegevoegd');
  });

  it('reports a file that is not an export', async () => {
    const element = await savedList();
    const input = $(element, '#import') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['{"nope": true}'], 'x.json'));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => element.shadowRoot!.querySelector('.toolbar .notice'), 'no import message');
    expect($(element, '.toolbar .notice').textContent).to.contain('0 toegevoegd');
    await expect(element).to.be.accessible();
  });

  it('is usable with the keyboard: open an item, read its details', async () => {
    await saveAll([catalog.items[0]!]);
    const element = await savedList();
    $(element, '.title button').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.shadowRoot!.querySelector('kw-item')?.shadowRoot?.querySelector('[part=steps]'), 'detail not shown');
    expect(deepActiveElement()?.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.localName).to.equal('textarea');
  });

  it('speaks English and reflows at 320 px', async () => {
    await saveAll(catalog.items);
    await setViewport({ width: 320, height: 640 });
    const element = await fixture<KwSaved>(html`<kw-saved lang="en"></kw-saved>`);
    await waitUntil(() => titles(element).length === 5);
    expect($(element, '.count').textContent).to.equal('5 saved items');
    expectNoOverflow(element);
    await expect(element).to.be.accessible();
  });

  it('shows saved hostile items as inert text', async () => {
    const hostile = await catalogFrom(HOSTILE);
    await saveAll(hostile.items);
    const element = await savedList();
    for (const toggle of $$(element, '.title button')) toggle.click();
    await element.updateComplete;
    expect($$(element, 'kw-item')).to.have.length(3);
    await waitUntil(() => $$(element, 'kw-item').every((item) => item.shadowRoot?.querySelector('.base')), 'details not shown');
    await waitUntil(() => $$(element, 'kw-item').some((item) => item.shadowRoot?.querySelector('.body a')), 'hostile body not rendered');
    await aTimeout(300);
    expect(titles(element)).to.include('<script>window.__kwHacked=1</script>Titel met script');
    expectInert(element);
  });
});
