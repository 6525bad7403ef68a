/**
 * The feeds core: pure functions over bytes and records, no I/O. Parsing and discovery are synchronous
 * and linear, so they can run in the import worker pool; the policies are plain data in, plain data out.
 */
export { parseFeed, type FeedInput } from './parse-feed'
export { decodeFeed } from './decode-feed'
export {
  discoverFeed,
  feedLinks,
  guessFeedUrls,
  COMMON_FEED_PATHS,
  type FeedCandidate,
  type FeedDiscovery,
  type FetchedResponse
} from './discover-feed'
export { noFeedFound, notAFeed } from './feed-errors'
export { readOpml, DEFAULT_OPML_LIMITS, type OpmlFeed, type OpmlImport, type OpmlLimits } from './read-opml'
export { writeOpml, type OpmlExportFeed } from './write-opml'
export { conditionalHeaders, nextValidators, NO_VALIDATORS, type CacheValidators } from './conditional-request'
export {
  afterFailure,
  afterSuccess,
  isDue,
  retryAfterMs,
  DEFAULT_REFRESH_POLICY,
  NEW_FEED_HEALTH,
  type FeedHealth,
  type RefreshPolicy
} from './refresh-backoff'
export { HostScheduler, hostKey, DEFAULT_POLITENESS, type NextFetch, type PolitenessRule } from './host-politeness'
export {
  itemKeys,
  knownKeys,
  rememberItems,
  selectNewItems,
  DEFAULT_SEEN_LIMITS,
  type SeenItems,
  type SeenLimits
} from './item-identity'
export {
  expiredArticles,
  isKeptByUser,
  DEFAULT_RETENTION,
  DEFAULT_RETENTION_DAYS,
  type RetentionCandidate,
  type RetentionRule
} from './retention'
export { DEFAULT_FEED_LIMITS, type FeedFormat, type FeedItem, type FeedLimits, type ParsedFeed } from './feed-types'
