/** Loading feeds: JSON catalogs and iCalendar files, merged, cached and refreshed. */
export { loadFeeds, memoryFeedCache } from './load.ts';
export type { FeedFailureReason, FeedState, FeedStatus, LoadFeedsOptions, LoadResult } from './load.ts';
export { detectFeedKind, parseFeed } from './parse-feed.ts';
export type { FeedKind, ParsedFeed, ParseFeedOptions } from './parse-feed.ts';
export type { CachedFeed, FeedCache } from './cache-types.ts';
