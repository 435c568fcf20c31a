/**
 * The last check before a feed's address becomes a link: only http(s) and mailto, however the feed was
 * read (the parser drops other links too; this guards items given as properties or saved long ago).
 */

/** The address as an absolute http(s) or mailto URL, or `undefined` when it is anything else. */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** True for an address whose host is not this page's (shown with "opens another site" hints). */
export function isExternal(href: string): boolean {
  try {
    return new URL(href).origin !== location.origin;
  } catch {
    return false;
  }
}
