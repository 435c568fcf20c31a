/**
 * What the background knows per tab, kept in `storage.session` so it survives the service worker being
 * stopped at any moment (Chrome stops idle workers after about 30 seconds). Session storage stays in memory
 * on the device and is cleared when the browser closes; web pages cannot read it.
 */
import browser from '../browser.ts';
import type { PageContext } from '../../../shared/context/types.ts';
import type { Suggestion } from '../core/match.ts';

export interface HiddenSuggestion {
  id: string;
  title: string;
}

export interface TabRecord {
  tabId: number;
  /** The tab's origin as the browser reported it (from the sender or the toolbar click), never from the page. */
  origin: string;
  /** The last page context the content script sent; absent when only the origin is known. */
  context?: PageContext;
  /** Suggestions for the page, best first. */
  suggestions: Suggestion[];
  /** Items the user marked "not relevant" in this course (or site), so the panel can offer "suggest again". */
  hidden: HiddenSuggestion[];
  /** Set when Kanswijzer is paused here. */
  paused?: 'site' | 'course';
  /** True when the tab was read once on request (toolbar click + "read this page"), not by a site permission. */
  readOnce?: boolean;
  /** When the context arrived and when the badge was set (ms since epoch), for the timing report. */
  readAt?: number;
  badgeAt?: number;
}

const key = (tabId: number) => `tab:${tabId}`;

/** The session area; Firefox before 115 and old Chrome lack it, then memory of this worker is used. */
const memory = new Map<string, TabRecord>();
function session(): typeof browser.storage.session | undefined {
  try {
    return browser.storage.session;
  } catch {
    return undefined;
  }
}

export async function getTab(tabId: number): Promise<TabRecord | undefined> {
  const area = session();
  if (!area) return memory.get(key(tabId));
  const stored = await area.get(key(tabId));
  return stored[key(tabId)] as TabRecord | undefined;
}

export async function putTab(record: TabRecord): Promise<void> {
  const area = session();
  if (!area) {
    memory.set(key(record.tabId), record);
    return;
  }
  await area.set({ [key(record.tabId)]: record });
}

export async function removeTab(tabId: number): Promise<void> {
  const area = session();
  memory.delete(key(tabId));
  await area?.remove(key(tabId));
}

/** Every tab record (for re-ranking after settings, feedback or the catalog changed). */
export async function allTabs(): Promise<TabRecord[]> {
  const area = session();
  if (!area) return [...memory.values()];
  const stored = await area.get(null);
  return Object.entries(stored)
    .filter(([name]) => name.startsWith('tab:'))
    .map(([, value]) => value as TabRecord);
}
