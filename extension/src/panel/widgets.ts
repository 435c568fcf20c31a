/**
 * The panel's seam to the widget elements and the offline store they share. The elements are the same ones
 * a school embeds (`widgets/`); they are loaded as chunks when their view opens, and given the extension's
 * merged catalog as a property, so they never fetch a feed of their own.
 */
import type { Catalog, Item, Practice } from '../../../shared/catalog/types.ts';
import type { KanswijzerStore } from '../../../shared/store/index.ts';
import { configureWidgets } from '../../../widgets/shared/config.ts';
import { getStore, itemKey, onSavedChange } from '../../../widgets/shared/store.ts';

// The panel's database is the extension's own (same name as the widgets' default, in the extension origin).
configureWidgets({ storeName: 'kanswijzer' });

type CatalogHolder = HTMLElement & { catalog?: Catalog; data?: Item };

const shown = new Set<CatalogHolder>();

function prepare<T extends CatalogHolder>(element: T, catalog: Catalog | undefined, lang: string): T {
  element.setAttribute('lang', lang);
  element.setAttribute('theme', matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  if (catalog) element.catalog = catalog;
  shown.add(element);
  return element;
}

/**
 * Each element is created only after its module has defined it: a property set on an element that is not yet
 * upgraded reaches Lit only at its first update, after the element has already looked for its feed.
 */
export const showWidget = {
  /** `<kw-item>` for reading one suggestion in the panel. */
  async item(item: Item, catalog: Catalog | undefined, lang: string): Promise<HTMLElement> {
    await import('../../../widgets/item/define.ts');
    const element = document.createElement('kw-item') as CatalogHolder;
    element.setAttribute('compact', '');
    element.setAttribute('heading-level', '4');
    element.data = item;
    return prepare(element, catalog, lang);
  },
  /** `<kw-resources>`: search over the whole catalog. */
  async search(panel: HTMLElement, catalog: Catalog | undefined, lang: string): Promise<void> {
    await import('../../../widgets/resources/define.ts');
    if (panel.querySelector('kw-resources')) return;
    const element = document.createElement('kw-resources') as CatalogHolder;
    element.setAttribute('limit', '8');
    element.setAttribute('heading-level', '3');
    panel.append(prepare(element, catalog, lang));
  },
  /** `<kw-saved>`: saved items, read offline from IndexedDB (the catalog only adds topic labels). */
  async saved(panel: HTMLElement, catalog: Catalog | undefined, lang: string): Promise<void> {
    await import('../../../widgets/saved/define.ts');
    if (panel.querySelector('kw-saved')) return;
    const element = document.createElement('kw-saved') as CatalogHolder;
    element.setAttribute('heading-level', '3');
    panel.append(prepare(element, catalog, lang));
  },
  /** `<kw-action-plan>`: the plan built from the catalog's practices, kept in IndexedDB. */
  async plan(panel: HTMLElement, catalog: Catalog | undefined, lang: string): Promise<void> {
    await import('../../../widgets/action-plan/define.ts');
    if (panel.querySelector('kw-action-plan')) return;
    const element = document.createElement('kw-action-plan') as CatalogHolder;
    element.setAttribute('heading-level', '3');
    panel.append(prepare(element, catalog, lang));
  },
  /** Hands a new catalog (or language) to every element already shown. */
  catalogChanged(catalog: Catalog | undefined, lang: string): void {
    for (const element of shown) {
      if (!element.isConnected) {
        shown.delete(element);
        continue;
      }
      element.setAttribute('lang', lang);
      if (catalog && element.localName !== 'kw-item') element.catalog = catalog;
    }
  },
};

function store(): Promise<KanswijzerStore> {
  return getStore();
}

/** Saves an item for offline reading (with its file, when it is a resource whose file can be fetched). */
export async function saveItem(item: Item): Promise<void> {
  await (await store()).save(item);
}

export async function isSaved(item: Item): Promise<boolean> {
  try {
    return (await (await store()).get(itemKey(item))) !== undefined;
  } catch {
    return false;
  }
}

/** Adds a practice, with all its steps to do, to the most recent action plan (a new one when there is none). */
export async function addToPlan(item: Item, newPlanTitle: string): Promise<void> {
  const s = await store();
  const plans = await s.listPlans();
  const plan = [...plans].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  const key = itemKey(item);
  const steps = ((item as Practice).steps ?? []).map((_, index) => ({ index, done: false }));
  if (!plan) {
    await s.putPlan({ title: newPlanTitle, entries: [{ itemKey: key, item, steps }] });
    return;
  }
  if (plan.entries.some((entry) => entry.itemKey === key)) return;
  await s.putPlan({ ...plan, entries: [...plan.entries, { itemKey: key, item, steps }] });
}

export async function isInPlan(item: Item): Promise<boolean> {
  try {
    const key = itemKey(item);
    return (await (await store()).listPlans()).some((plan) => plan.entries.some((entry) => entry.itemKey === key));
  } catch {
    return false;
  }
}

/** Calls `listener` after saved items or plans change (here, in another panel, or in the settings page). */
export function onStoreChange(listener: () => void): void {
  onSavedChange(listener);
  void store().then((s) => s.onChange(listener), () => undefined);
}
