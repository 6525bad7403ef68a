/** One entry of a feed, in the same shape whatever the format (RSS 2.0, Atom 1.0, JSON Feed 1.1, RDF). */
export interface FeedItem {
  /** Stable identity within its feed: the GUID / Atom id / JSON id, else the link, else a hash of title+date. */
  id: string
  /** Absolute http(s) address of the item's page (relative links and xml:base resolved); null when it has none. */
  url: string | null
  /** Plain text: markup stripped, entities decoded, whitespace collapsed. Never empty. */
  title: string
  /** ISO 8601, or null when the feed gave no date or one that does not parse. */
  publishedAt: string | null
  /** The feed's own HTML for the item, NOT sanitized (run it through the import sanitizer). */
  contentHtml: string | null
  /** Plain-text summary (at most FeedLimits.maxSummaryChars). */
  summary: string | null
  author: string | null
  /** The address relative links inside contentHtml resolve against (xml:base, else the feed's address). */
  baseUrl: string
}

export type FeedFormat = 'rss' | 'atom' | 'json' | 'rdf'

/** A parsed feed: what a refresh or a subscription needs, nothing format-specific. */
export interface ParsedFeed {
  format: FeedFormat
  /** Plain text; the site's host name when the feed has no title. */
  title: string
  /** The site's home page, absolute; the feed address's origin when the feed does not say. */
  siteUrl: string
  /** Where the feed was fetched from (after redirects): the address to refresh. */
  feedUrl: string
  /** In document order, duplicates removed, at most FeedLimits.maxItems. */
  items: FeedItem[]
}

/** Bounds on what one feed may cost; a hostile feed is cut to these, never allowed to grow work. */
export interface FeedLimits {
  /** Feed document size; larger documents are refused with TOO_LARGE. */
  maxBytes: number
  /** Items kept, in document order. */
  maxItems: number
  maxTitleChars: number
  maxSummaryChars: number
  /** Larger item bodies are dropped (contentHtml null) rather than cut mid-tag. */
  maxContentChars: number
  /** Identifiers (GUIDs, URLs) longer than this are replaced by a hash. */
  maxIdChars: number
}

export const DEFAULT_FEED_LIMITS: FeedLimits = {
  maxBytes: 10_000_000,
  maxItems: 500,
  maxTitleChars: 500,
  maxSummaryChars: 1_000,
  maxContentChars: 2_000_000,
  maxIdChars: 2_048
}
