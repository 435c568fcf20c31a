/**
 * The background (Chrome's service worker, Firefox's background script). Every listener is registered at the
 * top level so the browser can wake the worker for it; every piece of state it needs lives in storage
 * (session: per-tab state; local: catalog, index, enabled sites; sync + managed: settings; IndexedDB:
 * feedback and the feed cache), so the worker can be stopped between any two events.
 */
import browser, { chromeOnly, sidebarAction } from '../browser.ts';
import type { Runtime } from '../browser.ts';
import { localize } from '../../../shared/catalog/localize.ts';
import type { Item } from '../../../shared/catalog/types.ts';
import { idbFeedCache } from '../../../shared/store/feed-cache.ts';
import { defaultStore, savedKey } from '../../../shared/store/store.ts';
import { BADGE_COLOUR, FEED_REFRESH_MINUTES, MAX_SUGGESTIONS } from '../config.ts';
import { strings } from '../i18n.ts';
import { checkContentMessage, checkPageMessage, isExtensionPage } from '../messages.ts';
import type { ContextReply, Notice, PageMessage, SenderInfo } from '../messages.ts';
import { courseKey, feedbackScope, siteKey } from '../scope.ts';
import { feedUrls, MAX_PAUSED, mergeSettings, uiLanguage } from '../settings.ts';
import type { EffectiveSettings } from '../settings.ts';
import type { CatalogView, SiteAccess, StatusView, TabView } from '../view.ts';
import { CatalogService, DEFAULT_FEED } from './catalog.ts';
import type { LoadedCatalog } from './catalog.ts';
import { disableSite, enableSite, hasPermission, isBuiltInHost, isReadableOrigin, syncSites, userSites } from './sites.ts';
import { allTabs, getTab, putTab, removeTab } from './tab-state.ts';
import type { TabRecord } from './tab-state.ts';

const REFRESH_ALARM = 'kw-refresh-feeds';
const HINT_DISMISSED_KEY = 'hintDismissed';

// ── Settings ──────────────────────────────────────────────────────────────────────────────────────────

let settingsCache: Promise<EffectiveSettings> | undefined;

async function readManaged(): Promise<unknown> {
  try {
    return await browser.storage.managed.get(null);
  } catch {
    // No policy installed (Firefox rejects in that case): nothing is managed.
    return undefined;
  }
}

function settings(): Promise<EffectiveSettings> {
  if (!settingsCache) {
    settingsCache = Promise.all([browser.storage.sync.get('settings'), readManaged()]).then(([sync, managed]) => mergeSettings(sync.settings, managed));
    settingsCache.catch(() => {
      settingsCache = undefined;
    });
  }
  return settingsCache;
}

function languageOf(current: EffectiveSettings): 'nl' | 'en' {
  return uiLanguage(current.language, browser.i18n.getUILanguage());
}

// ── Catalog, store ────────────────────────────────────────────────────────────────────────────────────

const catalogs = new CatalogService(idbFeedCache, () => {
  void rerankAll();
  notify({ kind: 'kw:catalog-changed' });
});

async function currentCatalog(): Promise<LoadedCatalog | undefined> {
  return catalogs.get(feedUrls(await settings(), DEFAULT_FEED));
}

async function refreshFeeds(): Promise<void> {
  await catalogs.refresh(feedUrls(await settings(), DEFAULT_FEED));
  notify({ kind: 'kw:status-changed' });
}

function notify(notice: Notice): void {
  browser.runtime.sendMessage(notice).catch(() => {
    // No extension page is open to hear it.
  });
}

// ── Ranking and the badge ─────────────────────────────────────────────────────────────────────────────

/** Newest read per tab, so a slow answer for an older page never overwrites a newer one. */
const readSequence = new Map<number, number>();

async function rank(record: TabRecord): Promise<TabRecord> {
  const base: TabRecord = { ...record, suggestions: [], hidden: [] };
  delete base.paused;
  const context = record.context;
  if (!context) return base;
  const current = await settings();
  const place = { origin: record.origin, lms: context.lms, ...(context.courseId ? { courseId: context.courseId } : {}) };
  const course = courseKey(place);
  if (course && current.paused.includes(course)) return { ...base, paused: 'course' };
  if (current.paused.includes(siteKey(record.origin))) return { ...base, paused: 'site' };
  const loaded = await currentCatalog();
  if (!loaded) return base;
  const language = languageOf(current);
  const feedback = await defaultStore()
    .then((store) => store.listFeedback(feedbackScope(place)))
    .catch(() => []);
  const dismissed = [...new Set(feedback.map((entry) => loaded.idByKey.get(entry.itemKey)).filter((id): id is string => id !== undefined))];
  let suggestions: TabRecord['suggestions'] = [];
  try {
    suggestions = loaded.suggester.suggest(context, {
      ...(current.role ? { role: current.role } : {}),
      ...(current.sector ? { sector: current.sector } : {}),
      language,
      dismissed,
    }, new Date());
  } catch {
    // A page the engine cannot handle gets no suggestions, not a broken worker.
    suggestions = [];
  }
  return {
    ...base,
    suggestions: suggestions.filter((s) => !dismissed.includes(s.id)).slice(0, MAX_SUGGESTIONS),
    hidden: dismissed.map((id) => ({ id, title: localize(loaded.byId.get(id)?.title, language, loaded.catalog.language) || id })),
  };
}

async function setBadge(record: TabRecord, language: 'nl' | 'en'): Promise<void> {
  const t = strings(language);
  const count = record.suggestions.length;
  const text = record.paused || count === 0 ? '' : String(count);
  const title = record.paused ? t.badgePaused : record.context ? t.badgeTitle(count) : t.badgeIdle;
  try {
    await Promise.all([browser.action.setBadgeText({ tabId: record.tabId, text }), browser.action.setTitle({ tabId: record.tabId, title })]);
  } catch {
    // The tab was closed meanwhile.
  }
}

async function hintDismissed(): Promise<string[]> {
  const stored = (await browser.storage.local.get(HINT_DISMISSED_KEY))[HINT_DISMISSED_KEY];
  return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : [];
}

async function hintReply(record: TabRecord): Promise<ContextReply> {
  const current = await settings();
  const place = record.context ? { origin: record.origin, lms: record.context.lms, ...(record.context.courseId ? { courseId: record.context.courseId } : {}) } : undefined;
  const dismissed = place ? (await hintDismissed()).includes(feedbackScope(place)) : true;
  const count = record.suggestions.length;
  return { count, language: languageOf(current), showHint: current.hints && !record.paused && count > 0 && !dismissed };
}

/** Ranks a tab's page, stores the result, sets the badge and tells open panels. */
async function update(record: TabRecord): Promise<TabRecord | undefined> {
  const sequence = (readSequence.get(record.tabId) ?? 0) + 1;
  readSequence.set(record.tabId, sequence);
  const ranked = await rank(record);
  if (readSequence.get(record.tabId) !== sequence) return undefined;
  await setBadge(ranked, languageOf(await settings()));
  ranked.badgeAt = Date.now();
  await putTab(ranked);
  notify({ kind: 'kw:tab-changed', tabId: ranked.tabId });
  return ranked;
}

/** Ranks every open tab again (settings, feedback or catalog changed) and updates their hints. */
async function rerankAll(scope?: string): Promise<void> {
  for (const record of await allTabs()) {
    if (!record.context) continue;
    if (scope) {
      const place = { origin: record.origin, lms: record.context.lms, ...(record.context.courseId ? { courseId: record.context.courseId } : {}) };
      if (feedbackScope(place) !== scope) continue;
    }
    const ranked = await update(record);
    if (ranked) browser.tabs.sendMessage(ranked.tabId, { kind: 'kw:hint-state', reply: await hintReply(ranked) }).catch(() => undefined);
  }
}

// ── What the panel and settings page see ──────────────────────────────────────────────────────────────

async function siteAccess(origin: string | undefined, current: EffectiveSettings): Promise<SiteAccess> {
  if (!origin) return 'unknown';
  if (isBuiltInHost(new URL(origin).hostname)) return 'built-in';
  const hostname = new URL(origin).hostname;
  const enabledByUser = (await userSites()).some((o) => new URL(o).hostname === hostname);
  const byPolicy = current.managedSites.some((o) => new URL(o).hostname === hostname);
  if (enabledByUser || byPolicy) return (await hasPermission(origin)) ? 'enabled' : byPolicy ? 'needs-permission' : 'available';
  return 'available';
}

async function tabView(tabId: number): Promise<TabView> {
  const current = await settings();
  const language = languageOf(current);
  const record = await getTab(tabId);
  const loaded = await currentCatalog().catch(() => undefined);
  const items: Record<string, Item> = {};
  for (const { id } of [...(record?.suggestions ?? []), ...(record?.hidden ?? [])]) {
    const item = loaded?.byId.get(id);
    if (item) items[id] = item;
  }
  const context = record?.context;
  return {
    tabId,
    language,
    ...(record ? { origin: record.origin } : {}),
    access: await siteAccess(record?.origin, current),
    ...(context
      ? { page: { lms: context.lms, pageKind: context.pageKind, title: context.title, url: context.url, ...(context.course ? { course: context.course } : {}), ...(context.courseId ? { courseId: context.courseId } : {}) } }
      : {}),
    readOnce: record?.readOnce === true,
    ...(record?.paused ? { paused: record.paused } : {}),
    suggestions: record?.suggestions ?? [],
    hidden: record?.hidden ?? [],
    items,
    catalogReady: loaded !== undefined && loaded.catalog.items.length > 0,
  };
}

async function statusView(): Promise<StatusView> {
  const current = await settings();
  const language = languageOf(current);
  const loaded = await currentCatalog().catch(() => undefined);
  const { feeds, loadedAt } = await catalogs.reports();
  const label = (entry: { id: string; label: unknown }) => ({ id: entry.id, label: localize(entry.label as string, language, loaded?.catalog.language) || entry.id });
  return {
    language,
    settings: current,
    feeds,
    ...(loadedAt ? { loadedAt } : {}),
    sites: await syncSites(current.managedSites),
    audiences: (loaded?.catalog.audiences ?? []).map(label),
    sectors: (loaded?.catalog.sectors ?? []).map(label),
    defaultFeed: DEFAULT_FEED,
  };
}

// ── Messages ──────────────────────────────────────────────────────────────────────────────────────────

async function handleContent(raw: unknown, sender: SenderInfo): Promise<unknown> {
  const checked = checkContentMessage(raw, sender, browser.runtime.id);
  if (!checked.ok) {
    console.warn(`Kanswijzer: ignored a message from a page (${checked.error}).`);
    return undefined;
  }
  const message = checked.value;
  const origin = new URL(message.pageUrl).origin;
  const previous = await getTab(message.tabId);
  const readOnce = previous?.readOnce === true && previous.origin === origin;
  if (!readOnce && !(await isReadableOrigin(origin, (await settings()).managedSites))) {
    // A script left running on a site that was disabled since: stop listening to it.
    return undefined;
  }
  if (message.kind === 'kw:hint') {
    if (message.action === 'dismiss' && previous?.context) {
      const scope = feedbackScope({ origin, lms: previous.context.lms, ...(previous.context.courseId ? { courseId: previous.context.courseId } : {}) });
      await browser.storage.local.set({ [HINT_DISMISSED_KEY]: [...new Set([...(await hintDismissed()), scope])].slice(-500) });
      return true;
    }
    if (message.action === 'open-panel') return openPanel(sender);
    if (message.action === 'load') return loadHint(message.tabId);
    return false;
  }
  const record: TabRecord = {
    tabId: message.tabId,
    origin,
    context: message.context,
    suggestions: [],
    hidden: [],
    readAt: Date.now(),
    ...(readOnce ? { readOnce: true } : {}),
  };
  const ranked = await update(record);
  return hintReply(ranked ?? record);
}

/**
 * Injects the hint's code into the tab's top frame, where the content script asked for it: only while hints
 * are on, so pages never carry it otherwise.
 */
async function loadHint(tabId: number): Promise<boolean> {
  if (!(await settings()).hints) return false;
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['hint.js'] });
    return true;
  } catch {
    return false;
  }
}

async function openPanel(sender: SenderInfo & { tab?: { id?: number; windowId?: number } }): Promise<boolean> {
  try {
    const sidePanel = chromeOnly().sidePanel;
    if (sidePanel && sender.tab?.windowId !== undefined) {
      await sidePanel.open({ windowId: sender.tab.windowId });
      return true;
    }
    const sidebar = sidebarAction();
    if (sidebar) {
      await sidebar.open();
      return true;
    }
  } catch {
    // Not from a user gesture the browser accepts: the hint tells the user to use the toolbar button.
  }
  return false;
}

async function handlePage(message: PageMessage): Promise<unknown> {
  switch (message.kind) {
    case 'kw:get-tab':
      return tabView(message.tabId);
    case 'kw:feedback': {
      const record = await getTab(message.tabId);
      const loaded = await currentCatalog();
      const item = loaded?.byId.get(message.itemId);
      if (!record?.context || !item) return tabView(message.tabId);
      const scope = feedbackScope({ origin: record.origin, lms: record.context.lms, ...(record.context.courseId ? { courseId: record.context.courseId } : {}) });
      const store = await defaultStore();
      if (message.relevant) await store.removeFeedback(savedKey(item), scope);
      else await store.addFeedback(savedKey(item), scope);
      await rerankAll(scope);
      return tabView(message.tabId);
    }
    case 'kw:pause': {
      const record = await getTab(message.tabId);
      if (!record?.context) return tabView(message.tabId);
      const place = { origin: record.origin, lms: record.context.lms, ...(record.context.courseId ? { courseId: record.context.courseId } : {}) };
      const scope = message.scope === 'course' ? courseKey(place) : siteKey(record.origin);
      if (!scope) return tabView(message.tabId);
      const stored = ((await browser.storage.sync.get('settings')).settings ?? {}) as Record<string, unknown>;
      const paused = new Set(Array.isArray(stored.paused) ? (stored.paused as string[]) : []);
      if (message.paused) paused.add(scope);
      else paused.delete(scope);
      try {
        await browser.storage.sync.set({ settings: { ...stored, paused: [...paused].slice(-MAX_PAUSED) } });
      } catch {
        // Over the sync quota: the oldest pauses were dropped above; if it still fails, nothing changed.
      }
      settingsCache = undefined;
      await rerankAll();
      return tabView(message.tabId);
    }
    case 'kw:site': {
      const current = await settings();
      if (message.enabled) {
        const ok = await enableSite(message.origin, message.tabId);
        notify({ kind: 'kw:status-changed' });
        return { ok };
      }
      await disableSite(message.origin, current.managedSites);
      for (const record of await allTabs()) {
        if (record.origin === message.origin && !record.readOnce) {
          await removeTab(record.tabId);
          await setBadge({ ...record, suggestions: [], context: undefined }, languageOf(current));
          notify({ kind: 'kw:tab-changed', tabId: record.tabId });
        }
      }
      notify({ kind: 'kw:status-changed' });
      return { ok: true };
    }
    case 'kw:read-once': {
      try {
        const tab = await browser.tabs.get(message.tabId);
        const origin = tab.url ? new URL(tab.url).origin : undefined;
        if (!origin || !/^https?:/.test(origin)) return { ok: false };
        await putTab({ tabId: message.tabId, origin, suggestions: [], hidden: [], readOnce: true });
        await browser.scripting.executeScript({ target: { tabId: message.tabId }, files: ['content.js'] });
        return { ok: true };
      } catch {
        return { ok: false };
      }
    }
    case 'kw:get-catalog': {
      const loaded = await currentCatalog().catch(() => undefined);
      return { ...(loaded ? { catalog: loaded.catalog } : {}), language: languageOf(await settings()) } satisfies CatalogView;
    }
    case 'kw:refresh-feeds':
      await refreshFeeds();
      return statusView();
    case 'kw:get-status':
      return statusView();
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  const info = sender as SenderInfo;
  if (isExtensionPage(info, browser.runtime.id, browser.runtime.getURL(''))) {
    const checked = checkPageMessage(raw);
    if (!checked.ok) {
      // Notices the background itself broadcast come back to it in Firefox: not an error.
      return undefined;
    }
    return handlePage(checked.value);
  }
  if (info.tab) return handleContent(raw, info);
  return undefined;
});

// ── Tabs ──────────────────────────────────────────────────────────────────────────────────────────────

browser.tabs.onRemoved.addListener((tabId) => {
  readSequence.delete(tabId);
  void removeTab(tabId);
});

browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.status !== 'loading') return;
  void (async () => {
    const record = await getTab(tabId);
    if (!record) return;
    // A new document: keep the old answer only while the content script reads the same site again.
    const sameSite = changeInfo.url !== undefined && new URL(changeInfo.url).origin === record.origin;
    if (sameSite && !record.readOnce) return;
    await removeTab(tabId);
    notify({ kind: 'kw:tab-changed', tabId });
  })();
});

// ── Toolbar button: open the panel (the click is the user gesture the browser asks for) ───────────────

browser.action.onClicked.addListener((tab) => {
  const sidePanel = chromeOnly().sidePanel;
  if (sidePanel && tab.windowId !== undefined) void sidePanel.open({ windowId: tab.windowId }).catch(() => undefined);
  else void sidebarAction()?.open().catch(() => undefined);
  // The click grants activeTab: remember the tab's site so the panel can offer "Enable on this site".
  if (tab.id === undefined || !tab.url) return;
  let origin: string;
  try {
    origin = new URL(tab.url).origin;
  } catch {
    return;
  }
  if (!/^https?:/.test(origin)) return;
  const tabId = tab.id;
  void (async () => {
    const record = await getTab(tabId);
    if (record && record.origin === origin) return;
    await putTab({ tabId, origin, suggestions: [], hidden: [] });
    notify({ kind: 'kw:tab-changed', tabId });
  })();
});

// ── Settings, policy and permissions ──────────────────────────────────────────────────────────────────

browser.storage.onChanged.addListener((changes, area) => {
  if (!(area === 'managed' || (area === 'sync' && 'settings' in changes))) return;
  void (async () => {
    const before = await settings().catch(() => undefined);
    settingsCache = undefined;
    const after = await settings();
    if (area === 'managed') await syncSites(after.managedSites);
    const feedsChanged = !before || feedUrls(before, DEFAULT_FEED).join(' ') !== feedUrls(after, DEFAULT_FEED).join(' ');
    if (feedsChanged) await refreshFeeds();
    await rerankAll();
    notify({ kind: 'kw:status-changed' });
  })();
});

browser.permissions.onAdded.addListener(() => {
  void settings().then((current) => syncSites(current.managedSites)).then(() => notify({ kind: 'kw:status-changed' }));
});
browser.permissions.onRemoved.addListener(() => {
  void settings().then((current) => syncSites(current.managedSites)).then(() => notify({ kind: 'kw:status-changed' }));
});

// ── Schedule and lifecycle ────────────────────────────────────────────────────────────────────────────

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REFRESH_ALARM) void refreshFeeds();
});

async function ensureAlarm(): Promise<void> {
  if (!(await browser.alarms.get(REFRESH_ALARM))) {
    browser.alarms.create(REFRESH_ALARM, { delayInMinutes: FEED_REFRESH_MINUTES, periodInMinutes: FEED_REFRESH_MINUTES });
  }
}

browser.runtime.onInstalled.addListener(() => {
  // Opening the database the first time creates it: done now, beside reading the catalog, rather than when
  // the first page waits for its badge.
  void defaultStore().catch(() => undefined);
  void (async () => {
    await ensureAlarm();
    await syncSites((await settings()).managedSites);
    // A new version brings a new packaged catalog: read it now rather than at the next scheduled refresh.
    await refreshFeeds();
  })();
});

browser.runtime.onStartup.addListener(() => {
  void (async () => {
    await ensureAlarm();
    await syncSites((await settings()).managedSites);
  })();
});

void browser.action.setBadgeBackgroundColor({ color: BADGE_COLOUR }).catch(() => undefined);
void (browser.action as { setBadgeTextColor?: (d: { color: string }) => Promise<void> }).setBadgeTextColor?.({ color: '#ffffff' })?.catch(() => undefined);
