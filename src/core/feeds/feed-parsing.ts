/**
 * Reading feeds, pages and OPML behind one dynamic import: feedsmith (with fast-xml-parser) takes
 * ~0.3 s to load, which opening the library should not wait for. Synchronous and linear, so it can
 * also run in the import worker pool. The refresh policies are in ./index, which loads none of this.
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
