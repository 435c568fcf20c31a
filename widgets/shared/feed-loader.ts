/**
 * The feed loader the widgets use: the core's `loadFeeds` (shared/feed), with its per-feed status. This
 * file is the one seam between the widgets and it.
 */
export { loadFeeds } from '../../shared/feed/index.ts';
export type { FeedFailureReason as FeedFailure, FeedStatus, LoadResult as FeedsResult } from '../../shared/feed/index.ts';
