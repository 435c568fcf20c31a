/**
 * The content script's work, whichever adapters it carries. It reads the page context with the core's LMS
 * adapters, sends it to the background and does nothing else: matching happens in the background, and the
 * only change it ever makes to the page is the optional hint, whose code the background injects only when a
 * hint is to be shown. It reads again after single-page navigation, debounced, and only sends when what it
 * read changed. Kept small and cheap (budgets: 15 KB min+gzip, 5 ms of main-thread time per page): no
 * matching engine, no schema library, no Lit, and the browser's own runtime API instead of
 * webextension-polyfill.
 */
import { extractContextUsing } from '../../../shared/context/extract-using.ts';
import type { LmsAdapter } from '../../../shared/context/types.ts';
import type { ContentMessage, ContextReply, ReadReason } from '../messages.ts';
import { findEditor } from './editor.ts';
import { HINT_GLOBAL, type HintApi } from './hint.ts';
import { watchNavigation } from './navigation.ts';
import { contentRuntime } from './runtime.ts';

/** Runs once per document, even if the background injects the script again (enable on this site). */
const MARK = '__kanswijzerContentScript';

function isReply(value: unknown): value is ContextReply {
  if (!value || typeof value !== 'object') return false;
  const reply = value as Record<string, unknown>;
  return typeof reply.count === 'number' && typeof reply.showHint === 'boolean' && (reply.language === 'nl' || reply.language === 'en');
}

/** What was read and sent last, as one string: comparing it is cheaper than hashing it. */
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

/** The hint's code, once the background has injected it into this isolated world. */
function loadedHint(): HintApi | undefined {
  return (globalThis as unknown as Record<string, HintApi | undefined>)[HINT_GLOBAL];
}

async function applyHint(reply: ContextReply | undefined): Promise<void> {
  const editor = reply?.showHint && reply.count > 0 ? findEditor(document) : null;
  if (!reply || !editor) {
    loadedHint()?.removeHint();
    return;
  }
  if (!loadedHint() && (await send({ kind: 'kw:hint', action: 'load' })) !== true) return;
  // The page or the answer may have changed while the hint's code was loading.
  if (reply !== lastReply) return;
  loadedHint()?.showHint(document, editor, {
    count: reply.count,
    language: reply.language,
    onOpen: async () => (await send({ kind: 'kw:hint', action: 'open-panel' })) === true,
    onDismiss: () => void send({ kind: 'kw:hint', action: 'dismiss' }),
  });
}

/** The adapters this build of the content script carries (the generic reader is always there). */
let candidates: readonly LmsAdapter[] = [];

async function read(reason: ReadReason): Promise<void> {
  const context = extractContextUsing(document, location.href, candidates);
  const id = [context.url, context.title, context.course ?? '', context.courseId ?? '', context.pageKind, context.text, ...context.headings].join('\u0000');
  if (reason !== 'load' && id === lastSent) return;
  lastSent = id;
  const reply = await send({ kind: 'kw:context', reason, context });
  lastReply = isReply(reply) ? reply : undefined;
  await applyHint(lastReply);
}

/**
 * Starts reading this document with `adapters`, once: a second copy of the script in the same document (the
 * full one injected on a site that already has a per-LMS one) does nothing.
 */
export function startContentScript(adapters: readonly LmsAdapter[]): void {
  const marked = globalThis as unknown as Record<string, boolean>;
  if (marked[MARK]) return;
  marked[MARK] = true;
  candidates = adapters;
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
      void applyHint(lastReply);
    }
  });
}
