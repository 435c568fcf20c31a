import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Catalog, CatalogEvent, Item } from '../../shared/catalog/types.ts';
import { expandOccurrences, needsIcal } from '../../shared/ical/expand.ts';
import type { Occurrence } from '../../shared/ical/expand.ts';
import { loadRecurrence } from '../../shared/ical/ical-loader.ts';
import { inScope, SavedController } from '../shared/item-parts.ts';
import { KwElement } from '../shared/kw-element.ts';
import { safeUrl } from '../shared/links.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import { CalendarFeedController } from './calendar-feed.ts';
import {
  addDays,
  addMonths,
  daysBetween,
  displayZone,
  firstDayOfWeek,
  monthOf,
  monthWeeks,
  readBound,
  spanDays,
  startOfDayIn,
  startOfMonth,
  startOfWeek,
  todayIn,
  weekday,
} from './dates.ts';
import type { DayKey } from './dates.ts';
import type { DetailContext } from './detail.ts';
import { dateFormat, dayDate, feedText, formatClock, formatDay, formatDayRange, formatMonth, statusWords, whenParts } from './format.ts';
import { calendarStyles } from './kw-calendar.styles.ts';
import { eventsIcsBeside, sourceKeyOf, sourcesOf, webcalOf } from './sources.ts';
import type { CalendarSource } from './sources.ts';
import { strings } from './strings.ts';
import { common } from '../shared/strings.ts';

type DetailModule = typeof import('./detail.ts');

export type CalendarView = 'month' | 'list';

/** `detail` of `kw-navigate`: the period now shown (days, `to` exclusive) and the view. */
export interface CalendarNavigateDetail {
  view: CalendarView;
  from: string;
  to: string;
}

/** What one render shows: the period, its occurrences by day, and the past events to watch again. */
export interface CalendarModel {
  zone: string;
  today: DayKey;
  now: number;
  /** `grid`: the month as a grid; `list`: a list (the list view, or the month on a narrow screen). */
  layout: 'grid' | 'list';
  /** The displayed month (its first day) in month view. */
  month: DayKey | undefined;
  weeks: DayKey[][];
  /** The period shown, first and last day (both included). */
  first: DayKey;
  last: DayKey;
  occurrences: Occurrence[];
  truncated: boolean;
  byDay: Map<DayKey, Occurrence[]>;
  recordings: Occurrence[];
  sources: CalendarSource[];
  /** Events in the catalog, in scope, before the per-source filter. */
  inScopeCount: number;
  eventCount: number;
  /** Whether `from`/`to` fix the list's period (every occurrence in it is then listed). */
  ranged: boolean;
}

const MAX_CHIPS = 3;

/** extras.ts (source filter, "Terugkijken", attribute notices), loaded once per page when first needed. */
let extras: typeof import('./extras.ts') | undefined;
let extrasLoading: Promise<unknown> | undefined;

function loadExtras(): Promise<unknown> {
  extrasLoading ??= import('./extras.ts').then(
    (module) => (extras = module),
    (error: unknown) => {
      extrasLoading = undefined;
      throw error;
    },
  );
  return extrasLoading;
}
const NEXT_EVENT_YEARS = 3;

/**
 * An event calendar: a month grid and a list (agenda) of events from Kanswijzer catalogs and iCalendar
 * (.ics) feeds, merged, each in the colour of its source and with a filter per source. Times follow
 * recurrence rules, exceptions and moved or cancelled occurrences (shown as cancelled), all-day and multi-day
 * events, in the reader's own time zone (or the one in `time-zone`), across daylight-saving changes. Only the
 * period on screen is expanded, so large calendars stay quick.
 *
 * The month grid follows the ARIA grid pattern: one tab stop, arrow keys move a day or a week, Page Up and
 * Page Down a month, Home and End to the start and end of the week, Enter to the day's events. Today has
 * `aria-current="date"` and each day says how many events it holds. The list is the screen-reader-friendly
 * alternative, and the month turns into a list on narrow screens. Each event opens in place with its time,
 * place, description, registration or recording, "add to my calendar" (.ics, Google, Outlook) and "save
 * offline". Past events with a recording stay findable under "Terugkijken"; upcoming ones lead.
 *
 * In list view each occurrence is an element with `part="occurrence"` whose first `<time datetime>` is its
 * start (ISO 8601 with offset; a date for all-day events); with `from` and `to` set the list holds every
 * occurrence in that range.
 *
 * @summary Event calendar (month grid and list) from Kanswijzer catalogs and .ics feeds.
 *
 * @attr src - Catalog and `.ics` URLs, space separated (`webcal://` works too). Default: the catalog published next to kanswijzer.js.
 * @attr view - `month` (default) or `list`.
 * @attr from - First day shown (`2026-09-01`, or a date-time). Month view opens on its month; list view starts there.
 * @attr to - End of the list's period, exclusive (`2026-10-01` lists up to and including 30 September), as `kanswijzer events --to`.
 * @attr time-zone - IANA time zone to show times in (`Europe/Amsterdam`). Default: the reader's own zone.
 * @attr lang - Language of the interface (`nl` or `en`); default the closest `lang` on the page, else Dutch.
 * @attr topics - Only events on these topic ids (space separated).
 * @attr audiences - Only events for these audience ids.
 * @attr sectors - Only events for these sector ids.
 * @attr limit - How many events a list shows before "Show more" (default 50; with `from` and `to` every occurrence is shown).
 * @attr heading-level - Level of the period heading (default 2); day headings are one level deeper.
 * @attr theme - `light` or `dark` to fix the colour scheme; default follows the reader's setting.
 *
 * @event kw-load - The feeds finished loading and the calendar is about to show them (after `updateComplete` it does). `detail: { state, feeds }` (state `ready`, `error` or `offline`).
 * @event kw-navigate - Another period or view is shown. `detail: { view, from, to }` (days; `to` exclusive).
 * @event kw-select - An event is opened. `detail: { item, occurrence }`. Cancelable: `preventDefault()` stops it opening in place.
 * @event kw-add-to-calendar - "Add to my calendar" was used. `detail: { item, occurrence, method }` (`ics`, `google`, `outlook`, `outlook.com`). Cancelable.
 * @event kw-save - "Save offline" was pressed. `detail: { item, key }`. Cancelable: the element then does not save.
 * @event kw-remove - A saved event is un-saved with the same button. `detail: { item, key }`. Cancelable.
 *
 * @csspart base - The wrapper of everything.
 * @csspart toolbar - Previous, today, next, the period and the view switch.
 * @csspart nav-button - The previous, today and next buttons.
 * @csspart view-button - The month and list buttons.
 * @csspart period - The heading with the month or period shown.
 * @csspart sources - The source filter (a fieldset, shown with more than one source).
 * @csspart grid - The month grid (`<table role="grid">`).
 * @csspart day - A day cell of the grid.
 * @csspart event-chip - An event inside a day cell.
 * @csspart day-panel - The events of the chosen day, under the grid.
 * @csspart list - The list of the list view.
 * @csspart occurrence - One occurrence in a list; its first `<time datetime>` is its start.
 * @csspart detail - The opened details of an occurrence.
 * @csspart add-to-calendar - The .ics download and the Google and Outlook links.
 * @csspart register-link - The registration link.
 * @csspart recording-link - A "watch again" link.
 * @csspart recordings - The "watch again" section with past events that have a recording.
 * @csspart subscribe - Links to subscribe to the calendar in a calendar app.
 * @csspart save-button - The "Save offline" button of an event.
 * @csspart more-button - The "Show more" button.
 * @csspart status - The loading message.
 * @csspart notice - Messages about the feeds, the settings and empty periods.
 *
 * @cssproperty --kw-font - Font family.
 * @cssproperty --kw-font-size - Base font size (default 1rem).
 * @cssproperty --kw-color-text - Text colour.
 * @cssproperty --kw-color-background - Background colour.
 * @cssproperty --kw-color-surface - Background of notices, the day panel and days outside the month.
 * @cssproperty --kw-color-accent - Links, buttons, today and the chosen day.
 * @cssproperty --kw-color-on-accent - Text on the accent colour.
 * @cssproperty --kw-color-muted - Secondary text.
 * @cssproperty --kw-color-border - Borders of the grid and fields.
 * @cssproperty --kw-color-danger - Error notices and cancelled events.
 * @cssproperty --kw-radius - Corner radius.
 * @cssproperty --kw-spacing - Space between blocks (default 1rem).
 * @cssproperty --kw-focus-ring - Focus outline (default `3px solid #c24e00`).
 * @cssproperty --kw-calendar-source-1 - Colour of the first source (also -2 … -6 for the next ones).
 * @cssproperty --kw-calendar-cell-height - Minimum height of a day cell (default 6.5em).
 */
export class KwCalendar extends KwElement {
  static override styles = [themeStyles, calendarStyles];

  @property() src = '';
  @property({ reflect: true }) view: CalendarView = 'month';
  @property() from = '';
  @property() to = '';
  @property({ attribute: 'time-zone' }) timeZone = '';
  @property() topics = '';
  @property() audiences = '';
  @property() sectors = '';
  @property() types = '';
  @property({ type: Number }) limit = 50;
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;
  /** A catalog to show instead of loading `src` (the extension's panel hands over its merged catalog). */
  @property({ attribute: false }) catalog: Catalog | undefined;

  /** Periods moved from the first one (months in month view; the `from`–`to` span in a ranged list). */
  @state() private offset = 0;
  /** The day that holds the grid's tab stop (and whose events the day panel lists). */
  @state() private focusDay: DayKey | undefined;
  @state() private hiddenSources = new Set<string>();
  @state() private opened = new Set<string>();
  @state() private narrow = false;
  @state() private shown = 0;
  @state() private recordingsShown = 0;
  @state() private detailModule: DetailModule | undefined;
  @state() private detailFailed = false;
  @state() private icsBeside = new Map<string, string>();

  private readonly feed = new CalendarFeedController(this);
  private model: CalendarModel | undefined;
  private expansionKey = '';
  private expansion: { occurrences: Occurrence[]; truncated: boolean } = { occurrences: [], truncated: false };
  private recordingsKey = '';
  private recordingsCache: Occurrence[] = [];
  private scopeKey = '';
  private scopeCache: { all: CatalogEvent[]; visible: Catalog | undefined; eventCount: number } = { all: [], visible: undefined, eventCount: 0 };
  private sourcesKey = '';
  private sourcesCache: CalendarSource[] = [];
  private resizeObserver: ResizeObserver | undefined;
  private pendingFocus: string | undefined;
  private readonly filledBodies = new WeakMap<Element, string>();
  private detailLoading: Promise<void> | undefined;
  private probed = new Set<string>();
  private icalLoading: Promise<void> | undefined;
  @state() private icalFailed = false;
  @state() private extrasFailed = false;
  private announcedKey = '';

  constructor() {
    super();
    new SavedController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver((entries) => {
        const width = entries[0]?.contentRect.width ?? 0;
        const em = parseFloat(getComputedStyle(this).fontSize) || 16;
        const narrow = width > 0 && width < 34 * em;
        // Changing the layout inside the observer's callback would make it report again in the same frame.
        if (narrow !== this.narrow) requestAnimationFrame(() => (this.narrow = narrow));
      });
      this.resizeObserver.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  // ── The period and its occurrences ───────────────────────────────────────────────────────────────

  private get pageSize(): number {
    return Number.isFinite(this.limit) && this.limit > 0 ? Math.floor(this.limit) : 50;
  }

  private get effectiveView(): CalendarView {
    return this.view === 'list' ? 'list' : 'month';
  }

  /** The list's fixed period from `from`/`to`, moved by `offset` spans; undefined without both. */
  private rangeOf(zone: string): { fromMs: number; toMs: number; first: DayKey; last: DayKey } | undefined {
    const from = readBound(this.from, zone);
    const to = readBound(this.to, zone);
    if (!from || !to || to.epoch <= from.epoch) return undefined;
    const lastOf = (endMs: number, endDay: DayKey) => (startOfDayIn(endDay, zone) === endMs ? addDays(endDay, -1) : endDay);
    if (this.offset === 0) return { fromMs: from.epoch, toMs: to.epoch, first: from.day, last: lastOf(to.epoch, to.day) };
    const span = Math.max(1, daysBetween(from.day, to.day));
    const first = addDays(from.day, this.offset * span);
    const end = addDays(to.day, this.offset * span);
    return { fromMs: startOfDayIn(first, zone), toMs: startOfDayIn(end, zone), first, last: addDays(end, -1) };
  }

  /** The first day of the month the calendar opens on: that of `from`, else today. */
  private baseMonth(zone: string, today: DayKey): DayKey {
    return startOfMonth(readBound(this.from, zone)?.day ?? today);
  }

  private scoped(catalog: Catalog): { all: CatalogEvent[]; visible: Catalog; eventCount: number } {
    const key = [this.topics, this.audiences, this.sectors, [...this.hiddenSources].sort().join(' ')].join('\u0000');
    if (this.scopeCache.visible && key === this.scopeKey && this.scopeCacheCatalog === catalog) {
      return this.scopeCache as { all: CatalogEvent[]; visible: Catalog; eventCount: number };
    }
    const scope = { topics: this.topics, audiences: this.audiences, sectors: this.sectors, types: '' };
    let eventCount = 0;
    const all: CatalogEvent[] = [];
    for (const item of catalog.items) {
      if (item.type !== 'event') continue;
      eventCount++;
      if (inScope(item, scope)) all.push(item);
    }
    const items = this.hiddenSources.size ? all.filter((item) => !this.hiddenSources.has(sourceKeyOf(item))) : all;
    this.scopeKey = key;
    this.scopeCacheCatalog = catalog;
    this.scopeCache = { all, visible: { ...catalog, items }, eventCount };
    return this.scopeCache as { all: CatalogEvent[]; visible: Catalog; eventCount: number };
  }

  private scopeCacheCatalog: Catalog | undefined;

  /** Expands only the period on screen; the same period, zone and filters are not expanded twice. */
  private expand(visible: Catalog, fromMs: number, toMs: number, zone: string, limit: number): { occurrences: Occurrence[]; truncated: boolean } {
    const key = `${fromMs}\u0000${toMs}\u0000${zone}\u0000${limit}`;
    if (key === this.expansionKey && this.expansionCatalog === visible) return this.expansion;
    this.expansionKey = key;
    this.expansionCatalog = visible;
    this.expansion = expandOccurrences(visible, new Date(fromMs), new Date(toMs), { timeZone: zone, limit });
    return this.expansion;
  }

  private expansionCatalog: Catalog | undefined;

  /** Past occurrences of events with a recording, the latest of each event first (extras.ts). */
  private recordings(visible: Catalog, withRecording: Catalog['items'], zone: string, now: number): Occurrence[] {
    const key = `${withRecording.length}\u0000${zone}\u0000${Math.floor(now / 3_600_000)}`;
    if (key === this.recordingsKey && this.recordingsCatalog === visible) return this.recordingsCache;
    this.recordingsKey = key;
    this.recordingsCatalog = visible;
    this.recordingsCache = withRecording.length && extras ? extras.pastWithRecordings(visible, withRecording, zone, now) : [];
    return this.recordingsCache;
  }

  private recordingsCatalog: Catalog | undefined;

  private sources(catalog: Catalog): CalendarSource[] {
    const key = `${this.feed.urls.join(' ')}\u0000${this.feed.feeds.map((f) => `${f.url}:${f.kind}`).join(' ')}`;
    if (key === this.sourcesKey && this.sourcesCatalog === catalog) return this.sourcesCache;
    this.sourcesKey = key;
    this.sourcesCatalog = catalog;
    this.sourcesCache = sourcesOf(catalog, this.feed.urls, this.feed.feeds);
    return this.sourcesCache;
  }

  private sourcesCatalog: Catalog | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('from') || changed.has('to') || changed.has('view')) {
      if (changed.has('from') || changed.has('to')) this.offset = 0;
      this.shown = 0;
    }
    if (this.shown === 0 || changed.has('limit')) this.shown = this.pageSize;
    if (this.recordingsShown === 0 || changed.has('limit')) this.recordingsShown = Math.min(10, this.pageSize);
    // Attribute notices show in every state, so their texts are asked for here.
    if (this.settingsProblems() && !extras) this.needExtras();
    // The notices come with the calendar: it waits for their texts as it does for ical.js.
    const noticesWaiting = !extras && !this.extrasFailed && this.settingsProblems() !== undefined;
    this.model = noticesWaiting ? undefined : this.buildModel();
    // kw-load: the feeds are loaded and everything needed to show them is here (the next render shows them).
    const loaded = this.feed.loaded;
    if (loaded && (this.model || loaded.state !== 'ready' || this.icalFailed || this.extrasFailed)) {
      this.feed.loaded = undefined;
      this.emit('kw-load', loaded);
    }
  }

  /** Loads extras.ts, then renders again (a failure shows the "part failed" notice). */
  private needExtras(): void {
    loadExtras().then(
      () => this.requestUpdate(),
      () => (this.extrasFailed = true),
    );
  }

  /** The `time-zone`, `from` and `to` values that cannot be read, or undefined when all can. */
  private settingsProblems(): Parameters<NonNullable<typeof extras>['renderSettingsNotices']>[1] | undefined {
    const { zone, invalid } = displayZone(this.timeZone);
    const bounds = ([['from', this.from], ['to', this.to]] as Array<['from' | 'to', string]>).filter(([, value]) => value && !readBound(value, zone));
    return invalid || bounds.length ? { ...(invalid ? { timeZone: { value: this.timeZone, zone } } : {}), bounds } : undefined;
  }

  private buildModel(): CalendarModel | undefined {
    const catalog = this.feed.catalog;
    if (this.feed.state !== 'ready' || !catalog) return undefined;
    // Recurrence rules are followed by ical.js, loaded only for calendars that have them.
    if (needsIcal(catalog)) {
      this.icalLoading ??= loadRecurrence().then(
        () => this.requestUpdate(),
        () => {
          this.icalLoading = undefined;
          this.icalFailed = true;
        },
      );
      return undefined;
    }
    const { zone } = displayZone(this.timeZone);
    const now = Date.now();
    const today = todayIn(zone, now);
    const { all, visible, eventCount } = this.scoped(catalog);
    const sources = this.sources(catalog);
    const view = this.effectiveView;
    const range = view === 'list' ? this.rangeOf(zone) : undefined;
    let month: DayKey | undefined;
    let weeks: DayKey[][] = [];
    let first: DayKey;
    let last: DayKey;
    let fromMs: number;
    let toMs: number;
    let layout: CalendarModel['layout'] = view === 'list' || this.narrow ? 'list' : 'grid';
    if (range) {
      ({ first, last, fromMs, toMs } = range);
      layout = 'list';
    } else {
      month = addMonths(this.baseMonth(zone, today), this.offset);
      weeks = monthWeeks(month, firstDayOfWeek(this.intlLocale));
      if (layout === 'grid') {
        first = weeks[0]![0]!;
        last = weeks.at(-1)![6]!;
      } else {
        first = month;
        last = addDays(addMonths(month, 1), -1);
      }
      fromMs = startOfDayIn(first, zone);
      toMs = startOfDayIn(addDays(last, 1), zone);
    }
    // A ranged list shows every occurrence; a month is bounded generously (2,000 events a day would be odd).
    const limit = range ? 100_000 : 20_000;
    const { occurrences, truncated } = this.expand(visible, fromMs, toMs, zone, limit);
    const byDay = new Map<DayKey, Occurrence[]>();
    if (layout === 'grid') {
      for (const occurrence of occurrences) {
        const span = spanDays(occurrence.start, occurrence.end, occurrence.allDay);
        let day = span.first < first ? first : span.first;
        const end = span.last > last ? last : span.last;
        for (let guard = 0; day <= end && guard < 62; guard++, day = addDays(day, 1)) {
          let list = byDay.get(day);
          if (!list) byDay.set(day, (list = []));
          list.push(occurrence);
        }
      }
    }
    const withRecording = range ? [] : visible.items.filter((item) => safeUrl(item.recording));
    // The source filter and "Terugkijken" are in extras.ts: the calendar waits for it when it shows either.
    if ((sources.length > 1 || withRecording.length > 0) && !extras) {
      if (!this.extrasFailed) this.needExtras();
      return undefined;
    }
    const recordings = this.recordings(visible, withRecording, zone, now);
    return { zone, today, now, layout, month, weeks, first, last, occurrences, truncated, byDay, recordings, sources, inScopeCount: all.length, eventCount, ranged: Boolean(range) };
  }

  // ── Navigation ───────────────────────────────────────────────────────────────────────────────────

  private navigated(focusGrid = false): void {
    void this.updateComplete.then(() => {
      const model = this.model;
      if (!model) return;
      const m = strings[this.uiLang];
      const detail: CalendarNavigateDetail = { view: this.effectiveView, from: model.first, to: addDays(model.last, 1) };
      this.emit('kw-navigate', detail);
      const key = `${model.first}\u0000${model.last}\u0000${this.effectiveView}`;
      if (!focusGrid && key !== this.announcedKey) {
        this.announcedKey = key;
        this.announce(m.periodAnnouncement(this.periodLabel(model), m.count(this.visibleCount(model))));
      }
    });
  }

  private visibleCount(model: CalendarModel): number {
    if (model.layout !== 'grid') return model.occurrences.length;
    const month = model.month ? monthOf(model.month) : '';
    return model.occurrences.filter((o) => {
      const span = spanDays(o.start, o.end, o.allDay);
      return monthOf(span.first) <= month && monthOf(span.last) >= month;
    }).length;
  }

  private move(step: number): void {
    const model = this.model;
    this.offset += step;
    this.shown = this.pageSize;
    if (model?.month && this.focusDay) this.focusDay = addMonths(this.focusDay, step);
    this.navigated();
  }

  private goToday(): void {
    const { zone } = displayZone(this.timeZone);
    const today = todayIn(zone);
    const range = this.effectiveView === 'list' ? this.rangeOf(zone) : undefined;
    if (range) {
      const from = readBound(this.from, zone)!;
      const to = readBound(this.to, zone)!;
      const span = Math.max(1, daysBetween(from.day, to.day));
      this.offset = Math.floor(daysBetween(from.day, today) / span);
    } else {
      this.offset = this.monthsFromBase(startOfMonth(today), zone, today);
      this.focusDay = today;
    }
    this.shown = this.pageSize;
    this.navigated();
  }

  private monthsFromBase(month: DayKey, zone: string, today: DayKey): number {
    const base = this.baseMonth(zone, today);
    return (Number(month.slice(0, 4)) - Number(base.slice(0, 4))) * 12 + (Number(month.slice(5, 7)) - Number(base.slice(5, 7)));
  }

  private setView(view: CalendarView): void {
    if (view === this.effectiveView) return;
    const model = this.model;
    const { zone } = displayZone(this.timeZone);
    const today = todayIn(zone);
    if (model) {
      if (view === 'month' && model.ranged) {
        // From a fixed list period to the month it starts in.
        this.view = view;
        this.offset = this.monthsFromBase(startOfMonth(model.first), zone, today);
      } else if (view === 'list' && this.from && this.to) {
        this.view = view;
        this.offset = 0;
      } else this.view = view;
    } else this.view = view;
    this.navigated();
  }

  private setFocusDay(day: DayKey, focus: boolean): void {
    const model = this.model;
    if (!model?.month) return;
    const { zone } = displayZone(this.timeZone);
    if (monthOf(day) !== monthOf(model.month)) {
      this.offset = this.monthsFromBase(startOfMonth(day), zone, model.today);
      this.navigated(true);
    }
    this.focusDay = day;
    if (focus) this.pendingFocus = `td[data-day="${day}"]`;
  }

  private onGridKeydown(event: KeyboardEvent): void {
    const cell = (event.target as Element).closest?.('td[data-day]');
    const day = cell?.getAttribute('data-day');
    if (!day) return;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const firstDay = firstDayOfWeek(this.intlLocale);
    let next: DayKey | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = addDays(day, rtl ? -1 : 1);
        break;
      case 'ArrowLeft':
        next = addDays(day, rtl ? 1 : -1);
        break;
      case 'ArrowDown':
        next = addDays(day, 7);
        break;
      case 'ArrowUp':
        next = addDays(day, -7);
        break;
      case 'Home':
        next = startOfWeek(day, firstDay);
        break;
      case 'End':
        next = addDays(startOfWeek(day, firstDay), 6);
        break;
      case 'PageUp':
        next = addMonths(day, event.shiftKey ? -12 : -1);
        break;
      case 'PageDown':
        next = addMonths(day, event.shiftKey ? 12 : 1);
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const first = this.renderRoot.querySelector<HTMLElement>('.day-panel .occurrence .title');
        if (first) first.focus();
        else this.announce(strings[this.uiLang].noneOnDay);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    this.setFocusDay(next, true);
  }

  private onGridClick(event: Event): void {
    const target = event.target as Element;
    const cell = target.closest('td[data-day]');
    const day = cell?.getAttribute('data-day');
    if (!day) return;
    const chip = target.closest('[data-occurrence]');
    const id = chip?.getAttribute('data-occurrence');
    this.setFocusDay(day, !id);
    if (id) {
      const occurrence = this.model?.byDay.get(day)?.find((o) => o.id === id);
      if (occurrence) this.open(occurrence, true);
    }
  }

  // ── Opening events ───────────────────────────────────────────────────────────────────────────────

  private loadDetail(): Promise<void> {
    if (this.detailModule) return Promise.resolve();
    this.detailLoading ??= import('./detail.ts').then(
      (module) => {
        this.detailModule = module;
        this.detailFailed = false;
      },
      () => {
        this.detailLoading = undefined;
        this.detailFailed = true;
      },
    );
    return this.detailLoading;
  }

  /** Opens (or closes) an occurrence in place; `focusTitle` moves focus to it (from a chip in the grid). */
  private open(occurrence: Occurrence, focusTitle = false): void {
    const opening = !this.opened.has(occurrence.id);
    if (opening && !this.emit('kw-select', { item: occurrence.item, occurrence }, true)) return;
    const next = new Set(this.opened);
    if (opening) {
      next.add(occurrence.id);
      void this.loadDetail();
    } else next.delete(occurrence.id);
    this.opened = next;
    if (focusTitle) this.pendingFocus = `.day-panel [data-occurrence-id="${CSS.escape(occurrence.id)}"] .title`;
  }

  private close(occurrence: Occurrence, scope: string): void {
    const next = new Set(this.opened);
    next.delete(occurrence.id);
    this.opened = next;
    this.pendingFocus = `${scope} [data-occurrence-id="${CSS.escape(occurrence.id)}"] .title`;
  }

  private toggleSource(key: string, on: boolean): void {
    const next = new Set(this.hiddenSources);
    if (on) next.delete(key);
    else next.add(key);
    this.hiddenSources = next;
    this.shown = this.pageSize;
  }

  protected override updated(): void {
    if (this.pendingFocus) {
      const selector = this.pendingFocus;
      this.pendingFocus = undefined;
      const target = this.renderRoot.querySelector<HTMLElement>(selector);
      target?.focus();
      if (target && !selector.startsWith('td')) target.scrollIntoView?.({ block: 'nearest' });
    }
    this.fillDescriptions();
    this.probeSubscriptions();
  }

  /** Puts each opened description in place (Markdown, sanitised) once per text and language. */
  private fillDescriptions(): void {
    const module = this.detailModule;
    if (!module || !this.model) return;
    for (const target of this.renderRoot.querySelectorAll<HTMLElement>('.detail .body')) {
      const holder = target.closest('[data-occurrence-id]');
      const id = holder?.getAttribute('data-occurrence-id');
      const occurrence = this.findOccurrence(id);
      if (!occurrence) continue;
      const body = feedText(this, occurrence.item.body, this.feed.catalog).text;
      const key = `${this.uiLang}\u0000${body}`;
      if (this.filledBodies.get(target) === key) continue;
      this.filledBodies.set(target, key);
      void module.fillDescription(target, body, Math.min(6, this.headingLevel + 2));
    }
  }

  private findOccurrence(id: string | null | undefined): Occurrence | undefined {
    if (!id || !this.model) return undefined;
    return this.model.occurrences.find((o) => o.id === id) ?? this.model.recordings.find((o) => o.id === id);
  }

  /** Asks, once per catalog, whether an events.ics is published beside it (for the subscribe link). */
  private probeSubscriptions(): void {
    for (const source of this.model?.sources ?? []) {
      if (source.kind !== 'catalog' || !source.url || this.probed.has(source.url)) continue;
      this.probed.add(source.url);
      const probe = eventsIcsBeside(source.url);
      void probe.exists.then((exists) => {
        if (exists) this.icsBeside = new Map(this.icsBeside).set(source.key, probe.url);
      });
    }
  }

  // ── Rendering ────────────────────────────────────────────────────────────────────────────────────

  private sourceLabel(source: CalendarSource | undefined): string {
    if (!source) return '';
    return source.title !== undefined ? feedText(this, source.title, this.feed.catalog).text || source.fallback : source.fallback;
  }

  private sourceOf(occurrence: Occurrence): CalendarSource | undefined {
    const key = sourceKeyOf(occurrence.item as Item);
    return this.model?.sources.find((s) => s.key === key);
  }

  private periodLabel(model: CalendarModel): string {
    if (model.month && !model.ranged) return formatMonth(model.month, this.intlLocale);
    return formatDayRange(model.first, model.last, this.intlLocale);
  }

  private level(offset: number): number {
    return Math.min(6, Math.max(1, Math.floor(this.headingLevel) || 2) + offset);
  }

  private renderToolbar(model: CalendarModel): TemplateResult {
    const m = strings[this.uiLang];
    const monthly = !model.ranged;
    const view = this.effectiveView;
    return html`<div class="toolbar" part="toolbar">
      <div class="nav" role="group" aria-label=${m.calendar}>
        <button type="button" part="nav-button" aria-label=${monthly ? m.previousMonth : m.previousPeriod} @click=${() => this.move(-1)}>
          <span aria-hidden="true" class="arrow">‹</span> ${m.previous}
        </button>
        <button type="button" part="nav-button" @click=${this.goToday}>${m.today}</button>
        <button type="button" part="nav-button" aria-label=${monthly ? m.nextMonth : m.nextPeriod} @click=${() => this.move(1)}>
          ${m.next} <span aria-hidden="true" class="arrow">›</span>
        </button>
      </div>
      <div class="period" role="heading" aria-level=${this.level(0)} id="period" part="period">${this.periodLabel(model)}</div>
      <div class="views" role="group" aria-label=${m.viewLabel}>
        <button type="button" part="view-button" aria-pressed=${view === 'month' ? 'true' : 'false'} @click=${() => this.setView('month')}>${m.month}</button>
        <button type="button" part="view-button" aria-pressed=${view === 'list' ? 'true' : 'false'} @click=${() => this.setView('list')}>${m.list}</button>
      </div>
    </div>`;
  }

  /** What extras.ts needs from the element. */
  private extrasContext(model: CalendarModel): import('./extras.ts').ExtrasContext {
    return {
      lang: this.uiLang,
      m: strings[this.uiLang],
      level: (offset) => this.level(offset),
      sourceLabel: (source) => this.sourceLabel(source),
      hiddenSources: this.hiddenSources,
      toggleSource: (key, on) => this.toggleSource(key, on),
      occurrence: (occurrence, id, scope, showStartDay, part) => this.renderOccurrence(occurrence, id, model, scope, showStartDay, part),
      recordingsShown: this.recordingsShown,
      showMoreRecordings: () => (this.recordingsShown += this.pageSize),
    };
  }

  private renderGrid(model: CalendarModel): TemplateResult {
    const m = strings[this.uiLang];
    const locale = this.intlLocale;
    const month = monthOf(model.month!);
    const focus = this.focusDay && model.weeks.some((w) => w.includes(this.focusDay!)) && monthOf(this.focusDay) === month ? this.focusDay : monthOf(model.today) === month ? model.today : model.month!;
    const short = dateFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    const long = dateFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    const full = dateFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const dayNumber = dateFormat(locale, { day: 'numeric', timeZone: 'UTC' });
    const header = model.weeks[0]!.map((day) => html`<th scope="col" role="columnheader"><span aria-hidden="true">${short.format(dayDate(day))}</span><span class="visually-hidden">${long.format(dayDate(day))}</span></th>`);
    const cell = (day: DayKey) => {
      const list = model.byDay.get(day) ?? [];
      const outside = monthOf(day) !== month;
      const isToday = day === model.today;
      const selected = day === focus;
      const weekend = weekday(day) >= 6;
      return html`<td
        role="gridcell"
        part="day"
        data-day=${day}
        tabindex=${selected ? '0' : '-1'}
        aria-selected=${selected ? 'true' : 'false'}
        aria-current=${ifDefined(isToday ? 'date' : undefined)}
        class=${`day${outside ? ' outside' : ''}${isToday ? ' today' : ''}${weekend ? ' weekend' : ''}${list.length ? ' busy' : ''}`}
      >
        <span class="num" aria-hidden="true">${dayNumber.format(dayDate(day))}</span>
        <span class="visually-hidden">${full.format(dayDate(day))}, ${m.count(list.length)}${list.length ? ':' : ''}</span>
        ${list.length
          ? html`<ul class="chips">
              ${list.slice(0, list.length > MAX_CHIPS ? MAX_CHIPS - 1 : MAX_CHIPS).map((occurrence) => this.renderChip(occurrence, day, model))}
            </ul>`
          : nothing}
        ${list.length > MAX_CHIPS ? html`<span class="more">${m.more(list.length - (MAX_CHIPS - 1))}</span>` : nothing}
      </td>`;
    };
    return html`<p id="grid-hint" class="visually-hidden">${m.gridHint}</p>
      <table role="grid" part="grid" class="grid" aria-labelledby="period" aria-describedby="grid-hint" @keydown=${this.onGridKeydown} @click=${this.onGridClick}>
        <thead>
          <tr>
            ${header}
          </tr>
        </thead>
        <tbody>
          ${model.weeks.map((week) => html`<tr>${week.map(cell)}</tr>`)}
        </tbody>
      </table>
      ${this.renderDayPanel(model, focus)}`;
  }

  private renderChip(occurrence: Occurrence, day: DayKey, model: CalendarModel): TemplateResult {
    const source = this.sourceOf(occurrence);
    const title = feedText(this, occurrence.title, this.feed.catalog);
    const span = spanDays(occurrence.start, occurrence.end, occurrence.allDay);
    const time = occurrence.allDay || span.first < day ? '' : formatClock(occurrence.startDate, this.intlLocale, model.zone);
    const m = strings[this.uiLang];
    return html`<li
      class=${`chip${occurrence.cancelled ? ' cancelled' : ''}${occurrence.allDay || span.first !== span.last ? ' long' : ''}`}
      part="event-chip"
      data-occurrence=${occurrence.id}
      data-colour=${ifDefined(source?.colour)}
    >
      ${time ? html`<span class="chip-time">${time}</span> ` : nothing}<span class="chip-title" lang=${ifDefined(title.lang)} dir="auto">${title.text}</span>${occurrence.cancelled
        ? html`<span class="visually-hidden"> (${m.cancelled})</span>`
        : nothing}
    </li>`;
  }

  private renderDayPanel(model: CalendarModel, day: DayKey): TemplateResult {
    const m = strings[this.uiLang];
    const list = model.byDay.get(day) ?? [];
    return html`<section class="day-panel" part="day-panel" aria-labelledby="day-heading">
      <div role="heading" aria-level=${this.level(1)} id="day-heading" class="day-heading">${m.dayHeading(formatDay(day, this.intlLocale))}</div>
      ${list.length
        ? html`<ul class="occurrences">
            ${list.map((occurrence, index) => this.renderOccurrence(occurrence, `d${index}`, model, '.day-panel', spanDays(occurrence.start, occurrence.end, occurrence.allDay).first !== day))}
          </ul>`
        : html`<p class="muted">${m.noneOnDay}</p>`}
    </section>`;
  }

  /** One occurrence in a list: its first `<time datetime>` is its start. */
  private renderOccurrence(occurrence: Occurrence, id: string, model: CalendarModel, scope: string, showStartDay: boolean, part = 'occurrence'): TemplateResult {
    const m = strings[this.uiLang];
    const locale = this.intlLocale;
    const catalog = this.feed.catalog!;
    const title = feedText(this, occurrence.title, catalog);
    const when = whenParts(occurrence, locale, model.zone, m, showStartDay);
    const status = statusWords(occurrence, locale, model.zone, m);
    const source = this.sourceOf(occurrence);
    const past = occurrence.endDate.getTime() <= model.now && occurrence.startDate.getTime() < model.now;
    const recording = past && !occurrence.cancelled ? safeUrl(occurrence.item.recording) : undefined;
    const open = this.opened.has(occurrence.id);
    const detailId = `detail-${scope.replace(/\W/g, '')}-${id}`;
    let detail: TemplateResult | typeof nothing = nothing;
    if (open) {
      if (this.detailModule) {
        const context: DetailContext = {
          host: this,
          occurrence,
          catalog,
          source: source ? { label: this.sourceLabel(source), colour: source.colour } : undefined,
          zone: model.zone,
          now: model.now,
          id: `${detailId}-content`,
          headingLevel: this.level(2),
          onClose: () => this.close(occurrence, scope),
        };
        detail = this.detailModule.renderDetail(context);
      } else detail = html`<p class="muted" role="status">${this.detailFailed ? m.detailsFailed : m.loadingDetails}</p>`;
    }
    return html`<li
      part=${part}
      class=${`occurrence${occurrence.cancelled ? ' cancelled' : ''}${past ? ' past' : ''}`}
      data-occurrence-id=${occurrence.id}
      data-colour=${ifDefined(source?.colour)}
    >
      <p class="when">
        <time datetime=${occurrence.allDay ? occurrence.start.slice(0, 10) : occurrence.start}>${when.startText}</time>${when.endText
          ? html` ${when.joiner} <time datetime=${when.endValue!}>${when.endText}</time>`
          : nothing}
      </p>
      <div class="what">
        <button type="button" class="title" aria-expanded=${open ? 'true' : 'false'} aria-controls=${detailId} @click=${() => this.open(occurrence)}>
          <span class="swatch" data-colour=${ifDefined(source?.colour)} aria-hidden="true"></span><span lang=${ifDefined(title.lang)} dir="auto">${title.text}</span>
        </button>
        ${status.length ? html`<strong class="status">${status.join(' · ')}</strong>` : nothing}
        ${past && !status.length ? html`<span class="muted past-mark">${m.past}</span>` : nothing}
        ${model.sources.length > 1 && source ? html`<span class="muted source-label">${m.sourceOf(this.sourceLabel(source))}</span>` : nothing}
        ${recording
          ? html`<a part="recording-link" class="recording" href=${recording} rel="noopener noreferrer">${m.watchAgain}<span class="visually-hidden">: ${title.text}</span></a>`
          : nothing}
      </div>
      <div id=${detailId} class="detail-holder">${detail}</div>
    </li>`;
  }

  private renderList(model: CalendarModel): TemplateResult {
    const m = strings[this.uiLang];
    const locale = this.intlLocale;
    // Without from/to the list is a month: in the current month, what already happened folds away so
    // upcoming events lead. With from/to every occurrence in the range is listed as it is.
    let earlier: Occurrence[] = [];
    let rest = model.occurrences;
    if (!model.ranged && model.today >= model.first && model.today <= model.last) {
      const over = new Set(model.occurrences.filter((o) => o.endDate.getTime() <= model.now && o.startDate.getTime() < model.now));
      earlier = model.occurrences.filter((o) => over.has(o));
      rest = model.occurrences.filter((o) => !over.has(o));
    }
    const visible = model.ranged ? rest : rest.slice(0, this.shown);
    const groups = (list: Occurrence[], prefix: string) => {
      const byDay = new Map<DayKey, Occurrence[]>();
      for (const occurrence of list) {
        const first = spanDays(occurrence.start, occurrence.end, occurrence.allDay).first;
        const day = first < model.first ? model.first : first;
        let entries = byDay.get(day);
        if (!entries) byDay.set(day, (entries = []));
        entries.push(occurrence);
      }
      let index = 0;
      return html`<ol class="days" part="list">
        ${[...byDay].map(
          ([day, entries]) => html`<li class="list-day">
            <div role="heading" aria-level=${this.level(1)} class="day-heading">${formatDay(day, locale)}</div>
            <ul class="occurrences">
              ${entries.map((occurrence) => this.renderOccurrence(occurrence, `${prefix}${index++}`, model, '.list', spanDays(occurrence.start, occurrence.end, occurrence.allDay).first < day))}
            </ul>
          </li>`,
        )}
      </ol>`;
    };
    const none = model.occurrences.length === 0;
    return html`<div class="list">
      ${none ? this.renderNone(model) : nothing}
      ${earlier.length
        ? html`<details class="earlier">
            <summary>${m.earlierThisMonth(earlier.length)}</summary>
            ${groups(earlier, 'e')}
          </details>`
        : nothing}
      ${visible.length ? groups(visible, 'u') : !none && earlier.length ? html`<p class="muted">${m.noneInRange(formatDay(model.today, locale, 'long'), formatDay(model.last, locale, 'long'))}</p>` : nothing}
      ${!model.ranged && rest.length > this.shown
        ? html`<p class="actions">
            <button type="button" part="more-button" aria-describedby="shown" @click=${this.showMore}>${m.showMore}</button>
            <span class="muted" id="shown">${m.shownOf(visible.length, rest.length)}</span>
          </p>`
        : nothing}
    </div>`;
  }

  private showMore(): void {
    const first = this.shown;
    this.shown += this.pageSize;
    void this.updateComplete.then(() => this.renderRoot.querySelectorAll<HTMLElement>('.list > ol.days .occurrence .title')[first]?.focus());
  }

  /** An empty period: says so, and offers the next event after it when there is one. */
  private renderNone(model: CalendarModel): TemplateResult {
    const m = strings[this.uiLang];
    const locale = this.intlLocale;
    const text = model.month && !model.ranged ? m.noneInMonth(formatMonth(model.month, locale)) : m.noneInRange(formatDay(model.first, locale, 'long'), formatDay(model.last, locale, 'long'));
    const next = model.ranged ? undefined : this.nextAfter(model);
    return html`<div class="notice" part="notice">
      <p>${text}</p>
      ${next
        ? html`<p>
            ${m.nextEvent(formatDay(spanDays(next.start, next.end, next.allDay).first, locale, 'long'))}
            <button type="button" @click=${() => this.goTo(spanDays(next.start, next.end, next.allDay).first)}>${m.goThere}</button>
          </p>`
        : nothing}
    </div>`;
  }

  private nextKey = '';
  private nextCache: Occurrence | undefined;

  private nextAfter(model: CalendarModel): Occurrence | undefined {
    const visible = this.scopeCache.visible;
    if (!visible) return undefined;
    const from = startOfDayIn(addDays(model.last, 1), model.zone);
    const key = `${from}\u0000${model.zone}\u0000${this.scopeKey}`;
    if (key !== this.nextKey || this.nextCatalog !== visible) {
      this.nextKey = key;
      this.nextCatalog = visible;
      this.nextCache = expandOccurrences(visible, new Date(from), new Date(from + NEXT_EVENT_YEARS * 366 * 86_400_000), { timeZone: model.zone, limit: 1 }).occurrences[0];
    }
    return this.nextCache;
  }

  private nextCatalog: Catalog | undefined;

  private goTo(day: DayKey): void {
    const { zone } = displayZone(this.timeZone);
    this.offset = this.monthsFromBase(startOfMonth(day), zone, todayIn(zone));
    this.focusDay = day;
    if (this.model?.layout === 'grid') this.pendingFocus = `td[data-day="${day}"]`;
    this.navigated();
  }



  private renderSubscribe(model: CalendarModel): TemplateResult | typeof nothing {
    const m = strings[this.uiLang];
    const links = model.sources
      .map((source) => ({ source, ics: source.kind === 'icalendar' ? source.url : this.icsBeside.get(source.key) }))
      .filter((entry): entry is { source: CalendarSource; ics: string } => Boolean(entry.ics && webcalOf(entry.ics)));
    if (links.length === 0) return nothing;
    return html`<section class="subscribe" part="subscribe" aria-labelledby="subscribe-heading">
      <div role="heading" aria-level=${this.level(1)} id="subscribe-heading" class="section-heading">${m.subscribeHeading}</div>
      <p class="muted">${m.subscribeIntro}</p>
      <ul>
        ${links.map(({ source, ics }) => {
          const label = this.sourceLabel(source);
          return html`<li>
            <a href=${webcalOf(ics)!}>${m.subscribeTo(label)}</a>
            <span aria-hidden="true">·</span>
            <a href=${ics}>${m.icsAddress(label)}</a>
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private renderSettingsNotices(): TemplateResult[] | typeof nothing {
    const problems = this.settingsProblems();
    return problems && extras ? extras.renderSettingsNotices(this.uiLang, problems) : nothing;
  }

  override render(): TemplateResult {
    const m = strings[this.uiLang];
    const model = this.model;
    let body: TemplateResult | typeof nothing = nothing;
    if (!model && this.feed.state === 'ready') {
      // The catalog is here, ical.js (for its recurrence rules) is not yet.
      body = this.icalFailed || this.extrasFailed
        ? html`<div class="notice error" part="notice" role="alert">
            <p>${m.partFailed}</p>
            <button type="button" @click=${() => (this.icalFailed = this.extrasFailed = false)}>${common[this.uiLang].retry}</button>
          </div>`
        : html`<p class="loading" part="status" role="status">${common[this.uiLang].loading}</p>`;
    } else if (model) {
      if (model.eventCount === 0) {
        body = html`<div class="notice" part="notice"><p>${m.emptyCalendar}</p></div>`;
      } else if (model.inScopeCount === 0) {
        const set = [
          ['topics', this.topics],
          ['audiences', this.audiences],
          ['sectors', this.sectors],
        ]
          .filter(([, v]) => v)
          .map(([k, v]) => `${k}="${v}"`)
          .join(' ');
        body = html`<div class="notice" part="notice"><p>${m.emptyScope(set)}</p></div>`;
      } else {
        const zoneNote = this.timeZone && !displayZone(this.timeZone).invalid ? html`<p class="muted zone-note">${m.timesIn(model.zone)}</p>` : nothing;
        const parts = extras;
        const context = parts && this.extrasContext(model);
        body = html`${this.renderToolbar(model)} ${zoneNote} ${parts && context ? parts.renderSources(context, model) : nothing}
          ${model.truncated ? html`<div class="notice" part="notice"><p>${m.truncated}</p></div>` : nothing}
          ${this.narrow && this.effectiveView === 'month' ? html`<p class="muted narrow-note">${m.narrowNote}</p>` : nothing}
          ${model.layout === 'grid' ? html`${this.visibleCount(model) === 0 ? this.renderNone(model) : nothing}${this.renderGrid(model)}` : this.renderList(model)}
          ${parts && context ? parts.renderRecordings(context, model) : nothing} ${this.renderSubscribe(model)}`;
      }
    }
    return html`<div class="base" part="base" lang=${this.uiLang}>
      ${this.renderSettingsNotices()} ${this.feed.renderState()} ${body} ${this.renderAnnouncer()}
    </div>`;
  }
}
