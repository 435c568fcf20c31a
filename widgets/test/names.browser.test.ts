import { expect, fixture, html, waitUntil } from '@open-wc/testing';
// axe-core is a script that puts `axe` on the window (it also runs the accessibility audits of these tests).
import 'axe-core';
import '../resources/define.ts';
import '../item/define.ts';
import '../saved/define.ts';
import '../action-plan/define.ts';
import { $, $$, freshState, loaded, SMALL } from './helpers.ts';

interface AxNode {
  role: string;
  name: string;
  element: Element;
}

/**
 * Role and accessible name of every element on the page, through open shadow roots, computed by axe-core
 * (the accessible-name algorithm screen readers follow).
 */
function tree(): AxNode {
  const a = (window as unknown as { axe: unknown }).axe as {
    setup(node: Node): { actualNode: Element; children: unknown[] };
    teardown(): void;
    commons: { aria: { getRole(node: Element): string | null }; text: { accessibleTextVirtual(node: unknown): string } };
    utils: { getNodeFromTree(node: Element): unknown };
  };
  const nodes: AxNode[] = [];
  const root = a.setup(document);
  const walk = (virtual: { actualNode: Element; children: unknown[] }) => {
    const element = virtual.actualNode;
    if (element instanceof Element) {
      const role = a.commons.aria.getRole(element);
      if (role) nodes.push({ role, name: a.commons.text.accessibleTextVirtual(virtual).replace(/\s+/g, ' ').trim(), element });
    }
    for (const child of virtual.children as Array<{ actualNode: Element; children: unknown[] }>) walk(child);
  };
  walk(root);
  a.teardown();
  return { role: 'document', name: '', element: document.documentElement, children: nodes } as AxNode & { children: AxNode[] };
}

function nodesOf(root: AxNode): AxNode[] {
  return (root as AxNode & { children: AxNode[] }).children;
}

function find(root: AxNode, role: string, name: string | RegExp): AxNode | null {
  return nodesOf(root).find((node) => node.role === role && (typeof name === 'string' ? node.name === name : name.test(node.name))) ?? null;
}

function all(root: AxNode, test: (node: AxNode) => boolean): AxNode[] {
  return nodesOf(root).filter(test);
}

/** A live region (its name is not its text, so it is found by what it says). */
function status(root: AxNode, text: string): AxNode | null {
  return nodesOf(root).find((node) => node.role === 'status' && node.element.textContent?.trim() === text) ?? null;
}

const attr = (node: AxNode | null, name: string) => node?.element.getAttribute(name);

describe('names and states a screen reader gets', () => {
  beforeEach(() => freshState());

  it('<kw-resources>: search field, filters, results, save toggles, show more', async () => {
    const element = await fixture<HTMLElement>(html`<kw-resources src=${SMALL} limit="3"></kw-resources>`);
    await loaded(element);
    ($(element, 'details') as HTMLDetailsElement).open = true;
    await waitUntil(() => $$(element, 'fieldset').length === 4);
    const root = tree();
    expect(find(root, 'searchbox', 'Zoeken'), 'search field').not.to.equal(null);
    expect(find(root, 'checkbox', /^Materiaal \(2\)$/), 'filter checkbox').not.to.equal(null);
    expect(status(root, '5 resultaten'), 'result count').not.to.equal(null);
    const heading = find(root, 'heading', 'Een meldpunt voor stagediscriminatie');
    expect(attr(heading, 'aria-level')).to.equal('3');
    expect(attr(find(root, 'button', 'Een meldpunt voor stagediscriminatie'), 'aria-expanded')).to.equal('false');
    const toggles = all(root, (n) => n.role === 'button' && n.name.startsWith('Offline bewaren: '));
    expect(toggles.map((t) => t.name)).to.deep.equal([
      'Offline bewaren: Een meldpunt voor stagediscriminatie',
      'Offline bewaren: Ouders betrekken bij de keuze voor techniek',
      'Offline bewaren: Video: erbij horen vanaf dag één',
    ]);
    expect(toggles.every((t) => attr(t, 'aria-pressed') === 'false')).to.equal(true);
    expect(find(root, 'button', 'Toon meer'), 'show more').not.to.equal(null);
  });

  it('<kw-item>: title, sections, actions named with the item', async () => {
    const element = await fixture<HTMLElement>(html`<kw-item src=${SMALL} item="meldpunt-stagediscriminatie"></kw-item>`);
    await loaded(element);
    const root = tree();
    expect(attr(find(root, 'heading', 'Een meldpunt voor stagediscriminatie'), 'aria-level')).to.equal('2');
    expect(attr(find(root, 'heading', 'Wat je kunt doen'), 'aria-level')).to.equal('3');
    expect(find(root, 'button', 'Delen: Een meldpunt voor stagediscriminatie')).not.to.equal(null);
    expect(find(root, 'button', 'In mijn actieplan: Een meldpunt voor stagediscriminatie')).not.to.equal(null);
    expect(find(root, 'link', 'Naar de bron: Een meldpunt voor stagediscriminatie')).not.to.equal(null);
  });

  it('<kw-action-plan>: fields named per step, progress with its words', async () => {
    const element = await fixture(html`<kw-action-plan src=${SMALL}></kw-action-plan>`);
    await waitUntil(() => $$(element, '.choices li').length === 2, 'no practices', { timeout: 8000 });
    ($$(element, '.choices input')[1] as HTMLInputElement).click();
    await waitUntil(() => $$(element, '.entry').length === 1);
    const root = tree();
    expect(find(root, 'textbox', 'Naam van het plan')).not.to.equal(null);
    expect((find(root, 'checkbox', 'In mijn plan: Nodig ouders persoonlijk uit.')?.element as HTMLInputElement | undefined)?.checked).to.equal(true);
    expect(all(root, (n) => n.role === 'textbox' && n.name === 'Wie')).to.have.length(2);
    expect(find(root, 'group', 'Nodig ouders persoonlijk uit.'), 'the fields of a step are grouped under its text').not.to.equal(null);
    const progress = find(root, 'progressbar', 'Voortgang');
    expect(attr(progress, 'aria-valuetext')).to.equal('0 van 2 stappen klaar');
  });

  it('<kw-saved>: note fields and buttons named with the item', async () => {
    const { getStore } = await import('../shared/store.ts');
    const { parseCatalog, mergeCatalogs } = await import('../../shared/catalog/index.ts');
    const catalog = mergeCatalogs(parseCatalog(await (await fetch(SMALL)).text()).catalog!);
    await (await getStore()).save(catalog.items[0]!, { fetchFile: false });
    const element = await fixture(html`<kw-saved></kw-saved>`);
    await waitUntil(() => $$(element, '.title button').length === 1);
    const root = tree();
    expect(find(root, 'textbox', 'Mijn notitie: Een meldpunt voor stagediscriminatie')).not.to.equal(null);
    expect(find(root, 'button', 'Verwijderen: Een meldpunt voor stagediscriminatie')).not.to.equal(null);
    expect(status(root, '1 bewaard item')).not.to.equal(null);
  });
});
