/**
 * The sentences of feed failures, for webmasters: what happened to which URL, and what to do. Code refers
 * to them by key (see catalog/message-key.ts); the feed loader expands them only when a feed fails, so a
 * page whose feeds load never downloads them.
 */
import { expandWith } from '../catalog/message-key.ts';

export const FEED_SENTENCES: Record<string, (...values: string[]) => string> = {
  badAddress: (url) => `The feed address "${url}" is not a valid http(s) link. Check the src attribute.`,
  noFetch: (url) => `The feed ${url} cannot be loaded here: this environment has no fetch.`,
  stray304: (url) => `The server of ${url} answered "not modified" (304) to a request without a cached copy.`,
  notFound: (url, status) => `The feed ${url} was not found (HTTP ${status}). Check the address, or ask its publisher whether it moved.`,
  httpError: (url, status) => `The server of ${url} answered with an error (HTTP ${status}). Try again later, or tell the feed's publisher.`,
  tooLarge: (url, size, max) => `The feed ${url} is ${size}, more than the ${max} a page will load. Publish a smaller feed (fewer or shorter items).`,
  largerThan: (url, max) => `The feed ${url} is larger than the ${max} a page will load. Publish a smaller feed (fewer or shorter items).`,
  timeout: (url, seconds) => `The feed ${url} did not answer within ${seconds} seconds. The server may be slow or down; try again later.`,
  offline: (url) => `There is no internet connection, so the feed ${url} could not be loaded.`,
  cors: (url) =>
    `The browser blocked the feed ${url}: its server does not allow other websites to read it. The server must send the header "Access-Control-Allow-Origin" (for example "Access-Control-Allow-Origin: *"), or import the calendar into your own feed with "kanswijzer build --ics ${url}".`,
  unreachable: (url, detail) => `The feed ${url} could not be reached (${detail}). Check the address and the network.`,
  notACatalog: (url, html) =>
    `The address ${url} does not give a Kanswijzer catalog or an iCalendar file${html ? ' but a web page (perhaps an error or login page)' : ''}. Check the link.`,
  unreadable: (url, detail) => `The feed ${url} could not be read: ${detail || 'it is not a valid catalog'}. Ask its publisher to validate it with "kanswijzer validate".`,
  showingCopy: (date) => ` Showing the copy fetched ${date}.`,
};

export function expandFeedMessage(text: string): string {
  return expandWith(text, FEED_SENTENCES);
}
