/**
 * Self-hosted learning environments (most Moodle sites): enabled per site, by the user ("Enable on this
 * site", which asks the browser for that one origin) or by an administrator (managed storage). Each enabled
 * site gets a dynamically registered content script that persists across browser sessions; disabling it
 * unregisters the script and gives the permission back.
 */
import browser from '../browser.ts';

/** The SaaS hosts that work after install (kept in step with manifest.base.json). */
export const BUILT_IN_HOSTS = ['instructure.com', 'brightspace.com', 'blackboard.com', 'itslearning.com', 'moodlecloud.com'];
export const BUILT_IN_EXACT_HOSTS = ['classroom.google.com'];

const REGISTRATION_PREFIX = 'kw-site:';
const SITES_KEY = 'sites';

export interface SiteEntry {
  origin: string;
  source: 'user' | 'policy';
  /** Whether the browser has given the permission for it. */
  permitted: boolean;
  /** Whether its content script is registered. */
  registered: boolean;
}

/** True for hosts the extension reads without asking (see host_permissions in the manifest). */
export function isBuiltInHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return BUILT_IN_EXACT_HOSTS.includes(host) || BUILT_IN_HOSTS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/**
 * The match pattern for an origin. Match patterns carry no port, so `http://localhost:8080` becomes
 * `http://localhost/*` (every port on that host).
 */
export function patternFor(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

function registrationId(origin: string): string {
  return `${REGISTRATION_PREFIX}${patternFor(origin)}`;
}

/** The origins the user enabled (storage.local: permissions belong to this device, not the synced profile). */
export async function userSites(): Promise<string[]> {
  const stored = (await browser.storage.local.get(SITES_KEY))[SITES_KEY];
  return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : [];
}

async function setUserSites(origins: string[]): Promise<void> {
  await browser.storage.local.set({ [SITES_KEY]: [...new Set(origins)] });
}

export async function hasPermission(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [patternFor(origin)] });
  } catch {
    return false;
  }
}

async function registeredIds(): Promise<Set<string>> {
  try {
    const scripts = await browser.scripting.getRegisteredContentScripts();
    return new Set(scripts.map((s) => s.id).filter((id) => id.startsWith(REGISTRATION_PREFIX)));
  } catch {
    return new Set();
  }
}

async function register(origin: string): Promise<void> {
  const id = registrationId(origin);
  const script = { id, matches: [patternFor(origin)], js: ['content.js'], runAt: 'document_idle' as const, allFrames: false, persistAcrossSessions: true };
  if ((await registeredIds()).has(id)) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([script]);
}

async function unregister(origin: string): Promise<void> {
  const id = registrationId(origin);
  if ((await registeredIds()).has(id)) await browser.scripting.unregisterContentScripts({ ids: [id] });
}

/** Runs the content script now in open tabs of the site (registration only affects later page loads). */
async function injectIntoOpenTabs(origin: string, onlyTabId?: number): Promise<void> {
  let tabs: Array<{ id?: number; url?: string }> = [];
  try {
    tabs = onlyTabId !== undefined ? [await browser.tabs.get(onlyTabId)] : await browser.tabs.query({ url: patternFor(origin) });
  } catch {
    return;
  }
  for (const tab of tabs) {
    if (tab.id === undefined || !tab.url) continue;
    try {
      if (new URL(tab.url).hostname !== new URL(origin).hostname) continue;
      await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['content.js'] });
    } catch {
      // A tab showing an error page or still loading: it gets the registered script on its next load.
    }
  }
}

/**
 * Enables a site after the permission was granted (the panel or settings page asks for it, because only a
 * user's click may). Returns false when the permission is missing.
 */
export async function enableSite(origin: string, tabId?: number): Promise<boolean> {
  if (!(await hasPermission(origin))) return false;
  await register(origin);
  await setUserSites([...(await userSites()), origin]);
  await injectIntoOpenTabs(origin, tabId);
  return true;
}

/** Disables a site: no more reading there, permission given back (unless the policy set the site up). */
export async function disableSite(origin: string, policySites: readonly string[]): Promise<void> {
  await setUserSites((await userSites()).filter((o) => o !== origin));
  if (policySites.includes(origin)) return;
  await unregister(origin);
  const pattern = patternFor(origin);
  // Another enabled origin on the same host (another port) still needs the permission.
  const stillNeeded = [...(await userSites()), ...policySites].some((o) => patternFor(o) === pattern);
  if (!stillNeeded) {
    try {
      await browser.permissions.remove({ origins: [pattern] });
    } catch {
      // Firefox refuses to remove permissions outside a user action in some versions; unregistering is enough.
    }
  }
}

/**
 * Brings the registrations in line with the user's sites and the policy's: registered where permitted,
 * unregistered where not wanted or no longer permitted. Runs at install, start-up, and when the policy or
 * permissions change.
 */
export async function syncSites(policySites: readonly string[]): Promise<SiteEntry[]> {
  const wanted = new Map<string, 'user' | 'policy'>();
  for (const origin of await userSites()) wanted.set(origin, 'user');
  for (const origin of policySites) wanted.set(origin, 'policy');
  const entries: SiteEntry[] = [];
  const keep = new Set<string>();
  for (const [origin, source] of wanted) {
    if (isBuiltInHost(new URL(origin).hostname)) continue;
    const permitted = await hasPermission(origin);
    if (permitted) {
      try {
        await register(origin);
        keep.add(registrationId(origin));
      } catch {
        // Reported as not registered below.
      }
    }
    entries.push({ origin, source, permitted, registered: keep.has(registrationId(origin)) });
  }
  const stale = [...(await registeredIds())].filter((id) => !keep.has(id));
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale }).catch(() => undefined);
  return entries;
}

/** True when a page on this origin may be read: a built-in host, or an enabled and permitted site. */
export async function isReadableOrigin(origin: string, policySites: readonly string[]): Promise<boolean> {
  const { hostname } = new URL(origin);
  if (isBuiltInHost(hostname)) return true;
  const enabled = [...(await userSites()), ...policySites].some((o) => new URL(o).hostname === hostname);
  return enabled && (await hasPermission(origin));
}
