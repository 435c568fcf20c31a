/**
 * The side panel (Chrome's side_panel, Firefox's sidebar_action). It follows the active tab of its window —
 * or, with `?tab=<id>` in its address, one fixed tab — and shows the practices that fit that tab's page with
 * their reasons. Reading, searching, saved items and the action plan reuse the widget elements.
 */
import browser from '../browser.ts';
import type { Runtime } from '../browser.ts';
import type { Catalog, Item } from '../../../shared/catalog/types.ts';
import { localize } from '../../../shared/catalog/localize.ts';
import { announce, applyStrings, el, setUpTabs } from '../dom.ts';
import { lmsName, strings } from '../i18n.ts';
import type { Lang } from '../i18n.ts';
import { checkNotice } from '../messages.ts';
import type { PageMessage } from '../messages.ts';
import { patternFor } from '../background/sites.ts';
import type { CatalogView, TabView } from '../view.ts';
import { addToPlan, isInPlan, isSaved, onStoreChange, saveItem, showWidget } from './widgets.ts';

const params = new URLSearchParams(location.search);
const fixedTab = params.has('tab') ? Number(params.get('tab')) : undefined;

let language: Lang = 'nl';
let currentTab: number | undefined;
let windowId: number | undefined;
let view: TabView | undefined;
let catalog: Catalog | undefined;
let renderCount = 0;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const announcer = () => $('announcer');

function send<T>(message: PageMessage): Promise<T> {
  return browser.runtime.sendMessage(message) as Promise<T>;
}

function setLanguage(next: Lang): void {
  language = next;
  document.documentElement.lang = next;
  applyStrings(document, strings(next) as unknown as Record<string, unknown>);
}

// ── Following the tab ─────────────────────────────────────────────────────────────────────────────────

async function activeTabId(): Promise<number | undefined> {
  if (fixedTab !== undefined && Number.isInteger(fixedTab)) return fixedTab;
  const [tab] = await browser.tabs.query({ active: true, ...(windowId !== undefined ? { windowId } : { currentWindow: true }) });
  return tab?.id;
}

async function refresh(): Promise<void> {
  const tabId = await activeTabId();
  currentTab = tabId;
  if (tabId === undefined) {
    view = undefined;
    renderHere();
    return;
  }
  try {
    const next = await send<TabView>({ kind: 'kw:get-tab', tabId });
    if (currentTab !== tabId) return;
    view = next;
    if (next.language !== language) setLanguage(next.language);
  } catch {
    view = undefined;
  }
  renderHere();
}

async function loadCatalog(): Promise<void> {
  try {
    const answer = await send<CatalogView>({ kind: 'kw:get-catalog' });
    catalog = answer.catalog;
    if (answer.language !== language) setLanguage(answer.language);
    showWidget.catalogChanged(catalog, language);
  } catch {
    catalog = undefined;
  }
}

// ── "For this page" ───────────────────────────────────────────────────────────────────────────────────

function host(origin: string | undefined): string {
  try {
    return origin ? new URL(origin).host : '';
  } catch {
    return '';
  }
}

function itemTitle(item: Item | undefined, fallback: string): string {
  return item ? localize(item.title, language, catalog?.language) || fallback : fallback;
}

function sourceLink(item: Item | undefined): HTMLElement | null {
  const t = strings(language);
  const href = item?.url ?? item?.source?.url;
  if (!href || !/^https?:\/\//i.test(href)) return null;
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'button-like' }, t.openSource, el('span', { class: 'visually-hidden' }, ` ${t.opensNewTab}`));
}

function suggestionCard(suggestion: TabView['suggestions'][number], index: number): HTMLElement {
  const t = strings(language);
  const item = view?.items[suggestion.id];
  const headingId = `s-${renderCount}-${index}`;
  const reader = el('div', { class: 'reader', hidden: true });
  const readButton = el('button', { type: 'button', 'aria-expanded': 'false', class: 'read' }, t.read);
  readButton.addEventListener('click', () => {
    const open = readButton.getAttribute('aria-expanded') !== 'true';
    readButton.setAttribute('aria-expanded', String(open));
    readButton.textContent = open ? t.closeReading : t.read;
    reader.hidden = !open;
    if (open && item && !reader.dataset.filled) {
      reader.dataset.filled = 'true';
      void showWidget.item(item, catalog, language).then((element) => reader.append(element));
    }
  });
  const saveButton = el('button', { type: 'button', class: 'save', 'aria-pressed': 'false' }, t.saveOffline);
  const planButton = item?.type === 'practice' ? el('button', { type: 'button', class: 'plan', 'aria-pressed': 'false' }, t.addToPlan) : null;
  if (item) {
    void isSaved(item).then((saved) => markSaved(saveButton, saved));
    if (planButton) void isInPlan(item).then((planned) => markPlanned(planButton, planned));
    saveButton.addEventListener('click', async () => {
      try {
        await saveItem(item);
        markSaved(saveButton, true);
        announce(announcer(), t.savedAnnounce(suggestion.title));
      } catch (error) {
        announce(announcer(), t.storeProblem(error instanceof Error ? error.message : String(error)));
      }
    });
    planButton?.addEventListener('click', async () => {
      try {
        await addToPlan(item, t.defaultPlanTitle);
        markPlanned(planButton, true);
        announce(announcer(), t.addedToPlan(suggestion.title));
      } catch (error) {
        announce(announcer(), t.storeProblem(error instanceof Error ? error.message : String(error)));
      }
    });
  }
  const notRelevant = el('button', { type: 'button', class: 'not-relevant' }, t.notRelevant);
  notRelevant.addEventListener('click', async () => {
    if (currentTab === undefined) return;
    view = await send<TabView>({ kind: 'kw:feedback', tabId: currentTab, itemId: suggestion.id, relevant: false });
    announce(announcer(), t.notRelevantAnnounce(suggestion.title));
    renderHere();
    $('here-status').focus();
  });
  return el(
    'li',
    { class: 'suggestion', 'data-id': suggestion.id },
    el(
      'article',
      { 'aria-labelledby': headingId },
      el('p', { class: 'type' }, t.types[suggestion.type] ?? suggestion.type),
      el('h3', { id: headingId }, suggestion.title),
      el('p', { class: 'why-label', id: `${headingId}-why` }, t.why),
      el('ul', { class: 'reasons', 'aria-labelledby': `${headingId}-why` }, ...suggestion.reasons.map((reason) => el('li', {}, reason))),
      el('div', { class: 'actions' }, readButton, sourceLink(item), saveButton, planButton, notRelevant),
      reader,
    ),
  );
}

/** Updates the saved and planned states of the cards after a change here or in another extension page. */
function refreshMarks(): void {
  for (const card of Array.from(document.querySelectorAll<HTMLElement>('#here .suggestion'))) {
    const item = view?.items[card.dataset.id ?? ''];
    if (!item) continue;
    const save = card.querySelector<HTMLElement>('button.save');
    const plan = card.querySelector<HTMLElement>('button.plan');
    if (save) void isSaved(item).then((saved) => markSaved(save, saved));
    if (plan) void isInPlan(item).then((planned) => markPlanned(plan, planned));
  }
}

function markSaved(button: HTMLElement, saved: boolean): void {
  const t = strings(language);
  button.setAttribute('aria-pressed', String(saved));
  button.textContent = saved ? t.saved : t.saveOffline;
}

function markPlanned(button: HTMLElement, planned: boolean): void {
  const t = strings(language);
  button.setAttribute('aria-pressed', String(planned));
  button.textContent = planned ? t.inPlan : t.addToPlan;
}

function pageLine(page: NonNullable<TabView['page']>): HTMLElement {
  const t = strings(language);
  const parts = [lmsName(page.lms), t.pageKinds[page.pageKind]].filter(Boolean).join(' · ');
  return el('p', { class: 'page-line' }, el('span', { class: 'muted' }, parts), page.title ? el('strong', {}, ` ${page.title}`) : null, page.course ? ` ${t.inCourse(page.course)}` : null);
}

function siteControls(current: TabView): HTMLElement | null {
  const t = strings(language);
  const origin = current.origin;
  if (!origin) return null;
  const name = host(origin);
  const enable = async (button: HTMLButtonElement) => {
    button.disabled = true;
    let granted = false;
    try {
      // Asked straight from the click: browsers grant permissions only from a user gesture.
      granted = await browser.permissions.request({ origins: [patternFor(origin)] });
    } catch {
      granted = false;
    }
    button.disabled = false;
    if (!granted) {
      announce(announcer(), t.permissionDenied);
      return;
    }
    await send({ kind: 'kw:site', origin, enabled: true, ...(currentTab !== undefined ? { tabId: currentTab } : {}) });
    announce(announcer(), t.siteEnabled(name));
    await refresh();
  };
  if (current.access === 'available') {
    const enableButton = el('button', { type: 'button', class: 'primary enable-site' }, t.enableSite(name));
    enableButton.addEventListener('click', () => void enable(enableButton));
    const readOnce = current.page ? null : el('button', { type: 'button', class: 'read-once' }, t.readOnce);
    readOnce?.addEventListener('click', async () => {
      if (currentTab === undefined) return;
      const answer = await send<{ ok: boolean }>({ kind: 'kw:read-once', tabId: currentTab });
      if (!answer.ok) announce(announcer(), t.readOnceFailed);
    });
    return el('div', { class: 'site' }, current.page ? null : el('p', {}, t.notReadWhy), el('div', { class: 'actions' }, enableButton, readOnce));
  }
  if (current.access === 'needs-permission') {
    const allow = el('button', { type: 'button', class: 'primary enable-site' }, t.allow);
    allow.addEventListener('click', () => void enable(allow));
    return el('div', { class: 'site' }, el('p', {}, t.policySiteNeedsOk(name)), allow);
  }
  if (current.access === 'enabled') {
    const disable = el('button', { type: 'button', class: 'link-button disable-site' }, t.disableSite(name));
    disable.addEventListener('click', async () => {
      await send({ kind: 'kw:site', origin, enabled: false });
      announce(announcer(), t.siteDisabled(name));
      await refresh();
    });
    return el('div', { class: 'site quiet' }, disable);
  }
  return null;
}

function pauseControls(current: TabView): HTMLElement | null {
  const t = strings(language);
  if (!current.page || currentTab === undefined) return null;
  const tabId = currentTab;
  const toggle = (scope: 'site' | 'course', paused: boolean) => async () => {
    view = await send<TabView>({ kind: 'kw:pause', tabId, scope, paused });
    renderHere();
  };
  if (current.paused) {
    return el('div', { class: 'pause' }, el('button', { type: 'button', class: 'primary resume', onclick: toggle(current.paused, false) }, t.resume));
  }
  return el(
    'div',
    { class: 'pause actions' },
    current.page.courseId ? el('button', { type: 'button', class: 'link-button pause-course', onclick: toggle('course', true) }, t.pauseCourse) : null,
    el('button', { type: 'button', class: 'link-button pause-site', onclick: toggle('site', true) }, t.pauseSite),
  );
}

function hiddenList(current: TabView): HTMLElement | null {
  const t = strings(language);
  if (current.hidden.length === 0 || currentTab === undefined) return null;
  const tabId = currentTab;
  const label = current.page?.courseId ? t.hiddenHere(current.hidden.length) : t.hiddenHereSite(current.hidden.length);
  return el(
    'details',
    { class: 'hidden-items' },
    el('summary', {}, label),
    el(
      'ul',
      {},
      ...current.hidden.map((entry) =>
        el(
          'li',
          {},
          `${itemTitle(current.items[entry.id], entry.title)} `,
          el('button', {
            type: 'button',
            class: 'link-button show-again',
            onclick: async () => {
              view = await send<TabView>({ kind: 'kw:feedback', tabId, itemId: entry.id, relevant: true });
              renderHere();
            },
          }, t.showAgain),
        ),
      ),
    ),
  );
}

function renderHere(): void {
  renderCount++;
  const t = strings(language);
  const status = $('here-status');
  const here = $('here');
  here.replaceChildren();
  const current = view;
  if (!current) {
    status.textContent = t.noPage;
    return;
  }
  if (current.page) here.append(pageLine(current.page));
  if (current.paused) {
    status.textContent = t.paused(current.paused === 'course' ? t.pausedCourse : t.pausedSite);
  } else if (!current.page) {
    status.textContent = current.access === 'unknown' ? t.unknownTab : t.notRead;
  } else if (!current.catalogReady) {
    status.textContent = t.catalogProblem;
  } else if (current.suggestions.length === 0) {
    status.textContent = t.nothingFits;
  } else {
    status.textContent = t.countFits(current.suggestions.length);
    here.append(el('ol', { class: 'suggestions' }, ...current.suggestions.map((s, i) => suggestionCard(s, i))));
  }
  if (!current.paused) {
    const hidden = hiddenList(current);
    if (hidden) here.append(hidden);
  }
  const site = siteControls(current);
  if (site) here.append(site);
  const pause = pauseControls(current);
  if (pause) here.append(pause);
}

// ── Start ─────────────────────────────────────────────────────────────────────────────────────────────

function watchOnline(): void {
  const update = () => {
    $('offline').hidden = navigator.onLine;
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  update();
}

async function start(): Promise<void> {
  setLanguage(/^nl/i.test(browser.i18n.getUILanguage()) ? 'nl' : 'en');
  watchOnline();
  $('open-settings').addEventListener('click', () => void browser.runtime.openOptionsPage());
  setUpTabs($('views'), (panelId) => {
    const panel = $(panelId);
    if (panelId === 'view-search') void showWidget.search(panel, catalog, language);
    if (panelId === 'view-saved') void showWidget.saved(panel, catalog, language);
    if (panelId === 'view-plan') void showWidget.plan(panel, catalog, language);
  });
  try {
    windowId = (await browser.windows.getCurrent()).id;
  } catch {
    windowId = undefined;
  }
  if (fixedTab === undefined) {
    browser.tabs.onActivated.addListener((info) => {
      if (windowId === undefined || info.windowId === windowId) void refresh();
    });
  }
  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (tabId === currentTab && (changeInfo.status === 'complete' || changeInfo.url !== undefined)) void refresh();
  });
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const notice = checkNotice(raw);
    if (!notice) return undefined;
    if (notice.kind === 'kw:tab-changed' && notice.tabId === currentTab) void refresh();
    if (notice.kind === 'kw:catalog-changed') void loadCatalog().then(refresh);
    return undefined;
  });
  onStoreChange(() => refreshMarks());
  await Promise.all([loadCatalog(), refresh()]);
}

void start();

