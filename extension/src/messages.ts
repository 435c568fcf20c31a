/**
 * Messages between the parts of the extension, and their checks. Nothing that comes from a web page is
 * trusted: the background checks every message against a small schema before it looks at it, and checks who
 * sent it (a content script in a tab's top frame, or one of the extension's own pages).
 */
import type { LmsId, PageContext, PageKind } from '../../shared/context/types.ts';
import { MAX_HEADING_LENGTH, MAX_HEADINGS, MAX_TEXT_LENGTH, MAX_TITLE_LENGTH } from '../../shared/context/types.ts';

export const LMS_IDS: readonly LmsId[] = ['moodle', 'canvas', 'brightspace', 'blackboard', 'itslearning', 'google-classroom', 'generic'];
export const PAGE_KINDS: readonly PageKind[] = ['course', 'assignment', 'quiz', 'forum', 'page', 'grading', 'calendar', 'settings', 'other'];

/** Longest page address accepted in a context. */
export const MAX_URL_LENGTH = 2048;
/** Longest course id accepted. */
export const MAX_COURSE_ID_LENGTH = 128;

// ── From the content script ────────────────────────────────────────────────────────────────────────────

/** Why the content script read the page (again). */
export type ReadReason = 'load' | 'navigation' | 'change';

/** The page context of the tab the content script runs in. */
export interface ContextMessage {
  kind: 'kw:context';
  reason: ReadReason;
  context: PageContext;
}

/** The in-page hint: its code is wanted (`load`), or one of its buttons was used. */
export interface HintMessage {
  kind: 'kw:hint';
  action: 'load' | 'open-panel' | 'dismiss';
}

export type ContentMessage = ContextMessage | HintMessage;

/**
 * The background's answer to a context message: what the hint (if on) should say. `showHint` says a hint is
 * wanted on this page if it has an editor: the content script looks for one only then, so with hints off (the
 * default) the page is not searched for editors at all.
 */
export interface ContextReply {
  count: number;
  showHint: boolean;
  language: 'nl' | 'en';
}

// ── From the extension's own pages (side panel, settings) ─────────────────────────────────────────────

export type PageMessage =
  | { kind: 'kw:get-tab'; tabId: number }
  | { kind: 'kw:feedback'; tabId: number; itemId: string; relevant: boolean }
  | { kind: 'kw:pause'; tabId: number; scope: 'site' | 'course'; paused: boolean }
  | { kind: 'kw:site'; origin: string; enabled: boolean; tabId?: number }
  | { kind: 'kw:read-once'; tabId: number }
  | { kind: 'kw:get-catalog' }
  | { kind: 'kw:refresh-feeds' }
  | { kind: 'kw:get-status' };

/** Sent by the background to extension pages when what they show may have changed. */
export type Notice =
  | { kind: 'kw:tab-changed'; tabId: number }
  | { kind: 'kw:catalog-changed' }
  | { kind: 'kw:status-changed' };

/** Who sent a message, as the browser reports it (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** True for a plain object (not null, not an array): what every message and stored setting must be. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function boundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isTabId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2 ** 31;
}

/** True for http(s) addresses. */
export function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Checks a page context from a content script. Every field is bounded; the context's address must be on
 * the page the browser says sent it, so a page cannot speak for another site.
 */
export function checkContext(raw: unknown, senderUrl: string): Checked<PageContext> {
  if (!isRecord(raw)) return fail('context: not an object');
  const { lms, pageKind, url, title, course, courseId, headings, text, language } = raw;
  if (!LMS_IDS.includes(lms as LmsId)) return fail('context.lms: unknown learning environment');
  if (!PAGE_KINDS.includes(pageKind as PageKind)) return fail('context.pageKind: unknown page kind');
  if (!boundedString(url, MAX_URL_LENGTH)) return fail('context.url: missing or too long');
  if (url !== '') {
    if (!isWebUrl(url)) return fail('context.url: not an http(s) address');
    if (!isWebUrl(senderUrl) || new URL(url).origin !== new URL(senderUrl).origin) return fail('context.url: not the address of the page that sent it');
  }
  if (!boundedString(title, MAX_TITLE_LENGTH)) return fail('context.title: missing or too long');
  if (course !== undefined && !boundedString(course, MAX_TITLE_LENGTH)) return fail('context.course: not text or too long');
  if (courseId !== undefined && !(boundedString(courseId, MAX_COURSE_ID_LENGTH) && /^[\w.~:-]+$/.test(courseId))) {
    return fail('context.courseId: not an id');
  }
  if (!Array.isArray(headings) || headings.length > MAX_HEADINGS || !headings.every((h) => boundedString(h, MAX_HEADING_LENGTH))) {
    return fail('context.headings: not a short list of short texts');
  }
  if (!boundedString(text, MAX_TEXT_LENGTH)) return fail('context.text: missing or too long');
  if (language !== undefined && !(typeof language === 'string' && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8}){0,3}$/.test(language))) {
    return fail('context.language: not a language tag');
  }
  // Rebuild the object so nothing extra a page put in travels further.
  return {
    ok: true,
    value: {
      lms: lms as LmsId,
      pageKind: pageKind as PageKind,
      url,
      title,
      ...(course !== undefined ? { course } : {}),
      ...(courseId !== undefined ? { courseId } : {}),
      headings: [...(headings as string[])],
      text,
      ...(language !== undefined ? { language } : {}),
    },
  };
}

/**
 * Checks a message from a content script: it must come from this extension, from the top frame of a tab
 * showing an http(s) page.
 */
export function checkContentMessage(raw: unknown, sender: SenderInfo, extensionId: string): Checked<ContentMessage & { tabId: number; pageUrl: string }> {
  if (sender.id !== extensionId) return fail('sender: not this extension');
  const tabId = sender.tab?.id;
  if (!isTabId(tabId)) return fail('sender: not a tab');
  if (sender.frameId !== undefined && sender.frameId !== 0) return fail('sender: not the top frame');
  const pageUrl = sender.url ?? sender.tab?.url ?? '';
  if (!isWebUrl(pageUrl)) return fail('sender: not a web page');
  if (!isRecord(raw)) return fail('message: not an object');
  if (raw.kind === 'kw:context') {
    if (raw.reason !== 'load' && raw.reason !== 'navigation' && raw.reason !== 'change') return fail('message.reason: unknown');
    const context = checkContext(raw.context, pageUrl);
    if (!context.ok) return context;
    return { ok: true, value: { kind: 'kw:context', reason: raw.reason, context: context.value, tabId, pageUrl } };
  }
  if (raw.kind === 'kw:hint') {
    if (raw.action !== 'load' && raw.action !== 'open-panel' && raw.action !== 'dismiss') return fail('message.action: unknown');
    return { ok: true, value: { kind: 'kw:hint', action: raw.action, tabId, pageUrl } };
  }
  return fail('message.kind: unknown');
}

/** True when the sender is one of this extension's own pages (panel, settings), never a web page. */
export function isExtensionPage(sender: SenderInfo, extensionId: string, extensionBaseUrl: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionBaseUrl);
}

/** An origin such as `https://elo.school.nl` (no path), or undefined. */
export function originOf(value: string): string | undefined {
  if (!isWebUrl(value)) return undefined;
  return new URL(value).origin;
}

/** Checks a message from an extension page. */
export function checkPageMessage(raw: unknown): Checked<PageMessage> {
  if (!isRecord(raw)) return fail('message: not an object');
  switch (raw.kind) {
    case 'kw:get-tab':
    case 'kw:read-once':
      return isTabId(raw.tabId) ? { ok: true, value: { kind: raw.kind, tabId: raw.tabId } } : fail('message.tabId: not a tab id');
    case 'kw:feedback':
      if (!isTabId(raw.tabId)) return fail('message.tabId: not a tab id');
      if (!boundedString(raw.itemId, 512) || !raw.itemId) return fail('message.itemId: not an item id');
      if (typeof raw.relevant !== 'boolean') return fail('message.relevant: not true or false');
      return { ok: true, value: { kind: 'kw:feedback', tabId: raw.tabId, itemId: raw.itemId, relevant: raw.relevant } };
    case 'kw:pause':
      if (!isTabId(raw.tabId)) return fail('message.tabId: not a tab id');
      if (raw.scope !== 'site' && raw.scope !== 'course') return fail('message.scope: not site or course');
      if (typeof raw.paused !== 'boolean') return fail('message.paused: not true or false');
      return { ok: true, value: { kind: 'kw:pause', tabId: raw.tabId, scope: raw.scope, paused: raw.paused } };
    case 'kw:site': {
      const origin = typeof raw.origin === 'string' ? originOf(raw.origin) : undefined;
      if (!origin || origin !== raw.origin) return fail('message.origin: not an http(s) origin');
      if (typeof raw.enabled !== 'boolean') return fail('message.enabled: not true or false');
      if (raw.tabId !== undefined && !isTabId(raw.tabId)) return fail('message.tabId: not a tab id');
      return { ok: true, value: { kind: 'kw:site', origin, enabled: raw.enabled, ...(raw.tabId !== undefined ? { tabId: raw.tabId as number } : {}) } };
    }
    case 'kw:get-catalog':
    case 'kw:refresh-feeds':
    case 'kw:get-status':
      return { ok: true, value: { kind: raw.kind } };
    default:
      return fail('message.kind: unknown');
  }
}

/** Checks a notice from the background (received by extension pages). */
export function checkNotice(raw: unknown): Notice | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.kind === 'kw:tab-changed' && isTabId(raw.tabId)) return { kind: 'kw:tab-changed', tabId: raw.tabId };
  if (raw.kind === 'kw:catalog-changed' || raw.kind === 'kw:status-changed') return { kind: raw.kind };
  return undefined;
}
