/**
 * A tiny DOM builder for the extension's own pages. Text always goes in as text nodes, never as HTML, so
 * catalog and page text cannot become markup (and the pages work under Trusted Types).
 */

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/** Creates an element with attributes (`on…` functions become listeners; `true` sets an empty attribute). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes, ...children: Child[]): HTMLElementTagNameMap[K];
export function el(tag: string, attributes?: Attributes, ...children: Child[]): HTMLElement;
export function el(tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Says `text` through a polite live region (emptied first, so a repeated message is read again). */
export function announce(region: HTMLElement, text: string): void {
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/**
 * Makes a `role="tablist"` of `role="tab"` buttons work as the ARIA pattern says: arrow keys, Home and End
 * move between tabs, and the selected tab's panel shows. `onShow` hears which panel was shown.
 */
export function setUpTabs(tablist: HTMLElement, onShow: (panelId: string) => void): (tabId: string) => void {
  const tabs = Array.from(tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(other.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
    }
    if (focus) tab.focus();
    onShow(tab.getAttribute('aria-controls') ?? '');
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const index = tabs.indexOf(tab);
      const rtl = getComputedStyle(tablist).direction === 'rtl';
      const next = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, Home: -index, End: tabs.length - 1 - index }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(tabs[(index + next + tabs.length) % tabs.length]!, true);
    });
  }
  return (tabId: string) => {
    const tab = tabs.find((t) => t.id === tabId);
    if (tab) select(tab, false);
  };
}

/** Puts the strings of a language into every `[data-text]` element of the page. */
export function applyStrings(root: ParentNode, table: Record<string, unknown>): void {
  for (const element of Array.from(root.querySelectorAll<HTMLElement>('[data-text]'))) {
    const value = table[element.dataset.text ?? ''];
    if (typeof value === 'string') element.textContent = value;
  }
}
