/**
 * The content script. It reads the page context with the core's LMS adapters, sends it to the background and
 * does nothing else: matching happens in the background, and the only change it ever makes to the page is
 * the optional hint. It reads again after single-page navigation, debounced, and only sends when what it
 * read changed. Kept small (budget: 15 KB min+gzip): no matching engine, no schema library, no Lit, and the
 * browser's own runtime API instead of webextension-polyfill.
 */
import { extractContext } from '../../../shared/context/extract.ts';
import type { ContentMessage, ContextReply, ReadReason } from '../messages.ts';
import { findEditor, removeHint, showHint } from './hint.ts';
import { watchNavigation } from './navigation.ts';
import { contentRuntime } from './runtime.ts';

/** Runs once per document, even if the background injects the script again (enable on this site). */
const MARK = '__kanswijzerContentScript';

function fingerprint(parts: string[]): string {
  // FNV-1a over the parts: cheap, and enough to tell "the same page again" from "something new".
  let hash = 0x811c9dc5;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      hash ^= part.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x1f;
  }
  return (hash >>> 0).toString(36);
}

function isReply(value: unknown): value is ContextReply {
  if (!value || typeof value !== 'object') return false;
  const reply = value as Record<string, unknown>;
  return typeof reply.count === 'number' && typeof reply.showHint === 'boolean' && (reply.language === 'nl' || reply.language === 'en');
}

let lastSent = '';
let lastReply: ContextReply | undefined;

async function send(message: ContentMessage): Promise<unknown> {
  try {
    return await contentRuntime().sendMessage(message);
  } catch {
    // The extension was updated or turned off while the page stayed open: nothing to do.
    return undefined;
  }
}

function applyHint(reply: ContextReply | undefined): void {
  const editor = findEditor(document);
  if (!reply || !reply.showHint || reply.count === 0 || !editor) {
    removeHint();
    return;
  }
  showHint(document, editor, {
    count: reply.count,
    language: reply.language,
    onOpen: async () => (await send({ kind: 'kw:hint', action: 'open-panel' })) === true,
    onDismiss: () => void send({ kind: 'kw:hint', action: 'dismiss' }),
  });
}

async function read(reason: ReadReason): Promise<void> {
  const context = extractContext(document, location.href);
  const id = fingerprint([context.url, context.title, context.course ?? '', context.courseId ?? '', context.pageKind, context.text, ...context.headings]);
  if (reason !== 'load' && id === lastSent) return;
  lastSent = id;
  const reply = await send({ kind: 'kw:context', reason, hasEditor: findEditor(document) !== null, context });
  lastReply = isReply(reply) ? reply : undefined;
  applyHint(lastReply);
}

function start(): void {
  const marked = globalThis as unknown as Record<string, boolean>;
  if (marked[MARK]) return;
  marked[MARK] = true;
  void read('load');
  watchNavigation({ onChange: (reason) => void read(reason) });
  // The background asks again when settings change (hints turned on, a course paused, feedback given).
  const runtime = contentRuntime();
  runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== runtime.id || !message || typeof message !== 'object') return;
    const kind = (message as { kind?: unknown }).kind;
    if (kind === 'kw:reread') {
      lastSent = '';
      void read('change');
    } else if (kind === 'kw:hint-state' && isReply((message as { reply?: unknown }).reply)) {
      lastReply = (message as { reply: ContextReply }).reply;
      applyHint(lastReply);
    }
  });
}

start();
