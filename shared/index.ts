/**
 * Kanswijzer's core: the public API for anyone integrating Kanswijzer elsewhere (an LTI tool, an LMS
 * plugin). Runs in browsers and Node.
 */
export * from './catalog/index.ts';
