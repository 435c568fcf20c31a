/** What the background tells the side panel and the settings page (plain JSON, checked by type only). */
import type { Catalog, Item } from '../../shared/catalog/types.ts';
import type { LmsId, PageKind } from '../../shared/context/types.ts';
import type { Suggestion } from '../../shared/match/types.ts';
import type { FeedReport } from './background/catalog.ts';
import type { SiteEntry } from './background/sites.ts';
import type { EffectiveSettings } from './settings.ts';

/** Whether and how Kanswijzer may read the tab's site. */
export type SiteAccess =
  /** A known SaaS LMS host: always read. */
  | 'built-in'
  /** A self-hosted site the user or administrator enabled. */
  | 'enabled'
  /** A site the administrator set up that still needs the user's permission. */
  | 'needs-permission'
  /** An ordinary web site that can be enabled. */
  | 'available'
  /** Nothing is known about the tab (no page read, toolbar not clicked there). */
  | 'unknown';

export interface TabView {
  tabId: number;
  language: 'nl' | 'en';
  origin?: string;
  access: SiteAccess;
  /** The page as understood (without its text). */
  page?: { lms: LmsId; pageKind: PageKind; title: string; course?: string; courseId?: string; url: string };
  readOnce: boolean;
  paused?: 'site' | 'course';
  suggestions: Suggestion[];
  hidden: Array<{ id: string; title: string }>;
  /** The full items behind the suggestions and hidden ones, for reading, saving and planning. */
  items: Record<string, Item>;
  /** False while no catalog could be loaded. */
  catalogReady: boolean;
}

export interface StatusView {
  language: 'nl' | 'en';
  settings: EffectiveSettings;
  feeds: FeedReport[];
  loadedAt?: string;
  sites: SiteEntry[];
  /** Audience and sector choices from the loaded catalog, labelled in the UI language. */
  audiences: Array<{ id: string; label: string }>;
  sectors: Array<{ id: string; label: string }>;
  /** The address the settings page shows for the default catalog. */
  defaultFeed: string;
}

export interface CatalogView {
  catalog?: Catalog;
  language: 'nl' | 'en';
}
