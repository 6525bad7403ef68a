/**
 * The feeds core's refresh policies: plain data in, plain data out, no I/O, quick to load. Parsing,
 * discovery and OPML are in ./feed-parsing, to be loaded with a dynamic import when first needed.
 */
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
