/**
 * A Lit controller that loads the element's feeds (its `src`, else the page default) and tracks the
 * state: loading, ready, error or offline. Whether a ready catalog is "empty" for the element depends on
 * its own filters, so the element decides that.
 */
import { html, nothing } from 'lit';
import type { ReactiveController, TemplateResult } from 'lit';
import type { Catalog } from '../../shared/catalog/types.ts';
import { config } from './config.ts';
import { forgetLoads, sharedLoad } from './feeds.ts';
import type { FeedsResult, FeedStatus } from './feeds.ts';
import { formatDate } from './i18n.ts';
import { words } from './kw-element.ts';
import type { KwElement } from './kw-element.ts';
import { common } from './strings.ts';
import type { FeedProblem, feedProblems } from './feed-problems.ts';

/** The texts about failing feeds (feed-problems.ts), loaded with the first failure. */
let problemTexts: typeof feedProblems | undefined;
let problemTextsLoading: Promise<unknown> | undefined;

export type FeedState = 'loading' | 'ready' | 'error' | 'offline';

/** A feed that could not be used, with what to say about it. */
export interface FeedIssue {
  problem: FeedProblem;
  url: string;
  status?: number;
}

/** The element: its `src`, and optionally a catalog handed over as a property (no feed is fetched then). */
type FeedHost = KwElement & { src: string; catalog?: Catalog | undefined };

const warnedProblems = new Set<string>();

export class FeedController implements ReactiveController {
  state: FeedState = 'loading';
  catalog: Catalog | undefined;
  feeds: FeedStatus[] = [];
  /** Feeds that failed (with or without a cached copy) and bad `src` values. */
  issues: FeedIssue[] = [];
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

  /** A catalog given as a property wins over `src` (the extension's panel hands over its merged catalog). */
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
      this.state = 'ready';
    }
    return true;
  }

  /** Fetches again (the retry button). */
  retry(): void {
    if (this.useGiven()) return;
    forgetLoads();
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
    const bad: FeedIssue[] = [];
    for (const value of words(key)) {
      try {
        urls.push(new URL(value, document.baseURI).href);
      } catch {
        bad.push({ problem: 'bad-url', url: value });
      }
    }
    if (!key) bad.push({ problem: 'no-src', url: '' });
    this.catalog = undefined;
    this.feeds = [];
    if (urls.length === 0) {
      this.finish({ catalog: undefined, feeds: [] }, bad);
      return;
    }
    this.state = 'loading';
    this.issues = [];
    this.host.requestUpdate();
    const load = sharedLoad(urls, (result) => {
      if (this.key === key) this.finish(result, bad);
    });
    this.stop = load.stop;
    load.result.then(
      (result) => {
        if (this.key === key) this.finish(result, bad);
      },
      () => {
        if (this.key === key) this.finish({ catalog: undefined, feeds: urls.map((url) => ({ url, state: 'failed', reason: 'offline', message: '', problems: [] })) }, bad);
      },
    );
  }

  private finish(result: FeedsResult, bad: FeedIssue[]): void {
    if (!problemTexts && (bad.length > 0 || result.feeds.some((f) => f.state !== 'fresh' && f.reason))) {
      // Stay "loading" until the words for the problem are here (if that chunk fails: the general message).
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

  private settle(result: FeedsResult, bad: FeedIssue[]): void {
    this.catalog = result.catalog;
    this.feeds = result.feeds;
    this.issues = [
      ...bad,
      ...result.feeds
        .filter((f) => f.state !== 'fresh' && f.reason)
        // The loader says "offline" for any feed it could not reach; offline is what the browser says.
        .map((f) => ({ problem: f.reason === 'offline' && navigator.onLine !== false ? ('unreachable' as const) : f.reason!, url: f.url, ...(f.httpStatus ? { status: f.httpStatus } : {}) })),
    ];
    const failed = result.feeds.filter((f) => f.state === 'failed');
    this.state = result.catalog ? 'ready' : failed.length > 0 && navigator.onLine === false ? 'offline' : 'error';
    for (const feed of result.feeds) {
      const problems = feed.problems?.filter((p) => p.severity === 'error') ?? [];
      if (problems.length && !warnedProblems.has(feed.url)) {
        warnedProblems.add(feed.url);
        console.warn(`Kanswijzer: ${feed.url} has ${problems.length} problem(s); ${feed.state === 'failed' ? 'the feed was not used' : 'the items concerned are left out'}:\n${problems.slice(0, 20).map((p) => `  ${p.path || '(root)'}: ${p.message}`).join('\n')}`);
      }
    }
    this.host.requestUpdate();
    this.host.emit('kw-load', { state: this.state, feeds: this.feeds });
  }

  /**
   * The notices for the current state: a loading line, the error or offline message with a retry
   * button, or (when ready) a note about an offline copy or a feed that failed beside others.
   */
  renderState(): TemplateResult | typeof nothing {
    const m = common[this.host.uiLang];
    if (this.state === 'loading') return html`<p class="loading" part="status" role="status">${m.loading}</p>`;
    const retry = html`<button type="button" @click=${() => this.retry()}>${m.retry}</button>`;
    const texts = problemTexts?.[this.host.uiLang];
    const details = texts ? this.issues.map((issue) => html`<p>${texts[issue.problem](issue.url, issue.status)}</p>`) : [];
    if (this.state !== 'ready') {
      return html`<div class="notice error" part="notice error" role="alert"><p><strong>${m.cannotLoad}</strong></p>${details}${retry}</div>`;
    }
    // A cached copy is shown at once and refreshed in the background; it is worth a word only when the
    // refresh failed or cannot happen (offline).
    const cached = this.feeds.filter((f) => f.state === 'cached' && (f.reason || navigator.onLine === false));
    if (cached.length && cached.every((f) => f.reason === 'offline' || !f.reason)) {
      const when = cached.map((f) => f.fetchedAt).sort()[0];
      return html`<div class="notice" part="notice" role="status"><p>${m.offlineCopy(when ? formatDate(when, this.host.intlLocale, { dateStyle: 'long', timeStyle: 'short' }) : m.unknownDate)}</p></div>`;
    }
    if (this.issues.length) return html`<div class="notice" part="notice" role="status"><p><strong>${m.partlyLoaded}</strong></p>${details}${retry}</div>`;
    return nothing;
  }
}
