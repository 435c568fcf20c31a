import { aTimeout, expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import './define.ts';
import '../item/define.ts';
import { getStore } from '../shared/store.ts';
import type { KwActionPlan } from './kw-action-plan.ts';
import { $, $$, deepActiveElement, EMPTY, expectInert, freshState, goOffline, HOSTILE, MISSING, shadowText, SMALL, stubFetch , expectNoOverflow } from '../test/helpers.ts';

async function planner(template: ReturnType<typeof html>): Promise<KwActionPlan> {
  const element = await fixture<KwActionPlan>(template);
  await waitUntil(() => !element.shadowRoot!.querySelector('.loading'), 'kept loading', { timeout: 8000 });
  await element.updateComplete;
  return element;
}

function practiceBox(element: KwActionPlan, title: string): HTMLInputElement {
  const item = $$(element, '.choices li').find((li) => li.textContent!.includes(title));
  if (!item) throw new Error(`no practice "${title}"`);
  return item.querySelector('input')!;
}

function progressText(element: KwActionPlan): string {
  return $(element, '[part=progress] p').textContent!.trim();
}

function setField(field: HTMLInputElement | HTMLTextAreaElement, value: string, event = 'input'): void {
  field.value = value;
  field.dispatchEvent(new Event(event));
}

describe('<kw-action-plan>', () => {
  let restore: Array<() => void> = [];
  beforeEach(() => {
    freshState();
  });
  afterEach(async () => {
    for (const undo of restore.reverse()) undo();
    restore = [];
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ media: 'screen' });
  });

  it('shows a loading message until the store is open', async () => {
    const element = document.createElement('kw-action-plan');
    element.setAttribute('src', SMALL);
    document.body.append(element);
    await element.updateComplete;
    expect($(element, '.loading').getAttribute('role')).to.equal('status');
    element.remove();
  });

  it('offers the practices that have steps, accessibly', async () => {
    const element = await planner(html`<kw-action-plan src=${SMALL}></kw-action-plan>`);
    await waitUntil(() => $$(element, '.choices li').length === 2, 'practices not offered');
    expect($$(element, '.choices li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Een meldpunt voor stagediscriminatie (3 stappen)',
      'Ouders betrekken bij de keuze voor techniek (2 stappen)',
    ]);
    expect(shadowText(element)).to.contain('Kies eerst een of meer praktijken');
    await expect(element).to.be.accessible();
  });

  it('builds a plan: practice, steps, owner, date, note, done; progress; kept in IndexedDB', async () => {
    const element = await planner(html`<kw-action-plan src=${SMALL}></kw-action-plan>`);
    await waitUntil(() => $$(element, '.choices li').length === 2);
    practiceBox(element, 'meldpunt').click();
    await element.updateComplete;
    expect(progressText(element)).to.equal('0 van 3 stappen klaar');
    const stepBoxes = $$(element, '.entry .step > .check input') as HTMLInputElement[];
    expect(stepBoxes.map((b) => b.checked)).to.deep.equal([true, true, true]);
    stepBoxes[1]!.click();
    await element.updateComplete;
    expect(progressText(element)).to.equal('0 van 2 stappen klaar');
    setField($(element, '#e0s0o') as HTMLInputElement, 'Fatima (stagecoördinator)');
    setField($(element, '#e0s0d') as HTMLInputElement, '2026-03-02', 'change');
    setField($(element, '#e0s0n') as HTMLTextAreaElement, 'Eerst met het team bespreken');
    const changed = oneEvent(element, 'kw-plan-change');
    ($(element, '#e0s0x') as HTMLInputElement).click();
    await element.updateComplete;
    expect(progressText(element)).to.equal('1 van 2 stappen klaar');
    expect(($(element, 'progress') as HTMLProgressElement).value).to.equal(1);
    const { plan } = (await changed).detail;
    expect(plan.entries[0].steps).to.deep.equal([
      { index: 0, owner: 'Fatima (stagecoördinator)', due: '2026-03-02', note: 'Eerst met het team bespreken', done: true },
      { index: 2, done: false },
    ]);
    await waitUntil(() => shadowText(element).includes('Bewaard op dit apparaat.'), 'no saved message');
    await expect(element).to.be.accessible();

    element.remove();
    const again = await planner(html`<kw-action-plan src=${SMALL}></kw-action-plan>`);
    await waitUntil(() => $$(again, '.entry').length === 1, 'the plan was not kept');
    expect(progressText(again)).to.equal('1 van 2 stappen klaar');
    expect(($(again, '#e0s0o') as HTMLInputElement).value).to.equal('Fatima (stagecoördinator)');
  });

  it('exports Markdown and an .ics with the dated steps', async () => {
    const element = await planner(html`<kw-action-plan src=${SMALL} lang="en"></kw-action-plan>`);
    await waitUntil(() => $$(element, '.choices li').length === 2);
    practiceBox(element, 'reporting point').click();
    await element.updateComplete;
    const exportIcs = $$(element, '[part=actions] button')[2] as HTMLButtonElement;
    expect(exportIcs.disabled).to.equal(true);
    setField($(element, '#e0s1d') as HTMLInputElement, '2026-04-15', 'change');
    setField($(element, '#e0s1o') as HTMLInputElement, 'Sam [*team*]');
    await element.updateComplete;
    const downloads: Array<{ name: string; text: Promise<string> }> = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, text: fetch(this.href).then((r) => r.text()) });
    };
    restore.push(() => (HTMLAnchorElement.prototype.click = click));
    ($$(element, '[part=actions] button')[1] as HTMLButtonElement).click();
    exportIcs.click();
    await waitUntil(() => downloads.length === 2);
    const markdown = await downloads[0]!.text;
    expect(downloads[0]!.name).to.match(/^actieplan-\d{4}-\d{2}-\d{2}\.md$/);
    expect(markdown).to.contain('# My action plan');
    expect(markdown).to.contain('## A reporting point for internship discrimination');
    expect(markdown).to.contain('- [ ] Tell all first-year students where they can go. (Who: Sam \\[\\*team\\*\\], When: April 15, 2026)');
    const ics = await downloads[1]!.text;
    expect(ics).to.contain('DTSTART;VALUE=DATE:20260415');
    expect(ics).to.contain('SUMMARY:Tell all first-year students where they can go.');
    expect(ics.match(/BEGIN:VEVENT/g)).to.have.length(1);
  });

  it('prints the plan only, as text', async () => {
    const element = await planner(html`<kw-action-plan src=${SMALL}></kw-action-plan>`);
    await waitUntil(() => $$(element, '.choices li').length === 2);
    practiceBox(element, 'Ouders').click();
    await element.updateComplete;
    await emulateMedia({ media: 'print' });
    expect(getComputedStyle($(element, '[part=chooser]')).display).to.equal('none');
    const printed = $(element, '.print-only');
    expect(getComputedStyle(printed).display).to.equal('block');
    expect(printed.textContent).to.contain('Nodig ouders persoonlijk uit.');
    expect($$(element, 'button').every((b) => getComputedStyle(b).display === 'none')).to.equal(true);
  });

  it('keeps several plans: new, switch, delete after confirming', async () => {
    const element = await planner(html`<kw-action-plan src=${SMALL}></kw-action-plan>`);
    await waitUntil(() => $$(element, '.choices li').length === 2);
    setField($(element, '#title') as HTMLInputElement, 'Plan stages');
    practiceBox(element, 'meldpunt').click();
    await waitUntil(() => shadowText(element).includes('Bewaard op dit apparaat.'));
    ($$(element, '.screen .actions button').find((b) => b.textContent === 'Nieuw plan') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(deepActiveElement()?.id).to.equal('title');
    setField($(element, '#title') as HTMLInputElement, 'Plan ouders');
    practiceBox(element, 'Ouders').click();
    await waitUntil(async () => (await (await getStore()).listPlans()).length === 2, 'second plan not kept');
    await waitUntil(() => element.shadowRoot!.querySelector('#plans'));
    const select = $(element, '#plans') as HTMLSelectElement;
    const first = [...select.options].find((o) => o.textContent === 'Plan stages')!;
    select.value = first.value;
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => ($(element, '#title') as HTMLInputElement).value === 'Plan stages');
    expect($$(element, '.entry legend').map((l) => l.textContent)).to.deep.equal(['Een meldpunt voor stagediscriminatie']);
    $(element, '.delete').click();
    await element.updateComplete;
    expect(deepActiveElement()?.textContent).to.equal('Niet verwijderen');
    await expect(element).to.be.accessible();
    ($(element, '.confirm .primary') as HTMLButtonElement).click();
    await waitUntil(() => ($(element, '#title') as HTMLInputElement).value === 'Plan ouders', 'did not open the remaining plan');
    expect((await (await getStore()).listPlans()).map((p) => p.title)).to.deep.equal(['Plan ouders']);
  });

  it('picks up a practice added with "In mijn actieplan" on a <kw-item> on the same page', async () => {
    const wrapper = fixtureSync(html`<div><kw-item src=${SMALL} item="ouderavond-techniek"></kw-item><kw-action-plan src=${SMALL}></kw-action-plan></div>`);
    const item = wrapper.querySelector('kw-item')!;
    const element = wrapper.querySelector('kw-action-plan')!;
    await waitUntil(() => item.shadowRoot!.querySelector('[part=plan-button]'), 'item not shown');
    $(item, '[part=plan-button]').click();
    await waitUntil(() => $$(element, '.entry').length === 1, 'the plan did not follow');
    expect(progressText(element)).to.equal('0 van 2 stappen klaar');
    expect($(item, '.note').textContent).to.contain('Toegevoegd aan "Mijn actieplan"');
  });

  it('says when the feed has no practices, and when it cannot be loaded', async () => {
    const empty = await planner(html`<kw-action-plan src=${EMPTY}></kw-action-plan>`);
    await waitUntil(() => shadowText(empty).includes('Er zijn geen praktijken'));
    await expect(empty).to.be.accessible();
    const failing = await planner(html`<kw-action-plan src=${MISSING}></kw-action-plan>`);
    await waitUntil(() => failing.shadowRoot!.querySelector('[role=alert]'));
    expect($(failing, '[role=alert]').textContent).to.contain('404');
    await expect(failing).to.be.accessible();
  });

  it('shows a kept plan offline, from the copies of the practices in it', async () => {
    const store = await getStore();
    const catalog = (await import('../../shared/catalog/index.ts')).parseCatalog(await (await fetch(SMALL)).text()).catalog!;
    const practice = catalog.items[0]!;
    await store.putPlan({ title: 'Offline plan', entries: [{ itemKey: 'proefnetwerk:meldpunt-stagediscriminatie', item: practice, steps: [{ index: 0, done: true }] }] });
    restore.push(goOffline());
    restore.push(stubFetch('offline-plan.json', () => Promise.reject(new TypeError('Failed to fetch'))));
    const element = await planner(html`<kw-action-plan src="/offline-plan.json"></kw-action-plan>`);
    await waitUntil(() => element.shadowRoot!.querySelector('[role=alert]'));
    expect($(element, '[role=alert]').textContent).to.contain('Je bent offline');
    expect($$(element, '.entry legend').map((l) => l.textContent)).to.deep.equal(['Een meldpunt voor stagediscriminatie']);
    expect(progressText(element)).to.equal('1 van 1 stappen klaar');
    await expect(element).to.be.accessible();
  });

  it('says clearly when plans cannot be read', async () => {
    const name = freshState();
    await new Promise<void>((resolve) => {
      const request = indexedDB.open(name, 9999);
      request.onsuccess = () => (request.result.close(), resolve());
    });
    const element = await planner(html`<kw-action-plan src=${SMALL}></kw-action-plan>`);
    expect($(element, '[role=alert]').textContent).to.contain('kunnen nu niet worden gelezen');
  });

  it('is usable with the keyboard alone', async () => {
    const element = await planner(html`<kw-action-plan src=${SMALL}></kw-action-plan>`);
    await waitUntil(() => $$(element, '.choices li').length === 2);
    ($(element, '#filter') as HTMLInputElement).focus();
    await sendKeys({ type: 'ouders' });
    await element.updateComplete;
    expect($$(element, '.choices li')).to.have.length(1);
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.id).to.equal('p0');
    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    for (let i = 0; i < 4 && deepActiveElement()?.id !== 'e0s0o'; i++) await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.id).to.equal('e0s0o');
    await sendKeys({ type: 'Noor' });
    await waitUntil(() => (deepActiveElement() as HTMLInputElement).value === 'Noor');
  });

  it('reflows at 320 px and speaks English', async () => {
    await setViewport({ width: 320, height: 640 });
    const element = await planner(html`<kw-action-plan src=${SMALL} lang="en"></kw-action-plan>`);
    await waitUntil(() => $$(element, '.choices li').length === 2);
    practiceBox(element, 'reporting point').click();
    await element.updateComplete;
    expect(shadowText(element)).to.contain('1. Choose practices');
    expectNoOverflow(element);
    await expect(element).to.be.accessible();
  });

  it('renders hostile practices as inert text', async () => {
    const element = await planner(html`<kw-action-plan src=${HOSTILE}></kw-action-plan>`);
    await waitUntil(() => $$(element, '.choices li').length === 1);
    practiceBox(element, 'Titel met script').click();
    await element.updateComplete;
    await aTimeout(100);
    expect($(element, '.entry legend').textContent).to.equal('<script>window.__kwHacked=1</script>Titel met script');
    expectInert(element);
  });
});
