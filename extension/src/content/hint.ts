/**
 * The optional in-page hint: one small note beside the LMS editor ("3 practices fit this page"), off unless
 * the user or administrator turns it on. It lives in a closed shadow root so the page can neither style nor
 * read it, uses no HTML strings (safe under Trusted Types), styles itself with a constructed stylesheet where
 * the browser allows (not subject to the page's style-src), and is fully usable with the keyboard: two real
 * buttons, Escape hides it. This file is its own script (`hint.js`), injected by the background only
 * when a hint is to be shown, so the content script every page loads stays small.
 */

const TEXT = {
  nl: {
    label: 'Kanswijzer',
    count: (n: number) => (n === 1 ? '1 praktijk voor gelijke kansen past bij deze pagina.' : `${n} praktijken voor gelijke kansen passen bij deze pagina.`),
    open: 'Bekijk',
    toolbar: 'Open Kanswijzer met de knop in de werkbalk van je browser.',
    hide: 'Verberg deze tip in deze cursus',
  },
  en: {
    label: 'Kanswijzer',
    count: (n: number) => (n === 1 ? '1 equal-opportunity practice fits this page.' : `${n} equal-opportunity practices fit this page.`),
    open: 'Show',
    toolbar: 'Open Kanswijzer with its button in your browser toolbar.',
    hide: 'Hide this tip in this course',
  },
};

const CSS = `
:host { all: initial; display: block; margin: 0.5rem 0; }
.note { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; box-sizing: border-box; max-width: 100%;
  padding: 0.4rem 0.6rem; border: 1px solid #0b6e69; border-inline-start-width: 4px; border-radius: 4px;
  background: #f1f8f7; color: #102a28; font: 14px/1.4 system-ui, sans-serif; }
.text { flex: 1 1 12rem; }
button { font: inherit; border-radius: 4px; cursor: pointer; min-height: 24px; min-width: 24px; }
.open { border: 1px solid #0b6e69; background: #0b6e69; color: #fff; padding: 0.15rem 0.6rem; }
.hide { border: 1px solid transparent; background: transparent; color: #102a28; padding: 0.15rem 0.4rem; }
button:focus-visible { outline: 3px solid #1a4d8f; outline-offset: 2px; }
@media (prefers-color-scheme: dark) {
  .note { background: #0f2b29; color: #e8f3f2; border-color: #5fc4bb; }
  .hide { color: #e8f3f2; }
  .open { background: #5fc4bb; border-color: #5fc4bb; color: #0f2b29; }
}
@media (forced-colors: active) {
  .note, button { border: 1px solid CanvasText; forced-color-adjust: auto; }
}`;

export interface HintOptions {
  count: number;
  language: 'nl' | 'en';
  /** Asks the background to open the panel; resolves false when the browser would not allow it. */
  onOpen(): Promise<boolean>;
  onDismiss(): void;
}

// The shadow root stays in this (isolated) script only: the page cannot reach a closed root.
let current: { host: HTMLElement; editor: Element; shadow: ShadowRoot } | undefined;

function styleShadow(shadow: ShadowRoot, document: Document): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = CSS;
    shadow.append(style);
  }
}

/** Shows (or updates) the hint after `editor`. */
export function showHint(document: Document, editor: Element, options: HintOptions): void {
  const text = TEXT[options.language];
  if (current && (current.editor !== editor || !current.host.isConnected)) removeHint();
  if (!current) {
    const host = document.createElement('kanswijzer-hint');
    const shadow = host.attachShadow({ mode: 'closed' });
    editor.insertAdjacentElement('afterend', host);
    current = { host, editor, shadow };
  }
  // Emptied on every update, so nothing of the previous count lingers.
  const { shadow } = current;
  shadow.replaceChildren();
  styleShadow(shadow, document);

  const note = document.createElement('div');
  note.className = 'note';
  note.setAttribute('role', 'note');
  note.setAttribute('aria-label', text.label);
  note.lang = options.language;
  const message = document.createElement('span');
  message.className = 'text';
  message.setAttribute('aria-live', 'polite');
  message.textContent = `${text.label}: ${text.count(options.count)}`;
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'open';
  open.textContent = text.open;
  open.addEventListener('click', () => {
    void options.onOpen().then((opened) => {
      if (!opened) message.textContent = `${text.label}: ${text.toolbar}`;
    });
  });
  const hide = document.createElement('button');
  hide.type = 'button';
  hide.className = 'hide';
  hide.textContent = '×';
  hide.setAttribute('aria-label', text.hide);
  hide.title = text.hide;
  const dismiss = () => {
    // Keep keyboard users where they were: back to the editor rather than to the top of the page.
    const hadFocus = shadow.activeElement !== null;
    removeHint();
    if (hadFocus && editor instanceof HTMLElement) editor.focus?.();
    options.onDismiss();
  };
  hide.addEventListener('click', dismiss);
  note.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      dismiss();
    }
  });
  note.append(message, open, hide);
  shadow.append(note);
}

/** Removes the hint, if shown. */
export function removeHint(): void {
  current?.host.remove();
  current = undefined;
}

/** What `hint.js` leaves in the content script's isolated world for the content script to call. */
export interface HintApi {
  showHint: typeof showHint;
  removeHint: typeof removeHint;
}

/** The global name under which `hint.js` registers itself (in the extension's isolated world, not the page's). */
export const HINT_GLOBAL = '__kanswijzerHint';
