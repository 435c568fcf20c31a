/**
 * The settings page: role, sector, language, feeds, sites, the in-page hint and paused places. Every change
 * is saved at once to storage.sync; values an administrator set are shown, disabled, with a note. The
 * background hears the change and refreshes feeds and badges.
 */
import browser from '../browser.ts';
import type { Runtime } from '../browser.ts';
import { announce, applyStrings, el } from '../dom.ts';
import { strings } from '../i18n.ts';
import type { Lang } from '../i18n.ts';
import { checkNotice } from '../messages.ts';
import type { PageMessage } from '../messages.ts';
import { originOfScope } from '../scope.ts';
import { checkFeedUrl, MAX_FEEDS, normaliseOrigin, readUserSettings } from '../settings.ts';
import type { LockableSetting, UserSettings } from '../settings.ts';
import { isBuiltInHost, patternFor } from '../background/sites.ts';
import type { StatusView } from '../view.ts';

let language: Lang = 'nl';
let status: StatusView | undefined;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function send<T>(message: PageMessage): Promise<T> {
  return browser.runtime.sendMessage(message) as Promise<T>;
}

async function storedUserSettings(): Promise<UserSettings> {
  return readUserSettings((await browser.storage.sync.get('settings')).settings);
}

/** Saves a change to the user's own settings (never to what the policy set). */
async function saveUserSettings(change: Partial<UserSettings>): Promise<void> {
  const current = await storedUserSettings();
  try {
    await browser.storage.sync.set({ settings: { ...current, ...change } });
    announce($('saved-status'), strings(language).savedSettings);
  } catch (error) {
    // storage.sync has small quotas; say so rather than lose the change silently.
    announce($('saved-status'), strings(language).storeProblem(error instanceof Error ? error.message : String(error)));
  }
}

function setLanguage(next: Lang): void {
  language = next;
  document.documentElement.lang = next;
  document.title = strings(next).settingsTitle;
  applyStrings(document, strings(next) as unknown as Record<string, unknown>);
}

function lock(control: HTMLInputElement | HTMLSelectElement, noteId: string, locked: boolean): void {
  control.disabled = locked;
  $(noteId).hidden = !locked;
}

function fillSelect(select: HTMLSelectElement, choices: Array<{ id: string; label: string }>, none: string, value: string): void {
  select.replaceChildren(el('option', { value: '' }, none), ...choices.map((choice) => el('option', { value: choice.id }, choice.label)));
  // A value the catalog does not know (yet) stays selectable, so it is not lost silently.
  if (value && !choices.some((choice) => choice.id === value)) select.append(el('option', { value }, value));
  select.value = value;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function feedEntry(url: string, removable: boolean): HTMLElement {
  const t = strings(language);
  const report = status?.feeds.find((feed) => feed.url === url);
  const label = url === status?.defaultFeed ? t.defaultFeed : url;
  const state = report ? t.feedState[report.state] : t.feedState.pending;
  const details = [state, report?.items !== undefined ? t.feedItems(report.items) : '', report?.fetchedAt ? new Date(report.fetchedAt).toLocaleString(language) : '']
    .filter(Boolean)
    .join(' · ');
  const entry = el(
    'li',
    { class: `feed ${report?.state ?? 'pending'}`, 'data-url': url },
    el('span', { class: 'entry-name' }, label),
    el('span', { class: 'muted' }, ` (${details})`),
    report && report.state !== 'fresh' && report.message ? el('p', { class: report.state === 'failed' ? 'error' : 'muted' }, report.message) : null,
    ...(report?.problems ?? []).slice(0, 3).map((problem) => el('p', { class: 'muted' }, problem)),
  );
  if (removable) {
    entry.append(
      el('button', {
        type: 'button',
        class: 'link-button remove-feed',
        'aria-label': t.removeFeed(url),
        onclick: async () => {
          const current = await storedUserSettings();
          await saveUserSettings({ feeds: current.feeds.filter((feed) => feed !== url) });
          // The button goes away with its entry: keep keyboard users in the same section.
          $('feed-url').focus();
        },
      }, t.remove),
    );
  } else if (url !== status?.defaultFeed) {
    entry.append(el('span', { class: 'locked' }, ` ${t.lockedNote}`));
  }
  return entry;
}

function renderFeeds(): void {
  if (!status) return;
  const { settings } = status;
  const list = $('feed-list');
  list.replaceChildren(
    ...(settings.defaultFeed ? [feedEntry(status.defaultFeed, false)] : []),
    ...settings.managedFeeds.map((url) => feedEntry(url, false)),
    ...settings.feeds.map((url) => feedEntry(url, true)),
  );
  $<HTMLFormElement>('feed-form').hidden = !settings.allowUserFeeds;
}

function renderSites(): void {
  if (!status) return;
  const t = strings(language);
  const list = $('site-list');
  if (status.sites.length === 0) {
    list.replaceChildren(el('li', { class: 'muted' }, t.noSites));
    return;
  }
  list.replaceChildren(
    ...status.sites.map((site) => {
      const notes = [site.source === 'policy' ? t.siteFromPolicy : '', site.permitted ? '' : t.siteNeedsOk].filter(Boolean).join(', ');
      const entry = el('li', { class: 'site', 'data-origin': site.origin }, el('span', { class: 'entry-name' }, hostOf(site.origin)), notes ? el('span', { class: 'muted' }, ` (${notes})`) : null);
      if (!site.permitted) {
        entry.append(' ', el('button', { type: 'button', class: 'allow-site', onclick: () => void enableSite(site.origin) }, t.allow));
      }
      if (site.source === 'user') {
        entry.append(' ', el('button', {
          type: 'button',
          class: 'link-button remove-site',
          'aria-label': `${t.remove}: ${hostOf(site.origin)}`,
          onclick: async () => {
            await send({ kind: 'kw:site', origin: site.origin, enabled: false });
            announce($('saved-status'), t.siteDisabled(hostOf(site.origin)));
            await load();
            $('site-url').focus();
          },
        }, t.remove));
      }
      return entry;
    }),
  );
}

function renderPaused(): void {
  if (!status) return;
  const t = strings(language);
  const list = $('paused-list');
  const paused = status.settings.paused;
  if (paused.length === 0) {
    list.replaceChildren(el('li', { class: 'muted' }, t.noPaused));
    return;
  }
  list.replaceChildren(
    ...paused.map((scope) => {
      const origin = originOfScope(scope) ?? '';
      const course = /^course:[^|]+\|([^|]+)\|(.+)$/.exec(scope);
      const label = course ? t.pausedCourseEntry(hostOf(origin), course[1]!, course[2]!) : t.pausedSiteEntry(hostOf(origin));
      return el(
        'li',
        {},
        el('span', { class: 'entry-name' }, label),
        ' ',
        el('button', {
          type: 'button',
          class: 'link-button resume',
          'aria-label': `${t.resume}: ${label}`,
          onclick: async () => {
            const current = await storedUserSettings();
            await saveUserSettings({ paused: current.paused.filter((entry) => entry !== scope) });
            $('h-paused').focus();
          },
        }, t.resume),
      );
    }),
  );
}

function render(): void {
  if (!status) return;
  const t = strings(language);
  const { settings } = status;
  const isLocked = (key: LockableSetting) => settings.locked.includes(key);
  fillSelect($('role'), status.audiences, t.roleNone, settings.role);
  fillSelect($('sector'), status.sectors, t.sectorNone, settings.sector);
  $<HTMLSelectElement>('language').value = settings.language;
  $<HTMLInputElement>('default-feed').checked = settings.defaultFeed;
  $<HTMLInputElement>('hints').checked = settings.hints;
  lock($('role'), 'role-locked', isLocked('role'));
  lock($('sector'), 'sector-locked', isLocked('sector'));
  lock($('language'), 'language-locked', isLocked('language'));
  lock($('default-feed'), 'default-feed-locked', isLocked('defaultFeed'));
  lock($('hints'), 'hints-locked', isLocked('hints'));
  const problems = $('policy-problems');
  problems.hidden = settings.problems.length === 0;
  problems.replaceChildren(el('p', {}, el('strong', {}, t.policyProblems)), el('ul', {}, ...settings.problems.map((p) => el('li', {}, p))));
  renderFeeds();
  renderSites();
  renderPaused();
}

async function load(): Promise<void> {
  status = await send<StatusView>({ kind: 'kw:get-status' });
  if (status.language !== language) setLanguage(status.language);
  render();
}

function showError(input: HTMLInputElement, errorId: string, message: string): void {
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  $(errorId).textContent = message;
  if (message) input.focus();
}

async function addFeed(event: Event): Promise<void> {
  event.preventDefault();
  const t = strings(language);
  const input = $<HTMLInputElement>('feed-url');
  if (status && !status.settings.allowUserFeeds) return showError(input, 'feed-error', t.feedBad['not-allowed']!);
  const check = checkFeedUrl(input.value);
  if (!check.ok) return showError(input, 'feed-error', t.feedBad[check.reason]!);
  const current = await storedUserSettings();
  if (current.feeds.includes(check.url) || status?.settings.managedFeeds.includes(check.url)) return showError(input, 'feed-error', t.feedBad.duplicate!);
  showError(input, 'feed-error', '');
  await saveUserSettings({ feeds: [...current.feeds, check.url].slice(0, MAX_FEEDS) });
  input.value = '';
  announce($('saved-status'), t.feedAdded(check.url));
}

function enableSite(origin: string): Promise<void> {
  const t = strings(language);
  // The request comes first, straight from the click: browsers only grant permissions from a user gesture.
  return browser.permissions.request({ origins: [patternFor(origin)] }).then(
    async (granted) => {
      if (!granted) {
        announce($('saved-status'), t.permissionDenied);
        return;
      }
      await send({ kind: 'kw:site', origin, enabled: true });
      announce($('saved-status'), t.siteEnabled(hostOf(origin)));
      await load();
    },
    () => announce($('saved-status'), t.permissionDenied),
  );
}

function addSite(event: Event): void {
  event.preventDefault();
  const t = strings(language);
  const input = $<HTMLInputElement>('site-url');
  const origin = normaliseOrigin(input.value);
  if (!origin) {
    showError(input, 'site-error', t.siteBad);
    return;
  }
  if (isBuiltInHost(new URL(origin).hostname)) {
    showError(input, 'site-error', t.siteBuiltIn);
    return;
  }
  showError(input, 'site-error', '');
  void enableSite(origin).then(() => {
    input.value = '';
  });
}

async function start(): Promise<void> {
  setLanguage(/^nl/i.test(browser.i18n.getUILanguage()) ? 'nl' : 'en');
  $('role').addEventListener('change', () => void saveUserSettings({ role: $<HTMLSelectElement>('role').value }));
  $('sector').addEventListener('change', () => void saveUserSettings({ sector: $<HTMLSelectElement>('sector').value }));
  $('language').addEventListener('change', () => void saveUserSettings({ language: $<HTMLSelectElement>('language').value as UserSettings['language'] }));
  $('default-feed').addEventListener('change', () => void saveUserSettings({ defaultFeed: $<HTMLInputElement>('default-feed').checked }));
  $('hints').addEventListener('change', () => void saveUserSettings({ hints: $<HTMLInputElement>('hints').checked }));
  $('feed-form').addEventListener('submit', (event) => void addFeed(event));
  $('site-form').addEventListener('submit', addSite);
  $('refresh-feeds').addEventListener('click', async () => {
    const t = strings(language);
    $('refresh-status').textContent = t.refreshing;
    status = await send<StatusView>({ kind: 'kw:refresh-feeds' });
    render();
    $('refresh-status').textContent = t.refreshed;
  });
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const notice = checkNotice(raw);
    if (notice?.kind === 'kw:status-changed' || notice?.kind === 'kw:catalog-changed') void load();
    return undefined;
  });
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'sync' || area === 'managed') void load();
  });
  await load();
}

void start();
