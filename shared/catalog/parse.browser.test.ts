import { expect } from '@open-wc/testing';
import { parseCatalog } from './parse.ts';
import { mergeCatalogs } from './merge.ts';

// The same parser in real Chromium, on a feed fetched over HTTP as widgets do.
describe('parseCatalog in the browser', () => {
  it('reads a catalog fetched as bytes', async () => {
    const response = await fetch('/test/fixtures/catalogs/valid-small.json');
    const result = parseCatalog(await response.arrayBuffer(), { mode: 'strict' });
    expect(result.valid).to.equal(true);
    expect(result.catalog?.items.map((i) => i.id)).to.deep.equal(['stagegesprek-voorbereiden', 'kennismakingsweek', 'intervisie-stage', 'studiedag-verbondenheid']);
  });

  it('explains an HTML error page served instead of the feed', async () => {
    const response = await fetch('/test/fixtures/catalogs/broken/html-error-page.json');
    const result = parseCatalog(await response.text());
    expect(result.catalog).to.equal(undefined);
    expect(result.problems[0]?.message).to.contain('HTML web page');
  });

  it('checks time zones with the browser\'s own zone data', () => {
    const base = { format: 'kanswijzer-catalog', version: 1, id: 't', title: 'T', language: 'nl', items: [] as unknown[] };
    const event = (timeZone: string) => ({ id: `e-${timeZone.replace(/\W/g, '')}`, type: 'event', title: 'E', start: '2026-03-29T10:00:00+02:00', timeZone });
    const result = parseCatalog({ ...base, items: [event('America/New_York'), event('Mars/Olympus')] });
    expect(result.catalog?.items.map((i) => i.id)).to.deep.equal(['e-AmericaNew_York']);
    expect(result.problems[0]?.message).to.contain('not a known IANA time zone');
  });

  it('merges two feeds with provenance', async () => {
    const text = await (await fetch('/test/fixtures/catalogs/valid-small.json')).text();
    const a = parseCatalog(text).catalog!;
    const b = { ...parseCatalog(text).catalog!, id: 'school' };
    const merged = mergeCatalogs({ catalog: a, feedUrl: '/a.json' }, b);
    expect(merged.items).to.have.length(8);
    expect(merged.items[4]?.id).to.equal('school:stagegesprek-voorbereiden');
  });
});
