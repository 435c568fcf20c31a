import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './index.ts';
import type { KanswijzerStore, SavedExport, StoreOptions } from './index.ts';
import { fromBase64, toBase64 } from './transfer.ts';
import { CATALOG, corsFailingFetch, event, FEED, fileFetch, pdfBytes, practice, resource } from './test-helpers.ts';

const open: KanswijzerStore[] = [];
function ticking(start: number) {
  let t = start;
  return () => new Date((t += 60_000));
}
async function fresh(options: StoreOptions = {}): Promise<KanswijzerStore> {
  const store = await openStore({ indexedDB: new IDBFactory(), name: 'transfer', channelName: false, fetch: corsFailingFetch(), now: ticking(Date.parse('2026-09-01T08:00:00Z')), ...options });
  open.push(store);
  return store;
}
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

/** Everything a user would see of their saved items, files included. */
async function snapshot(store: KanswijzerStore) {
  const items = await store.list();
  return Promise.all(
    items.map(async (saved) => {
      const blob = await store.getFile(saved.key);
      return { ...saved, bytes: blob ? toBase64(new Uint8Array(await blob.arrayBuffer())) : undefined };
    }),
  );
}

describe('export and import', () => {
  it('round-trips every saved item, note and file into an empty store', async () => {
    const bytes = pdfBytes(5000);
    const source = await fresh({ fetch: fileFetch(bytes) });
    await source.save(practice(), { catalogId: CATALOG, feedUrl: FEED, note: 'Notitie met é en "quotes"' });
    await source.save(resource(), { catalogId: CATALOG });
    await source.save(event(), { catalogId: CATALOG });

    const text = await source.exportJson();
    const doc = JSON.parse(text) as SavedExport;
    expect(doc).toMatchObject({ format: 'kanswijzer-saved', version: 1 });
    expect(doc.items).toHaveLength(3);
    expect(doc.items.find((i) => i.item.type === 'resource')?.file?.data).toBe(toBase64(bytes));

    const target = await fresh({ name: 'transfer-2' });
    const result = await target.importJson(text);
    expect(result).toEqual({ added: 3, updated: 0, skipped: 0, problems: [] });
    expect(await snapshot(target)).toEqual(await snapshot(source));
  });

  it('imports the same file twice without duplicates', async () => {
    const source = await fresh();
    await source.save(practice(), { catalogId: CATALOG });
    await source.save(event(), { catalogId: CATALOG });
    const text = await source.exportJson();
    expect(await source.importJson(text)).toEqual({ added: 0, updated: 0, skipped: 2, problems: [] });
    expect(await source.list()).toHaveLength(2);
  });

  it('merges: the newer copy wins, notes from both sides are kept, a file is added', async () => {
    const bytes = pdfBytes(1200);
    // The other device saved later and stored the file; this device has an older copy with its own note.
    const other = await fresh({ fetch: fileFetch(bytes), now: ticking(Date.parse('2026-10-01T08:00:00Z')) });
    await other.save(practice('anoniem-stage-matchen', { summary: 'Nieuwere samenvatting' }), { catalogId: CATALOG, note: 'Notitie van het andere apparaat' });
    await other.save(resource(), { catalogId: CATALOG });
    const text = await other.exportJson();

    let clock = Date.parse('2026-09-01T08:00:00Z');
    const mine = await fresh({ name: 'transfer-2', now: () => new Date((clock += 1000)) });
    await mine.save(practice(), { catalogId: CATALOG, note: 'Mijn eigen notitie' });
    await mine.save(resource(), { catalogId: CATALOG, note: 'Bestand nog ophalen' });
    clock = Date.parse('2026-11-01T08:00:00Z');
    const result = await mine.importJson(text);
    expect(result).toMatchObject({ added: 0, updated: 2, skipped: 0, problems: [] });

    const merged = await mine.get(`${CATALOG}:anoniem-stage-matchen`);
    expect(merged?.item.summary).toBe('Nieuwere samenvatting');
    expect(merged?.savedAt.startsWith('2026-10-01')).toBe(true);
    expect(merged?.note).toBe('Notitie van het andere apparaat\n\nMijn eigen notitie');
    const withFile = await mine.get(`${CATALOG}:welkom-gesprekken`);
    expect(withFile?.note).toBe('Bestand nog ophalen');
    expect(withFile?.file?.size).toBe(1200);
    expect(withFile?.fileProblem).toBeUndefined();
    expect((await mine.getFile(`${CATALOG}:welkom-gesprekken`))?.size).toBe(1200);

    // Importing an older copy changes nothing.
    const older = await fresh({ name: 'transfer-3', now: ticking(Date.parse('2026-01-01T00:00:00Z')) });
    await older.save(practice('anoniem-stage-matchen', { summary: 'Heel oud' }), { catalogId: CATALOG });
    const before = await mine.get(`${CATALOG}:anoniem-stage-matchen`);
    expect(await mine.importJson(await older.exportJson())).toMatchObject({ added: 0, updated: 0, skipped: 1 });
    expect(await mine.get(`${CATALOG}:anoniem-stage-matchen`)).toEqual(before);
  });

  it('exports without files when asked, and such a file still imports the items', async () => {
    const store = await fresh({ fetch: fileFetch(pdfBytes(800)) });
    await store.save(resource(), { catalogId: CATALOG });
    const text = await store.exportJson({ includeFiles: false });
    expect(text).not.toContain('"data"');
    const target = await fresh({ name: 'transfer-2' });
    expect(await target.importJson(text)).toMatchObject({ added: 1, problems: [] });
    const imported = await target.get(`${CATALOG}:welkom-gesprekken`);
    expect(imported?.file).toBeUndefined();
    expect(await target.getFile(`${CATALOG}:welkom-gesprekken`)).toBeUndefined();
  });

  it('announces an import once', async () => {
    const source = await fresh();
    await source.save(practice(), { catalogId: CATALOG });
    const target = await fresh({ name: 'transfer-2' });
    const changes: string[] = [];
    target.onChange((c) => changes.push(c.type));
    await target.importJson(await source.exportJson());
    expect(changes).toEqual(['imported']);
  });
});

describe('hostile and broken import files', () => {
  const valid = (extra: Record<string, unknown> = {}) => ({ key: `${CATALOG}:p1`, catalogId: CATALOG, savedAt: '2026-09-01T10:00:00.000Z', item: practice('p1'), ...extra });
  const doc = (items: unknown[]) => JSON.stringify({ format: 'kanswijzer-saved', version: 1, exportedAt: '2026-09-01T10:00:00Z', items });

  it.each([
    ['not JSON', 'this is not json', /not valid JSON/],
    ['empty', '   ', /empty/],
    ['JSON null', 'null', /expected an object/],
    ['a list', '[1,2]', /expected an object/],
    ['a catalog', JSON.stringify({ format: 'kanswijzer-catalog', version: 1, items: [] }), /catalog \(a feed\)/],
    ['another format', JSON.stringify({ format: 'something-else' }), /"something-else"/],
    ['a newer version', JSON.stringify({ format: 'kanswijzer-saved', version: 7, items: [] }), /newer version of Kanswijzer \(format version 7\)/],
    ['items not a list', JSON.stringify({ format: 'kanswijzer-saved', version: 1, items: {} }), /"items" should be a list/],
    ['a deeply nested value', '['.repeat(100_000) + ']'.repeat(100_000), /not valid JSON|expected an object/],
  ])('refuses %s with one clear message and changes nothing', async (_name, text, message) => {
    const store = await fresh();
    await store.save(practice(), { catalogId: CATALOG });
    const result = await store.importJson(text);
    expect(result.added + result.updated).toBe(0);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toMatch(message);
    expect(await store.list()).toHaveLength(1);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const store = await fresh();
    const result = await store.importJson(doc([valid()]), { maxChars: 100 });
    expect(result.problems[0]?.message).toMatch(/too large to import/);
  });

  it('imports the good entries and names each bad one', async () => {
    const store = await fresh();
    const result = await store.importJson(
      doc([
        valid(),
        42,
        { ...valid(), item: { id: 'x', type: 'virus', title: 'x' } },
        { ...valid(), item: { type: 'practice', title: 'no id' } },
        valid({ key: `${CATALOG}:p2`, item: practice('p2'), savedAt: 'yesterday' }),
        { item: practice('p3'), savedAt: '2026-09-01T10:00:00Z' },
        valid({ key: `${CATALOG}:p4`, item: practice('p4'), note: { html: '<script>' } }),
        valid({ key: `${CATALOG}:p5`, item: event('p5', { start: undefined as unknown as string }) }),
      ]),
    );
    expect(result.added).toBe(2);
    expect(result.skipped).toBe(6);
    const messages = result.problems.map((p) => p.message);
    expect(messages).toEqual([
      'items[1] should be an object, found 42; it was skipped',
      'items[2].item.type should be practice, resource or event, found "virus"',
      "items[3].item.id should be the item's id (text of at most 200 characters), found undefined",
      'items[4].savedAt should be the date and time it was saved (ISO 8601), found "yesterday"; the item was skipped',
      'items[5].catalogId is missing, so the item cannot be told apart from items of other catalogs; it was skipped',
      'items[6].note is not text and was left out',
      'items[7].item.start an event needs its start date or time',
    ]);
    expect((await store.list()).map((s) => s.key).sort()).toEqual([`${CATALOG}:p1`, `${CATALOG}:p4`]);
  });

  it('removes script links, keeps the rest of the item', async () => {
    const store = await fresh();
    const item = resource('r1', {
      url: 'javascript:alert(1)',
      source: { name: 'Bron', url: 'data:text/html,<script>alert(1)</script>' },
      media: [{ url: 'javascript:evil()' }, { url: 'https://files.example/ok.pdf' }],
    });
    const result = await store.importJson(doc([valid({ key: `${CATALOG}:r1`, item })]));
    expect(result.added).toBe(1);
    expect(result.problems.map((p) => p.field)).toEqual(['item.url', 'item.source.url', 'item.media']);
    const saved = await store.get(`${CATALOG}:r1`);
    expect(saved?.item.url).toBeUndefined();
    expect(saved?.item.source).toEqual({ name: 'Bron' });
    expect((saved?.item as { media: unknown[] }).media).toEqual([{ url: 'https://files.example/ok.pdf' }]);
  });

  it('does not let "__proto__" in a file reach any prototype', async () => {
    const store = await fresh();
    const text = doc([valid()]).replace('"item":{', '"item":{"__proto__":{"polluted":true},');
    const result = await store.importJson(text);
    expect(result.added).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const saved = await store.get(`${CATALOG}:p1`);
    expect(Object.getPrototypeOf(saved!.item)).toBe(Object.prototype);
  });

  it('drops a bad file but keeps the item; keeps the newer of two copies in one file', async () => {
    const store = await fresh({ maxFileBytes: 1000, now: () => new Date('2026-12-01T00:00:00Z') });
    const result = await store.importJson(
      doc([
        valid({ file: { url: 'https://files.example/a.pdf', type: 'application/pdf', size: 3, data: '***not base64***' } }),
        valid({ key: `${CATALOG}:p2`, item: practice('p2'), file: { url: 'https://files.example/b.pdf', data: toBase64(pdfBytes(2000)) } }),
        valid({ savedAt: '2026-09-02T10:00:00.000Z', note: 'tweede kopie' }),
        valid({ key: `${CATALOG}:p3`, item: practice('p3'), savedAt: '2999-01-01T00:00:00Z' }),
      ]),
    );
    expect(result).toMatchObject({ added: 3, updated: 0, skipped: 1 });
    expect(result.problems.map((p) => p.message)).toEqual([
      'items[0].file.data is not valid base64; the file was left out',
      'items[1].file.data the file is larger than the 1000 bytes that can be stored and was left out',
      'items[2] is a second copy of "voorbeeld-netwerk:p1"; the newer copy was kept',
      'items[3].savedAt is in the future; the time of this import was used',
    ]);
    expect((await store.get(`${CATALOG}:p1`))?.note).toBe('tweede kopie');
    expect(await store.getFile(`${CATALOG}:p2`)).toBeUndefined();
    expect((await store.get(`${CATALOG}:p3`))?.savedAt.startsWith('2026')).toBe(true);
  });

  it('never rejects, whatever it is given', async () => {
    const store = await fresh();
    for (const input of [undefined, null, 12, {}, [], new Uint8Array(3)]) {
      const result = await store.importJson(input as unknown as string);
      expect(result.problems[0]?.message).toMatch(/not text/);
    }
  });
});

describe('base64', () => {
  it('round-trips bytes larger than one chunk and refuses non-base64', () => {
    const bytes = pdfBytes(100_000);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(fromBase64('abc$')).toBeUndefined();
    expect(fromBase64('a')).toBeUndefined();
  });
});
