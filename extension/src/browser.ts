/**
 * The browser API for every part of the extension: webextension-polyfill gives Chrome the promise-based
 * `browser` namespace Firefox has. The few Chrome-only APIs the polyfill does not cover are reached through
 * `chromeOnly`, typed here with only what is used.
 */
import 'webextension-polyfill';
import type { Browser } from 'webextension-polyfill';

// The polyfill ships as UMD: bundled as a plain script it puts the promise-based API on `globalThis.browser`
// (in Firefox that is the native one). Reading it from there needs no CommonJS plugin in the build.
const browser = (globalThis as unknown as { browser: Browser }).browser;

export default browser;
export type { Runtime, Tabs, Storage, Scripting, Permissions } from 'webextension-polyfill';

interface ChromeSidePanel {
  open(options: { windowId?: number; tabId?: number }): Promise<void>;
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
}

interface ChromeOnly {
  sidePanel?: ChromeSidePanel;
  storage?: { session?: { setAccessLevel?(options: { accessLevel: string }): Promise<void> } };
}

/** Chrome's own namespace when it has the API asked for (side panel, session storage access level). */
export function chromeOnly(): ChromeOnly {
  return ((globalThis as { chrome?: ChromeOnly }).chrome ?? {}) as ChromeOnly;
}

/** Firefox's sidebar API, when present. */
export function sidebarAction(): { open(): Promise<void>; close(): Promise<void>; toggle?(): Promise<void> } | undefined {
  return (browser as unknown as { sidebarAction?: { open(): Promise<void>; close(): Promise<void>; toggle?(): Promise<void> } }).sidebarAction;
}
