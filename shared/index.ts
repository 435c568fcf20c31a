/**
 * Kanswijzer's core: the public API for anyone integrating Kanswijzer elsewhere (an LTI tool, an LMS
 * plugin). Runs in browsers and Node. The offline store (IndexedDB) is a separate entry, `kanswijzer/store`,
 * because it only makes sense in browsers.
 */
export * from './catalog/index.ts';
export * from './feed/index.ts';
export * from './ical/index.ts';
export * from './context/index.ts';
export * from './match/index.ts';
