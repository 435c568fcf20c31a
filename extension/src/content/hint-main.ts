/**
 * Entry of `hint.js`: injected by the background (scripting.executeScript) into the isolated world of a
 * page whose content script asked for a hint, it makes the hint available to that content script.
 */
import { HINT_GLOBAL, type HintApi, removeHint, showHint } from './hint.ts';

const api: HintApi = { showHint, removeHint };
(globalThis as unknown as Record<string, HintApi>)[HINT_GLOBAL] ??= api;
