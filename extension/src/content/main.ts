/**
 * The full content script (`content.js`), with every LMS adapter: injected on sites enabled by the user or an
 * administrator, whose LMS is not known in advance. The known SaaS hosts get a build with only their own
 * adapter (`content-<adapter>.js`, see the manifest and extension/rollup.parts.mjs).
 */
import { adapters } from '../../../shared/context/adapters/index.ts';
import { startContentScript } from './start.ts';

startContentScript(adapters);
