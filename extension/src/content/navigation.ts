/**
 * Notices when a single-page LMS (Canvas, Brightspace, Google Classroom) shows another page without a full
 * load. A content script lives in an isolated world, so it cannot wrap the page's own `history.pushState`;
 * it watches from outside instead: the Navigation API's `navigatesuccess` where the browser has it (it fires
 * for the page's pushState/replaceState in every world), else a cheap address check once a second, plus
 * `popstate`/`hashchange` and changes of the document title. After a navigation the page usually renders its
 * content a little later, so for a few seconds DOM changes ask for another (debounced) read.
 */

export interface NavigationWatchOptions {
  /** Called, debounced, when the page may show something new. */
  onChange(reason: 'navigation' | 'change'): void;
  /** Quiet time before reading, in milliseconds. */
  debounceMs?: number;
  /** How long after a navigation DOM changes still count, in milliseconds. */
  settleMs?: number;
  /** Address check interval where there is no Navigation API, in milliseconds. */
  pollMs?: number;
}

interface NavigationLike {
  addEventListener(type: 'navigatesuccess', listener: () => void): void;
  removeEventListener(type: 'navigatesuccess', listener: () => void): void;
}

/** Starts watching; returns a function that stops it. */
export function watchNavigation(options: NavigationWatchOptions): () => void {
  const debounceMs = options.debounceMs ?? 300;
  const settleMs = options.settleMs ?? 3000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: 'navigation' | 'change' = 'change';
  let lastHref = location.href;
  let settleUntil = 0;

  const schedule = (reason: 'navigation' | 'change') => {
    if (reason === 'navigation') pending = 'navigation';
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const fire = pending;
      pending = 'change';
      options.onChange(fire);
    }, debounceMs);
  };

  // Content rendered after the address changed: only mutations soon after a navigation count, so the
  // observer is connected only then and a page that is being used costs nothing in between.
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  const contentObserver = new MutationObserver(() => {
    if (Date.now() < settleUntil) schedule('change');
  });
  const settle = () => {
    settleUntil = Date.now() + settleMs;
    if (settleTimer === undefined && document.body) contentObserver.observe(document.body, { childList: true, subtree: true });
    if (settleTimer !== undefined) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = undefined;
      contentObserver.disconnect();
    }, settleMs);
  };

  const checkAddress = () => {
    if (location.href === lastHref) return;
    lastHref = location.href;
    settle();
    schedule('navigation');
  };

  // Some SPAs change the title first; Classroom changes it with every view.
  const titleObserver = new MutationObserver(() => {
    checkAddress();
    if (Date.now() < settleUntil) schedule('change');
  });
  const head = document.head ?? document.documentElement;
  titleObserver.observe(head, { childList: true, subtree: true, characterData: true });

  const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
  let poll: ReturnType<typeof setInterval> | undefined;
  if (navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('navigatesuccess', checkAddress);
  } else {
    poll = setInterval(checkAddress, options.pollMs ?? 1000);
  }
  window.addEventListener('popstate', checkAddress);
  window.addEventListener('hashchange', checkAddress);

  return () => {
    if (timer !== undefined) clearTimeout(timer);
    if (poll !== undefined) clearInterval(poll);
    if (settleTimer !== undefined) clearTimeout(settleTimer);
    contentObserver.disconnect();
    titleObserver.disconnect();
    navigation?.removeEventListener('navigatesuccess', checkAddress);
    window.removeEventListener('popstate', checkAddress);
    window.removeEventListener('hashchange', checkAddress);
  };
}
