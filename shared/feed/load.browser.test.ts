import { expect } from '@open-wc/testing';
import type { CatalogEvent } from '../catalog/types.ts';
import { loadFeeds, memoryFeedCache, type LoadResult } from './load.ts';

// The feed loader in real Chromium, against files served by the test server: real fetch, real streams,
// real CORS.
const CATALOG = new URL('/test/fixtures/catalogs/valid-small.json', location.href).href;
const CALENDAR = new URL('/test/fixtures/ics/new-york-dst.ics', location.href).href;

describe('loadFeeds in the browser', () => {
  it('loads a JSON catalog and an .ics calendar from the server and merges them', async () => {
    const result = await loadFeeds([CATALOG, CALENDAR]);
    expect(result.feeds.map((f) => [f.state, f.kind])).to.deep.equal([
      ['fresh', 'catalog'],
      ['fresh', 'icalendar'],
    ]);
    const ids = result.catalog!.items.map((i) => i.id);
    expect(ids).to.include('kennismakingsweek');
    expect(ids).to.include('ny-webinar-kanswijzer.test');
    const webinar = result.catalog!.items.find((i) => i.id === 'ny-webinar-kanswijzer.test') as CatalogEvent;
    expect(webinar.provenance?.feedUrl).to.equal(CALENDAR);
    expect(webinar.overrides).to.have.length(3);
  });

  it('says when a feed does not exist', async () => {
    const missing = new URL('/test/fixtures/ics/no-such-calendar.ics', location.href).href;
    const result = await loadFeeds([missing]);
    expect(result.feeds[0]!.state).to.equal('failed');
    expect(result.feeds[0]!.reason).to.equal('not-found');
    expect(result.feeds[0]!.message).to.contain(missing);
  });

  it('serves a cached copy first and refreshes it in the background', async () => {
    const cache = memoryFeedCache();
    await cache.put({ url: CALENDAR, body: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:oud\r\nSUMMARY:Oude kopie\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n', fetchedAt: '2025-01-01T00:00:00.000Z' });
    let first!: LoadResult;
    const fresh = await new Promise<LoadResult>((resolve) => {
      void loadFeeds([CALENDAR], { cache, onUpdate: resolve }).then((result) => (first = result));
    });
    expect(first.feeds[0]!.state).to.equal('cached');
    expect(first.catalog!.items.map((i) => i.id)).to.deep.equal(['oud']);
    expect(fresh.feeds[0]!.state).to.equal('fresh');
    expect(fresh.catalog!.items.map((i) => i.id)).to.include('ny-webinar-kanswijzer.test');
    expect((await cache.get(CALENDAR))!.body).to.contain('Webinar peer mentoring');
  });

  it('reports a server that does not allow cross-origin reading as a CORS problem', async () => {
    // The same server under another host name is another origin; it sends no Access-Control-Allow-Origin.
    const other = new URL(CALENDAR);
    other.hostname = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const result = await loadFeeds([other.href]);
    expect(result.feeds[0]!.reason).to.equal('cors');
    expect(result.feeds[0]!.message).to.contain('Access-Control-Allow-Origin');
  });

  it('stops when the page cancels', async () => {
    const controller = new AbortController();
    const pending = loadFeeds([CATALOG], { signal: controller.signal });
    controller.abort();
    let error: unknown;
    try {
      await pending;
    } catch (caught) {
      error = caught;
    }
    expect((error as Error | undefined)?.name).to.equal('AbortError');
  });
});
