/**
 * Loads the calendar's sources — Kanswijzer catalogs and iCalendar (.ics) files — through the core's feed
 * loader (shared/feed), which tells the two apart, merges them and keeps each item's source in
 * `provenance.feedUrl`. One load per set of addresses is shared by every calendar on the page, the last good
 * copy is kept in the widgets' IndexedDB cache for offline use, and a refreshed copy re-renders the calendar.
 *
 * The loads themselves are the widgets' shared ones (widgets/shared/feeds.ts), so a page with a calendar and
 * another element fetches a feed once. The shared FeedController does not know what the calendar needs
 * (webcal: addresses, the source order it colours by, calendar advice such as `kanswijzer build --ics`), so
 * the calendar has this controller of its own with the same states: loading, ready, error, offline.
 */
import { html, nothing } from 'lit';
import type { ReactiveController, TemplateResult } from 'lit';
import type { FeedStatus, LoadResult } from '../../shared/feed/load.ts';
import type { Catalog } from '../../shared/catalog/types.ts';
import { config } from '../shared/config.ts';
import { formatDate } from '../shared/i18n.ts';
import { words } from '../shared/kw-element.ts';
import type { KwElement } from '../shared/kw-element.ts';
import { common } from '../shared/strings.ts';
import { forgetLoads, sharedLoad } from '../shared/feeds.ts';
import type { CalendarFeedProblem, feedProblems } from './feed-problems.ts';

/** The texts about failing feeds (feed-problems.ts), loaded with the first failure. */
let problemTexts: typeof feedProblems | undefined;
let problemTextsLoading: Promise<unknown> | undefined;

export type CalendarFeedState = 'loading' | 'ready' | 'error' | 'offline';

export interface CalendarFeedIssue {
  problem: CalendarFeedProblem;
  url: string;
  status?: number;
}

/** Forgets every shared load, so the next request fetches again (retry, tests). */
export function forgetCalendarLoads(): void {
  forgetLoads();
}

type FeedHost = KwElement & { src: string; catalog?: Catalog | undefined };

const warned = new Set<string>();

export class CalendarFeedController implements ReactiveController {
  state: CalendarFeedState = 'loading';
  catalog: Catalog | undefined;
  feeds: FeedStatus[] = [];
  issues: CalendarFeedIssue[] = [];
  /** The addresses in `src` order (the order sources are listed and coloured in). */
  urls: string[] = [];
  /** The `detail` of the kw-load event the element has yet to send for the latest result. */
  loaded: { state: CalendarFeedState; feeds: FeedStatus[] } | undefined;
  private key: string | undefined;
  private stop: (() => void) | undefined;
  private readonly host: FeedHost;

  constructor(host: FeedHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.useGiven()) this.load();
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
    this.key = undefined;
  }

  hostUpdate(): void {
    if (this.useGiven()) return;
    if (this.host.isConnected && this.sourceKey() !== this.key) this.load();
  }

  /** A catalog handed over as a property wins over `src` (the extension's panel, tests, the bench). */
  private useGiven(): boolean {
    const given = this.host.catalog;
    if (!given) return false;
    if (this.catalog !== given || this.state !== 'ready') {
      this.stop?.();
      this.stop = undefined;
      this.key = undefined;
      this.catalog = given;
      this.feeds = [];
      this.issues = [];
      this.urls = [];
      this.state = 'ready';
    }
    return true;
  }

  retry(): void {
    if (this.useGiven()) return;
    forgetCalendarLoads();
    this.key = undefined;
    this.load();
  }

  private sourceKey(): string {
    return this.host.src || config.defaultSrc;
  }

  private load(): void {
    this.stop?.();
    const key = this.sourceKey();
    this.key = key;
    const urls: string[] = [];
    const bad: CalendarFeedIssue[] = [];
    for (const value of words(key)) {
      try {
        const url = new URL(value, document.baseURI);
        if (url.protocol === 'webcal:') url.protocol = 'https:';
        if (url.protocol === 'http:' || url.protocol === 'https:') urls.push(url.href);
        else bad.push({ problem: 'bad-url', url: value });
      } catch {
        bad.push({ problem: 'bad-url', url: value });
      }
    }
    if (!key) bad.push({ problem: 'no-src', url: '' });
    this.urls = [...new Set(urls)];
    this.catalog = undefined;
    this.feeds = [];
    if (this.urls.length === 0) {
      this.finish({ catalog: undefined, feeds: [] }, bad);
      return;
    }
    this.state = 'loading';
    this.issues = [];
    this.host.requestUpdate();
    const load = sharedLoad(this.urls, (result) => {
      if (this.key === key) this.finish(result, bad);
    });
    this.stop = load.stop;
    load.result.then(
      (result) => {
        if (this.key === key) this.finish(result, bad);
      },
      () => {
        if (this.key === key) this.finish({ catalog: undefined, feeds: this.urls.map((url) => ({ url, state: 'failed', reason: 'cors', message: '', problems: [] })) }, bad);
      },
    );
  }

  private finish(result: LoadResult, bad: CalendarFeedIssue[]): void {
    if (!problemTexts && (bad.length > 0 || result.feeds.some((f) => f.state !== 'fresh' && f.reason))) {
      // Stay "loading" until the words for the problem are here (a failed chunk: the general message only).
      const key = this.key;
      problemTextsLoading ??= import('./feed-problems.ts').then(
        (module) => (problemTexts = module.feedProblems),
        () => (problemTextsLoading = undefined),
      );
      void problemTextsLoading.then(() => {
        if (this.key === key) this.settle(result, bad);
      });
      return;
    }
    this.settle(result, bad);
  }

  private settle(result: LoadResult, bad: CalendarFeedIssue[]): void {
    this.catalog = result.catalog;
    this.feeds = result.feeds;
    this.issues = [
      ...bad,
      ...result.feeds
        .filter((f) => f.state !== 'fresh' && f.reason)
        .map((f) => ({ problem: f.reason as CalendarFeedProblem, url: f.url, ...(f.httpStatus ? { status: f.httpStatus } : {}) })),
    ];
    const failed = result.feeds.filter((f) => f.state === 'failed');
    this.state = result.catalog ? 'ready' : failed.length > 0 && failed.every((f) => f.reason === 'offline') ? 'offline' : 'error';
    for (const feed of result.feeds) {
      const problems = feed.problems.filter((p) => p.severity === 'error');
      if ((problems.length || feed.state === 'failed') && !warned.has(feed.url)) {
        warned.add(feed.url);
        // The English detail for the webmaster, in the console; the page shows the short version.
        console.warn(`Kanswijzer calendar: ${feed.message}${problems.length ? `\n${problems.slice(0, 20).map((p) => `  ${p.line ? `line ${p.line}: ` : p.path ? `${p.path}: ` : ''}${p.message}`).join('\n')}` : ''}`);
      }
    }
    // The element sends kw-load once it can show this result (it may first load a part it needs).
    this.loaded = { state: this.state, feeds: this.feeds };
    this.host.requestUpdate();
  }

  /** The loading line, the error or offline message with a retry button, or a note about an offline copy. */
  renderState(): TemplateResult | typeof nothing {
    const c = common[this.host.uiLang];
    const texts = problemTexts?.[this.host.uiLang];
    if (this.state === 'loading') return html`<p class="loading" part="status" role="status">${c.loading}</p>`;
    const retry = html`<button type="button" @click=${() => this.retry()}>${c.retry}</button>`;
    const problem = (issue: CalendarFeedIssue) => (texts ? html`<p>${(texts[issue.problem] ?? texts.invalid)(issue.url, issue.status)}</p>` : nothing);
    const details = this.issues.map(problem);
    if (this.state !== 'ready') {
      return html`<div class="notice error" part="notice error" role="alert"><p><strong>${c.cannotLoad}</strong></p>${details}${retry}</div>`;
    }
    const cached = this.feeds.filter((f) => f.state === 'cached');
    if (cached.length && cached.some((f) => f.reason === 'offline' || f.reason === 'timeout' || f.reason === 'cors')) {
      const when = cached.map((f) => f.fetchedAt).filter(Boolean).sort()[0];
      return html`<div class="notice" part="notice" role="status"><p>${c.offlineCopy(when ? formatDate(when, this.host.intlLocale, { dateStyle: 'long', timeStyle: 'short' }) : c.unknownDate)}</p></div>`;
    }
    const failing = this.issues.filter((issue) => !this.feeds.some((f) => f.url === issue.url && f.state === 'cached'));
    if (failing.length) {
      return html`<div class="notice" part="notice" role="status"><p><strong>${c.partlyLoaded}</strong></p>${failing.map(problem)}${retry}</div>`;
    }
    return nothing;
  }
}
