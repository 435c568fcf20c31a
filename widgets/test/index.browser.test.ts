import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { configureWidgets } from '../shared/config.ts';
import { $, freshState, SMALL } from './helpers.ts';

/** Another Kanswijzer copy (an older version) that got to a tag first. */
class OtherVersionItem extends HTMLElement {
  static version = '0.0.9';
  connectedCallback(): void {
    this.textContent = 'other version';
  }
}

describe('kanswijzer.js, the one script', () => {
  const warnings: string[] = [];
  const originalWarn = console.warn;
  before(() => {
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    customElements.define('kw-item', OtherVersionItem);
  });
  after(() => {
    console.warn = originalWarn;
  });
  beforeEach(() => {
    freshState();
  });

  it('defines nothing heavy up front, and an element as soon as its tag appears', async () => {
    const { loadElement } = await import('../index.ts');
    configureWidgets({ defaultSrc: SMALL });
    expect(customElements.get('kw-action-plan'), 'the action plan was loaded without being on the page').to.equal(undefined);
    expect(customElements.get('kw-resources')).to.equal(undefined);
    const list = document.createElement('kw-resources');
    document.body.append(list);
    await customElements.whenDefined('kw-resources');
    await waitUntil(() => list.shadowRoot?.querySelectorAll('.results > li').length === 5, 'the list did not render from the default feed');
    expect(customElements.get('kw-action-plan')).to.equal(undefined);
    const nested = document.createElement('section');
    nested.innerHTML = '<div><kw-action-plan></kw-action-plan></div>';
    document.body.append(nested);
    await customElements.whenDefined('kw-action-plan');
    await loadElement('kw-saved');
    expect(customElements.get('kw-saved')).not.to.equal(undefined);
    list.remove();
    nested.remove();
  });

  it('rejects tags that are not Kanswijzer elements', async () => {
    const { loadElement } = await import('../index.ts');
    let error: unknown;
    await loadElement('kw-unknown').catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('<kw-unknown> is not a Kanswijzer element');
  });

  it('is safe to include twice (also from another address)', async () => {
    await import('../index.ts');
    await import(/* another address for the same script */ '../index.ts?copy=2' as string);
    await import('../resources/define.ts?copy=2' as string);
    const list = document.createElement('kw-resources');
    list.setAttribute('src', SMALL);
    document.body.append(list);
    await waitUntil(() => list.shadowRoot?.querySelectorAll('.results > li').length === 5);
    expect(warnings.filter((w) => w.includes('kw-resources'))).to.deep.equal([]);
    list.remove();
  });

  it('keeps another version that defined a tag first, warns once and goes on', async () => {
    const { loadElement } = await import('../index.ts');
    await loadElement('kw-item');
    await loadElement('kw-item');
    await import('../item/define.ts?again' as string);
    expect(customElements.get('kw-item')).to.equal(OtherVersionItem);
    const mentions = warnings.filter((w) => w.includes('<kw-item>'));
    expect(mentions).to.have.length(1);
    expect(mentions[0]).to.contain('already defined by Kanswijzer 0.0.9');
    // The elements of this version still work beside it, also where they would show a <kw-item>.
    const list = document.createElement('kw-resources');
    list.setAttribute('src', SMALL);
    document.body.append(list);
    await waitUntil(() => list.shadowRoot?.querySelector('.title button'));
    $(list, '.title button').click();
    await aTimeout(50);
    expect($(list, 'kw-item').textContent).to.equal('other version');
    list.remove();
  });

  it('has the version of package.json', async () => {
    const { KANSWIJZER_VERSION } = await import('../index.ts');
    const pkg = (await (await fetch('/package.json')).json()) as { version: string };
    expect(KANSWIJZER_VERSION).to.equal(pkg.version);
  });
});
