/**
 * Catalog format v1: the published feed (see README, "Catalog format"). These types are inferred from the
 * runtime schema in `schema.ts` where possible, so the schema stays the single source of truth; the
 * hand-written ones here are what code outside the parser works with.
 */

/** A language tag such as `nl`, `en` or `nl-BE`. */
export type LanguageTag = string;

/** Text in the catalog's language, or one text per language. */
export type LocalizedText = string | Record<LanguageTag, string>;

/** Words and word parts per language that signal a topic on a page. */
export type TermLists = Record<LanguageTag, string[]>;

export interface Topic {
  id: string;
  label: LocalizedText;
  description?: LocalizedText;
  terms: TermLists;
}

export interface Audience {
  id: string;
  label: LocalizedText;
  /** Words that name this audience on a page (optional, used by the relevance engine). */
  terms?: TermLists;
}

export interface Sector {
  id: string;
  label: LocalizedText;
  terms?: TermLists;
}

/** A yearly date range, month-day to month-day (`08-15` to `10-31`); may wrap the year end. */
export interface PeriodRange {
  from: string;
  to: string;
}

export interface Period {
  id: string;
  label: LocalizedText;
  ranges: PeriodRange[];
}

export interface Publisher {
  name: string;
  url?: string;
}

export interface Source {
  name: string;
  url?: string;
}

export interface Media {
  url: string;
  type?: string;
  size?: number;
  /** Whether captions are available, or the languages of the captions. */
  captions?: boolean | LanguageTag[];
  title?: LocalizedText;
}

export interface Location {
  online?: boolean;
  url?: string;
  name?: string;
  address?: string;
}

export type ItemType = 'practice' | 'resource' | 'event';

interface ItemBase {
  id: string;
  type: ItemType;
  title: LocalizedText;
  summary?: LocalizedText;
  /** Markdown. */
  body?: LocalizedText;
  url?: string;
  topics: string[];
  audiences: string[];
  sectors: string[];
  periods: string[];
  source?: Source;
  published?: string;
  updated?: string;
  /** Set by `mergeCatalogs`: which catalog this item came from. */
  provenance?: Provenance;
  /** Unknown extra fields are kept for forward compatibility. */
  [extra: string]: unknown;
}

export interface Practice extends ItemBase {
  type: 'practice';
  steps?: LocalizedText[];
  evidence?: LocalizedText;
}

export interface Resource extends ItemBase {
  type: 'resource';
  format?: string;
  media?: Media[];
}

export type EventStatus = 'scheduled' | 'cancelled' | 'postponed' | 'tentative';

export interface CatalogEvent extends ItemBase {
  type: 'event';
  /** ISO 8601 date-time with offset, or a date (`YYYY-MM-DD`) for all-day events. */
  start: string;
  end?: string;
  /** IANA time zone the event is held in, or "floating" for local times read in the viewer's zone. */
  timeZone: string;
  rrule?: string;
  /** Excluded occurrence starts, in the same form as `start`. */
  exdate?: string[];
  /** Extra occurrence starts. */
  rdate?: string[];
  /** Changed or cancelled single occurrences of a recurring event (iCalendar RECURRENCE-ID). */
  overrides?: OccurrenceOverride[];
  location?: Location;
  registration?: string;
  recording?: string;
  status?: EventStatus;
}

export interface OccurrenceOverride {
  /** The original start of the occurrence that changed (same form as the event's `start`). */
  recurrenceId: string;
  /** `thisAndFuture` (iCalendar RANGE=THISANDFUTURE): the change also shifts every later occurrence. */
  range?: 'thisAndFuture';
  start?: string;
  end?: string;
  status?: EventStatus;
  title?: LocalizedText;
  summary?: LocalizedText;
  location?: Location;
}

export type Item = Practice | Resource | CatalogEvent;

export interface Provenance {
  catalogId: string;
  catalogTitle?: LocalizedText;
  /** The item's id inside its own catalog (the merged id may carry a prefix). */
  originalId: string;
  /** Where the feed was loaded from, when known. */
  feedUrl?: string;
}

export interface Catalog {
  format: 'kanswijzer-catalog';
  version: 1;
  id: string;
  title: LocalizedText;
  language: LanguageTag;
  updated?: string;
  publisher?: Publisher;
  description?: LocalizedText;
  topics: Topic[];
  audiences: Audience[];
  sectors: Sector[];
  periods: Period[];
  items: Item[];
  [extra: string]: unknown;
}

/** One problem found while reading a catalog. */
export interface CatalogProblem {
  /** `error` makes the catalog (strict) or the item (lenient) invalid; `note` is informational. */
  severity: 'error' | 'note';
  /** JSON path such as `items[3].topics[0]`, or `''` for the root. */
  path: string;
  /** The id of the item (or topic, …) the problem is in, when known. */
  itemId?: string;
  /** The field concerned, such as `topics` or `start`. */
  field?: string;
  /** What is wrong, in plain words. */
  message: string;
  /** Source position when the catalog came from a file the caller mapped (Markdown content). */
  file?: string;
  line?: number;
}

export interface ParseResult {
  /** The catalog, or `undefined` when nothing usable could be read. */
  catalog: Catalog | undefined;
  problems: CatalogProblem[];
  /** True when there are no problems of severity `error`. */
  valid: boolean;
}
