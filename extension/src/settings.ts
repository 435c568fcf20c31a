/**
 * Settings: what the user chose (storage.sync) merged with what an administrator set (storage.managed,
 * from Chrome policy or Firefox policies.json). A value the administrator set wins and is shown as locked.
 * Both sources are read as untrusted input: anything malformed is left out with a reason, never thrown.
 */
import { isRecord } from './messages.ts';

export type UiLanguage = 'auto' | 'nl' | 'en';

/** What the user can set on the settings page. */
export interface UserSettings {
  /** Audience id from the catalog (`docent`, `stagebegeleider`, …), or '' when not chosen. */
  role: string;
  /** Sector id from the catalog (`vmbo`, `mbo`, `ho`, `buitenschools`), or ''. */
  sector: string;
  language: UiLanguage;
  /** Whether the default Kanswijzer catalog is loaded. */
  defaultFeed: boolean;
  /** Extra feed URLs the user added. */
  feeds: string[];
  /** The in-page hint beside the LMS editor (off unless chosen). */
  hints: boolean;
  /** Sites and courses where Kanswijzer is paused (scope keys, see scope.ts). */
  paused: string[];
}

/** What an administrator can set through managed storage (see static/managed_schema.json). */
export interface ManagedPolicy {
  feeds?: string[];
  defaultFeed?: boolean;
  allowUserFeeds?: boolean;
  sites?: string[];
  role?: string;
  sector?: string;
  language?: UiLanguage;
  hints?: boolean;
}

/** Settings the user can lock-free change, or that a policy locks. */
export type LockableSetting = 'role' | 'sector' | 'language' | 'defaultFeed' | 'hints' | 'feeds';

export interface EffectiveSettings extends UserSettings {
  /** Feeds the administrator set: always loaded, cannot be removed. */
  managedFeeds: string[];
  /** Self-hosted LMS origins the administrator set up. */
  managedSites: string[];
  /** False when the policy does not let users add feeds of their own. */
  allowUserFeeds: boolean;
  /** Settings the policy fixed; the settings page shows them as locked. */
  locked: LockableSetting[];
  /** What was wrong in the policy or the stored settings, for the settings page. */
  problems: string[];
}

export const DEFAULT_SETTINGS: Readonly<UserSettings> = Object.freeze({
  role: '',
  sector: '',
  language: 'auto',
  defaultFeed: true,
  feeds: [],
  hints: false,
  paused: [],
});

/** Most feeds a user or policy can list; more would slow every refresh. */
export const MAX_FEEDS = 20;
/** Most paused sites and courses remembered: storage.sync allows 8 KB per item, and the settings are one item. */
export const MAX_PAUSED = 80;
const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export type FeedUrlCheck = { ok: true; url: string } | { ok: false; reason: 'empty' | 'not-a-url' | 'not-http' | 'has-credentials' };

/** Checks a feed address typed by a user or set by a policy: only http(s), no user name or password in it. */
export function checkFeedUrl(raw: string): FeedUrlCheck {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'empty' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not-a-url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'not-http' };
  if (url.username || url.password) return { ok: false, reason: 'has-credentials' };
  url.hash = '';
  return { ok: true, url: url.href };
}

/** An http(s) origin from an origin or address (`https://elo.school.nl/` → `https://elo.school.nl`). */
export function normaliseOrigin(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.username || url.password) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

function asLanguage(value: unknown): UiLanguage | undefined {
  return value === 'auto' || value === 'nl' || value === 'en' ? value : undefined;
}

function asId(value: unknown): string | undefined {
  return typeof value === 'string' && (value === '' || ID_PATTERN.test(value)) ? value : undefined;
}

function feedList(value: unknown, where: string, problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${where}: should be a list of feed addresses`);
    return [];
  }
  const out: string[] = [];
  value.forEach((entry, i) => {
    const check = typeof entry === 'string' ? checkFeedUrl(entry) : ({ ok: false, reason: 'not-a-url' } as const);
    if (!check.ok) problems.push(`${where}[${i}]: not an http(s) feed address (${String(entry).slice(0, 100)})`);
    else if (!out.includes(check.url)) out.push(check.url);
  });
  if (out.length > MAX_FEEDS) problems.push(`${where}: only the first ${MAX_FEEDS} feeds are used`);
  return out.slice(0, MAX_FEEDS);
}

/** The user's stored settings, with defaults for anything missing or malformed. */
export function readUserSettings(raw: unknown, problems: string[] = []): UserSettings {
  const stored = isRecord(raw) ? raw : {};
  const settings: UserSettings = { ...DEFAULT_SETTINGS, feeds: [], paused: [] };
  const role = asId(stored.role);
  if (role !== undefined) settings.role = role;
  const sector = asId(stored.sector);
  if (sector !== undefined) settings.sector = sector;
  settings.language = asLanguage(stored.language) ?? DEFAULT_SETTINGS.language;
  if (typeof stored.defaultFeed === 'boolean') settings.defaultFeed = stored.defaultFeed;
  if (typeof stored.hints === 'boolean') settings.hints = stored.hints;
  settings.feeds = feedList(stored.feeds, 'settings.feeds', problems);
  if (Array.isArray(stored.paused)) {
    settings.paused = stored.paused.filter((key): key is string => typeof key === 'string' && /^(site|course):/.test(key) && key.length <= 600).slice(-MAX_PAUSED);
  }
  return settings;
}

/** The administrator's policy, keeping only well-formed values; what was wrong goes to `problems`. */
export function readManagedPolicy(raw: unknown, problems: string[] = []): ManagedPolicy {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) {
    problems.push('policy: not an object');
    return {};
  }
  const policy: ManagedPolicy = {};
  if (raw.feeds !== undefined) policy.feeds = feedList(raw.feeds, 'policy.feeds', problems);
  if (raw.sites !== undefined) {
    if (!Array.isArray(raw.sites)) problems.push('policy.sites: should be a list of site addresses');
    else {
      policy.sites = [];
      raw.sites.forEach((entry, i) => {
        const origin = typeof entry === 'string' ? normaliseOrigin(entry) : undefined;
        if (!origin) problems.push(`policy.sites[${i}]: not an http(s) site address (${String(entry).slice(0, 100)})`);
        else if (!policy.sites!.includes(origin)) policy.sites!.push(origin);
      });
    }
  }
  for (const key of ['defaultFeed', 'allowUserFeeds', 'hints'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] === 'boolean') policy[key] = raw[key] as boolean;
    else problems.push(`policy.${key}: should be true or false`);
  }
  for (const key of ['role', 'sector'] as const) {
    if (raw[key] === undefined) continue;
    const id = asId(raw[key]);
    if (id !== undefined) policy[key] = id;
    else problems.push(`policy.${key}: not an id from the catalog`);
  }
  if (raw.language !== undefined) {
    const language = asLanguage(raw.language);
    if (language) policy.language = language;
    else problems.push('policy.language: should be auto, nl or en');
  }
  return policy;
}

/**
 * The settings in force: the user's, with every value the policy sets taking their place (and locked).
 * Policy feeds come first and stay; the user's own feeds are added unless the policy forbids it.
 */
export function mergeSettings(userRaw: unknown, managedRaw: unknown): EffectiveSettings {
  const problems: string[] = [];
  const user = readUserSettings(userRaw, problems);
  const policy = readManagedPolicy(managedRaw, problems);
  const locked: LockableSetting[] = [];
  const merged: EffectiveSettings = {
    ...user,
    managedFeeds: policy.feeds ?? [],
    managedSites: policy.sites ?? [],
    allowUserFeeds: policy.allowUserFeeds ?? true,
    locked,
    problems,
  };
  for (const key of ['role', 'sector', 'language', 'defaultFeed', 'hints'] as const) {
    if (policy[key] === undefined) continue;
    (merged as unknown as Record<string, unknown>)[key] = policy[key];
    locked.push(key);
  }
  if (!merged.allowUserFeeds) {
    merged.feeds = [];
    locked.push('feeds');
  } else {
    merged.feeds = merged.feeds.filter((url) => !merged.managedFeeds.includes(url));
  }
  return merged;
}

/** Every feed to load, in order: the default catalog (when on), the policy's feeds, then the user's. */
export function feedUrls(settings: Pick<EffectiveSettings, 'defaultFeed' | 'managedFeeds' | 'feeds'>, defaultFeedUrl: string): string[] {
  const urls = [...(settings.defaultFeed ? [defaultFeedUrl] : []), ...settings.managedFeeds, ...settings.feeds];
  return [...new Set(urls)].slice(0, MAX_FEEDS + 1);
}

/** The language for the extension's own pages and badge title. */
export function uiLanguage(setting: UiLanguage, browserLanguage: string): 'nl' | 'en' {
  if (setting !== 'auto') return setting;
  return /^nl\b|^nl-|^fy|^li/i.test(browserLanguage) ? 'nl' : 'en';
}

/** True when a site or course scope is paused. */
export function isPaused(settings: Pick<UserSettings, 'paused'>, scopes: readonly (string | undefined)[]): boolean {
  return scopes.some((scope) => scope !== undefined && settings.paused.includes(scope));
}
