import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, savedKey } from './index.ts';
import type { KanswijzerStore, StoreChange, StoreOptions } from './index.ts';
import { CATALOG, corsFailingFetch, event, FEED, fileFetch, pdfBytes, practice, resource } from './test-helpers.ts';

const open: KanswijzerStore[] = [];

/** A clock that moves one minute per call, so every save has its own time. */
function ticking(start = Date.parse('2026-09-01T08:00:00Z')) {
  let t = start;
  return () => new Date((t += 60_000));
}

async function fresh(options: StoreOptions = {}): Promise<KanswijzerStore> {
  const store = await openStore({ indexedDB: new IDBFactory(), name: 'test', channelName: false, now: ticking(), fetch: corsFailingFetch(), ...options });
  open.push(store);
  return store;
}

afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

describe('saved items', () => {
  it('saves an item as it was, with its feed, catalog and time, and lists newest first', async () => {
    const store = await fresh();
    expect(store.persistent).toBe(true);
    expect(store.mode).toBe('indexeddb');
    expect(store.warning).toBeUndefined();

    const first = await store.save(practice(), { catalogId: CATALOG, feedUrl: FEED, note: 'Voor het teamoverleg' });
    const second = await store.save(event(), { catalogId: CATALOG });
    expect(first).toMatchObject({ key: `${CATALOG}:anoniem-stage-matchen`, catalogId: CATALOG, feedUrl: FEED, note: 'Voor het teamoverleg' });
    expect(first.item).toEqual(practice());

    const list = await store.list();
    expect(list.map((s) => s.key)).toEqual([second.key, first.key]);
    expect(await store.get(first.key)).toEqual(first);
    expect(await store.get('nope')).toBeUndefined();
  });

  it('keys items by their own id inside their catalog, so a merged prefix does not matter', async () => {
    const merged = practice('other-catalog--anoniem', { provenance: { catalogId: 'ander-netwerk', originalId: 'anoniem' } });
    expect(savedKey(merged)).toBe('ander-netwerk:anoniem');
    const store = await fresh();
    const saved = await store.save(merged, { feedUrl: FEED });
    expect(saved.key).toBe('ander-netwerk:anoniem');
    expect(saved.catalogId).toBe('ander-netwerk');
    await expect(store.save(practice())).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('keeps the item as it was when saved, even if it is changed afterwards', async () => {
    const store = await fresh();
    const item = practice();
    await store.save(item, { catalogId: CATALOG });
    item.title = 'Changed later';
    expect((await store.get(`${CATALOG}:anoniem-stage-matchen`))?.item.title).toEqual(practice().title);
  });

  it('saving again refreshes the copy and keeps the note', async () => {
    const store = await fresh();
    await store.save(practice(), { catalogId: CATALOG, note: 'mijn notitie' });
    const again = await store.save(practice('anoniem-stage-matchen', { summary: 'Nieuwe samenvatting' }), { catalogId: CATALOG });
    expect(again.note).toBe('mijn notitie');
    expect(again.item.summary).toBe('Nieuwe samenvatting');
    expect(await store.list()).toHaveLength(1);
  });

  it('searches title, summary and note in every language, ignoring case and accents', async () => {
    const store = await fresh();
    await store.save(practice(), { catalogId: CATALOG, note: 'Overleg met Zoë over de coördinatie' });
    await store.save(resource(), { catalogId: CATALOG, fetchFile: false });
    await store.save(event(), { catalogId: CATALOG });

    const keys = async (q: string) => (await store.search(q)).map((s) => s.key.split(':')[1]);
    expect(await keys('PLACEMENTS')).toEqual(['anoniem-stage-matchen']); // English title
    expect(await keys('zoe coordinatie')).toEqual(['anoniem-stage-matchen']); // note, without accents
    expect(await keys('stagecoördinatoren')).toEqual(['netwerkbijeenkomst']); // summary, with accents
    expect(await keys('leidraad eerste')).toEqual(['welkom-gesprekken']);
    expect(await keys('leidraad netwerk')).toEqual([]); // every word must match
    expect(await keys('  ')).toHaveLength(3);
  });

  it('sets and clears a note', async () => {
    const store = await fresh();
    const { key } = await store.save(practice(), { catalogId: CATALOG });
    expect((await store.setNote(key, 'Bespreken in week 38'))?.note).toBe('Bespreken in week 38');
    expect((await store.get(key))?.note).toBe('Bespreken in week 38');
    expect((await store.setNote(key, ''))?.note).toBeUndefined();
    expect(await store.get(key)).not.toHaveProperty('note');
    expect(await store.setNote('missing:key', 'x')).toBeUndefined();
  });

  it('removes an item together with its file', async () => {
    const bytes = pdfBytes(4000);
    const store = await fresh({ fetch: fileFetch(bytes) });
    const { key } = await store.save(resource(), { catalogId: CATALOG });
    expect(await store.getFile(key)).toBeInstanceOf(Blob);
    expect(await store.remove(key)).toBe(true);
    expect(await store.get(key)).toBeUndefined();
    expect(await store.getFile(key)).toBeUndefined();
    expect(await store.remove(key)).toBe(false);
  });
});

describe('action plans', () => {
  it('creates, updates, lists and deletes plans', async () => {
    const store = await fresh();
    const created = await store.putPlan({
      title: 'Stage zonder vooroordeel',
      entries: [{ itemKey: `${CATALOG}:anoniem-stage-matchen`, item: practice(), steps: [{ index: 0, owner: 'Stagebureau', due: '2026-10-01', note: 'Formulier', done: false }] }],
    });
    expect(created.id).toBeTruthy();
    expect(created.createdAt).toBe(created.updatedAt);

    const other = await store.putPlan({ title: 'Tweede plan', entries: [] });
    const updated = await store.putPlan({ ...created, entries: [{ ...created.entries[0]!, steps: [{ index: 0, done: true }, { index: 1, owner: 'Mentor', done: false }] }] });
    expect(updated.createdAt).toBe(created.createdAt);
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    expect((await store.getPlan(created.id))?.entries[0]?.steps).toEqual([{ index: 0, done: true }, { index: 1, owner: 'Mentor', done: false }]);

    expect((await store.listPlans()).map((p) => p.id)).toEqual([created.id, other.id]);
    expect(await store.deletePlan(other.id)).toBe(true);
    expect(await store.deletePlan(other.id)).toBe(false);
    expect(await store.listPlans()).toHaveLength(1);
  });

  it('refuses a malformed plan with a clear reason', async () => {
    const store = await fresh();
    await expect(store.putPlan({ title: 'x', entries: [{ itemKey: 'a:b', steps: [{ index: -1, done: false }] }] })).rejects.toMatchObject({
      reason: 'invalid',
      message: expect.stringContaining('entries[0].steps[0].index'),
    });
    await expect(store.putPlan({ title: 'x', entries: [{ itemKey: 'a:b', steps: [{ index: 0, due: 'next week', done: false }] }] })).rejects.toMatchObject({ reason: 'invalid' });
    expect(await store.listPlans()).toEqual([]);
  });
});

describe('"not relevant here" feedback', () => {
  it('remembers items per scope, renews on repeat, and forgets on request', async () => {
    const store = await fresh();
    await store.addFeedback(`${CATALOG}:a`, 'course:canvas.example/courses/12');
    await store.addFeedback(`${CATALOG}:b`, 'course:canvas.example/courses/12');
    await store.addFeedback(`${CATALOG}:a`, 'site:moodle.school.example');
    const renewed = await store.addFeedback(`${CATALOG}:a`, 'course:canvas.example/courses/12');

    const course = await store.listFeedback('course:canvas.example/courses/12');
    expect(course.map((f) => f.itemKey)).toEqual([`${CATALOG}:a`, `${CATALOG}:b`]);
    expect(course[0]?.at).toBe(renewed.at);
    expect(await store.listFeedback()).toHaveLength(3);
    expect(await store.removeFeedback(`${CATALOG}:a`, 'site:moodle.school.example')).toBe(true);
    expect(await store.removeFeedback(`${CATALOG}:a`, 'site:moodle.school.example')).toBe(false);
    expect(await store.listFeedback('site:moodle.school.example')).toEqual([]);
  });
});

describe('feed cache', () => {
  it('keeps the last good copy of each feed', async () => {
    const store = await fresh();
    expect(await store.feedCache.get(FEED)).toBeUndefined();
    await store.feedCache.put({ url: FEED, body: '{"a":1}', etag: '"1"', fetchedAt: '2026-09-01T08:00:00.000Z' });
    await store.feedCache.put({ url: FEED, body: '{"a":2}', etag: '"2"', contentType: 'application/json', fetchedAt: '2026-09-02T08:00:00.000Z' });
    expect(await store.feedCache.get(FEED)).toEqual({ url: FEED, body: '{"a":2}', etag: '"2"', contentType: 'application/json', fetchedAt: '2026-09-02T08:00:00.000Z' });
  });
});

describe('change events', () => {
  it('announces every change in this store and, over the channel, in another store', async () => {
    const factory = new IDBFactory();
    const channelName = `test-${Math.random()}`;
    const a = await fresh({ indexedDB: factory, channelName });
    const b = await fresh({ indexedDB: factory, channelName });
    const seenA: StoreChange[] = [];
    const seenB: StoreChange[] = [];
    a.onChange((c) => seenA.push(c));
    const gotInB = new Promise<void>((resolve) =>
      b.onChange((c) => {
        seenB.push(c);
        if (c.type === 'removed') resolve();
      }),
    );

    const { key } = await a.save(practice(), { catalogId: CATALOG });
    await a.setNote(key, 'x');
    await a.remove(key);
    await gotInB;

    const expected = [
      { type: 'saved', key },
      { type: 'note', key },
      { type: 'removed', key },
    ];
    expect(seenA).toEqual(expected.map((c) => ({ ...c, local: true })));
    expect(seenB).toEqual(expected.map((c) => ({ ...c, local: false })));
  });

  it('works without BroadcastChannel: stores in the same page still hear each other', async () => {
    const factory = new IDBFactory();
    const a = await fresh({ indexedDB: factory, BroadcastChannel: null, channelName: 'kanswijzer-store' });
    const b = await fresh({ indexedDB: factory, BroadcastChannel: null, channelName: 'kanswijzer-store' });
    const seen: StoreChange[] = [];
    b.onChange((c) => seen.push(c));
    await a.addFeedback('x:y', 'site:a');
    expect(seen).toEqual([{ type: 'feedback-added', key: 'x:y', local: false }]);
  });
});

describe('calendar export', () => {
  it('writes saved events (not other items) as iCalendar that a calendar library reads back', async () => {
    const store = await fresh();
    await store.save(practice(), { catalogId: CATALOG });
    await store.save(event(), { catalogId: CATALOG, note: 'Met collega Joëlle' });
    await store.save(
      event('spreekuur', {
        title: 'Online spreekuur',
        start: '2026-09-01T16:00:00+02:00',
        end: '2026-09-01T17:00:00+02:00',
        rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=4',
        exdate: ['2026-10-06T16:00:00+02:00'],
        location: { online: true, url: 'https://voorbeeld.example/spreekuur' },
      }),
      { catalogId: CATALOG },
    );
    const text = await store.exportEventsIcs({ lang: 'en' });
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);

    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const vevents = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(vevents.map((e) => e.summary).sort()).toEqual(['Network meeting on internships', 'Online spreekuur']);

    const meeting = vevents.find((e) => e.summary.startsWith('Network'))!;
    expect(meeting.startDate.toJSDate().toISOString()).toBe('2026-12-03T13:00:00.000Z');
    expect(meeting.description).toContain('My note: Met collega Joëlle');
    expect(meeting.location).toBe('Voorbeeldcollege, Stationsplein 1, Utrecht');

    const spreekuur = vevents.find((e) => e.summary === 'Online spreekuur')!;
    const starts: string[] = [];
    const it = spreekuur.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const exdates = spreekuur.component.getAllProperties('exdate').flatMap((p) => p.getValues().map((v: ICAL.Time) => v.toJSDate().getTime()));
      if (!exdates.includes(next.toJSDate().getTime())) starts.push(next.toJSDate().toISOString());
    }
    // First Tuesdays at 16:00 Amsterdam time, summer and winter time, October excluded.
    expect(starts).toEqual(['2026-09-01T14:00:00.000Z', '2026-11-03T15:00:00.000Z', '2026-12-01T15:00:00.000Z']);
  });
});
