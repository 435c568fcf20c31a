/**
 * Build-time settings of the extension. The build replaces these values (extension/rollup.parts.mjs); the
 * defaults here are what tests and type checks see.
 */

/**
 * Where the default catalog is published, from `KANSWIJZER_FEED_URL` at build time. Empty: the default
 * catalog is the copy packaged with the extension (`feed/catalog.json`), so no request leaves the device
 * for it.
 */
export const PUBLISHED_FEED_URL: string = '';

/** The extension's version (package.json). */
export const EXTENSION_VERSION: string = '0.0.0';

/** Path of the default catalog inside the extension package. */
export const PACKAGED_FEED_PATH = 'feed/catalog.json';

/** Path of the default catalog's suggester index, built with the extension (extension/src/core/packaged.ts). */
export const PACKAGED_INDEX_PATH = 'feed/suggester-index.json';

/** How often the feeds are refreshed (alarms), in minutes. */
export const FEED_REFRESH_MINUTES = 360;

/** At most this many suggestions are shown per page (and counted on the badge). */
export const MAX_SUGGESTIONS = 8;

/** Badge colour: the Kanswijzer teal, dark enough for white text (contrast 6:1). */
export const BADGE_COLOUR = '#0b6e69';
