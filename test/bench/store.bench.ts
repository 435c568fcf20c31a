// Offline store costs for a large saved list: save, list, search, export and import of N items.
// Runs in Node on fake-indexeddb (the only IndexedDB in Node) and on the memory store, so the numbers show
// the store's own work and how it grows with N, not a browser's disk speed.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openStore } from '../../shared/store/index.ts';
import type { KanswijzerStore } from '../../shared/store/index.ts';
import { event, practice, resource } from '../../shared/store/test-helpers.ts';

const SIZES = [100, 1000];

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

async function run(label: string, make: (name: string) => Promise<KanswijzerStore>, n: number): Promise<void> {
  const store = await make(`bench-${label}-${n}`);
  const items = Array.from({ length: n }, (_, i) => {
    const id = `item-${i}`;
    return i % 3 === 0 ? practice(id) : i % 3 === 1 ? resource(id) : event(id);
  });
  const [saveMs] = await time(async () => {
    for (const [i, item] of items.entries()) await store.save(item, { catalogId: 'bench', fetchFile: false, note: i % 10 === 0 ? `Notitie ${i} over coördinatie` : undefined });
  });
  const [listMs, list] = await time(() => store.list());
  const [searchMs, found] = await time(() => store.search('coordinatie'));
  const [exportMs, text] = await time(() => store.exportJson());
  const target = await make(`bench-${label}-${n}-import`);
  const [importMs, imported] = await time(() => target.importJson(text));
  const [reimportMs, again] = await time(() => target.importJson(text));
  const [icsMs, ics] = await time(() => store.exportEventsIcs());
  store.close();
  target.close();
  const per = (ms: number) => `${ms.toFixed(1)} ms (${((ms / n) * 1000).toFixed(0)} µs/item)`;
  console.log(`${label}, ${n} items:`);
  console.log(`  save one by one   ${per(saveMs)}`);
  console.log(`  list              ${listMs.toFixed(1)} ms (${list.length} items)`);
  console.log(`  search            ${searchMs.toFixed(1)} ms (${found.length} hits)`);
  console.log(`  export JSON       ${exportMs.toFixed(1)} ms (${(text.length / 1024).toFixed(0)} KB)`);
  console.log(`  import (new)      ${importMs.toFixed(1)} ms (added ${imported.added})`);
  console.log(`  import (again)    ${reimportMs.toFixed(1)} ms (skipped ${again.skipped})`);
  console.log(`  events as .ics    ${icsMs.toFixed(1)} ms (${(ics.length / 1024).toFixed(0)} KB)`);
}

for (const n of SIZES) {
  await run('fake-indexeddb', (name) => openStore({ indexedDB: new IDBFactory(), name, channelName: false }), n);
  await run('memory', (name) => openStore({ indexedDB: null, name }), n);
}
