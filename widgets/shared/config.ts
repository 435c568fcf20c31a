/**
 * Page-wide settings of the widgets. The one script (`widgets/index.ts`) sets the default feed to the
 * catalog published next to it; integrations (the extension's side panel, tests) set their own.
 */

/** The version of these widgets; compared when a tag is already defined by another copy. */
export const KANSWIJZER_VERSION = '0.1.0';

export interface WidgetConfig {
  /** Feed URL(s) used when an element has no `src`. */
  defaultSrc: string;
  /** IndexedDB database for saved items, plans and the feed cache. */
  storeName: string;
}

export const config: WidgetConfig = { defaultSrc: '', storeName: 'kanswijzer' };

/** Changes page-wide settings; call before the first element connects. */
export function configureWidgets(settings: Partial<WidgetConfig>): void {
  Object.assign(config, settings);
}
