/**
 * kanswijzer.js — the one script a webmaster includes:
 *
 *   <script type="module" src="https://…/widgets/kanswijzer.js"></script>
 *
 * It defines each Kanswijzer element when its tag first appears on the page (an initial scan, then a
 * MutationObserver, as Shoelace's autoloader does), so a page downloads only the code of the elements it
 * uses. Including it twice, or next to another version, is safe: tags are defined only when free.
 * Elements default to the catalog published next to this script (`../feed/catalog.json`).
 */
import { config, configureWidgets, KANSWIJZER_VERSION } from './shared/config.ts';

export { configureWidgets, KANSWIJZER_VERSION };

/**
 * Tag → the module that defines it. Each element lives in `widgets/<folder>/define.ts`; adding an element
 * is one line here.
 */
const ELEMENTS: Record<string, () => Promise<unknown>> = {
  'kw-resources': () => import('./resources/define.ts'),
  'kw-item': () => import('./item/define.ts'),
  'kw-saved': () => import('./saved/define.ts'),
  'kw-action-plan': () => import('./action-plan/define.ts'),
  'kw-calendar': () => import('./calendar/define.ts'),
};

const loading = new Map<string, Promise<void>>();

/**
 * Loads and defines one element now (for pages that create elements from script and want to wait for
 * them). Resolves when the tag is defined; rejects only for a tag that is not a Kanswijzer element.
 */
export function loadElement(tag: string): Promise<void> {
  const name = tag.toLowerCase();
  const load = ELEMENTS[name];
  if (!load) return Promise.reject(new Error(`<${name}> is not a Kanswijzer element.`));
  let promise = loading.get(name);
  if (!promise) {
    promise = load().then(
      () => undefined,
      (error: unknown) => {
        // One element failing to load (a missing chunk, a network error) must not stop the others.
        loading.delete(name);
        console.warn(`Kanswijzer: <${name}> could not be loaded.`, error);
      },
    );
    loading.set(name, promise);
  }
  return promise;
}

/** Defines the Kanswijzer elements that occur in `root` (the element itself included) and are not defined yet. */
function discover(root: ParentNode): void {
  for (const tag of Object.keys(ELEMENTS)) {
    if (loading.has(tag) || customElements.get(tag)) continue;
    if ((root instanceof Element && root.localName === tag) || root.querySelector(tag)) void loadElement(tag);
  }
}

/**
 * The default catalog: `feed/catalog.json` beside the `widgets/` folder the script is served from. The
 * bundler may move this code into a shared chunk (`widgets/chunks/…`, see rollup.config.mjs), so the
 * address is taken from the folder above `chunks/` in that case.
 */
function defaultFeed(): string {
  const here = new URL(import.meta.url);
  const base = /\/chunks\/[^/]*$/.test(here.pathname) ? new URL('../', here) : here;
  return new URL('../feed/catalog.json', base).href;
}

const MARK = Symbol.for('kanswijzer.autoloader');

function start(): void {
  const registry = globalThis as unknown as Record<symbol, string | undefined>;
  // The same version included twice from two addresses: the first copy already does the work.
  if (registry[MARK] === KANSWIJZER_VERSION) return;
  registry[MARK] ??= KANSWIJZER_VERSION;
  if (!config.defaultSrc) configureWidgets({ defaultSrc: defaultFeed() });
  discover(document);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) for (const node of mutation.addedNodes) if (node instanceof Element) discover(node);
  }).observe(document.documentElement, { childList: true, subtree: true });
}

start();
