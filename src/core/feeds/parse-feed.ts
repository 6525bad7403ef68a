import { parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed, type AnyFeed } from 'feedsmith'
import { LecternError } from '../../shared/errors'
import { decodeFeed } from './decode-feed'
import { describeContent, notAFeed } from './feed-errors'
import { cleanLine, hashId, htmlToText, parseFeedDate } from './feed-text'
import { DEFAULT_FEED_LIMITS, type FeedFormat, type FeedItem, type FeedLimits, type ParsedFeed } from './feed-types'
import { readFormat, type RawFeed, type RawItem } from './read-formats'
import { repairXml } from './repair-xml'
import { sniffDocument } from './sniff-document'

export interface FeedInput {
  /** The response body as fetched, or text already decoded. */
  body: Uint8Array | string
  /** The Content-Type header, for its charset. */
  contentType?: string
  /** Where the body came from, after redirects: the base of relative links and the feed's address. */
  url: string
}

/**
 * Reads an RSS 2.0/0.9x, Atom 1.0, RDF (RSS 1.0) or JSON Feed 1.x document into one shape. Malformed XML
 * is repaired and read again rather than refused. Throws LecternError: NOT_A_FEED (saying what the
 * document is instead), TOO_LARGE, UNSUPPORTED_ENCODING. Linear in the size of the body.
 */
export function parseFeed(input: FeedInput, limits: FeedLimits = DEFAULT_FEED_LIMITS): ParsedFeed {
  const size = typeof input.body === 'string' ? input.body.length : input.body.byteLength
  if (size > limits.maxBytes) {
    throw new LecternError(
      'TOO_LARGE',
      `The feed is larger than ${Math.round(limits.maxBytes / 1e6)} MB; Lectern does not read it.`
    )
  }
  const text = typeof input.body === 'string' ? input.body : decodeFeed(input.body, input.contentType).text
  const kind = sniffDocument(text)
  if (kind.kind !== 'feed') {
    const bytes = typeof input.body === 'string' ? new TextEncoder().encode(text.slice(0, 16)) : input.body
    throw notAFeed(input.url, describeContent(bytes, input.contentType ?? '', kind))
  }
  // Duplicates are removed after parsing, so read a little more than is kept.
  const rawItems = limits.maxItems * 2
  const document = kind.format === 'json' ? text : cutAfterItems(text, rawItems)
  const parsed = readWithRepair(document, kind.format, rawItems, input.url)
  return normalizeFeed(readFormat(parsed, input.url), kind.format, input.url, limits)
}

const PARSERS = {
  rss: (text: string, maxItems: number): AnyFeed => ({ format: 'rss', feed: parseRssFeed(text, { maxItems }) }),
  atom: (text: string, maxItems: number): AnyFeed => ({ format: 'atom', feed: parseAtomFeed(text, { maxItems }) }),
  rdf: (text: string, maxItems: number): AnyFeed => ({ format: 'rdf', feed: parseRdfFeed(text, { maxItems }) }),
  json: (text: string, maxItems: number): AnyFeed => ({ format: 'json', feed: parseJsonFeed(text, { maxItems }) })
}

/**
 * The document up to the start of item number `count + 1`: a feed with 100,000 items is not parsed
 * whole to keep the first thousand. The cut document is unterminated, which the reader (or the repair
 * pass) closes like any truncated feed.
 */
function cutAfterItems(text: string, count: number): string {
  const itemStart = /<(?:[\w-]+:)?(?:item|entry)[\s/>]/g
  let seen = 0
  for (let match = itemStart.exec(text); match; match = itemStart.exec(text)) {
    if (++seen > count) return text.slice(0, match.index)
  }
  return text
}

function readWithRepair(text: string, format: FeedFormat, maxItems: number, url: string): AnyFeed {
  try {
    return PARSERS[format](text, maxItems)
  } catch {
    if (format === 'json') throw notAFeed(url, 'a JSON Feed that is not valid JSON')
  }
  // fast-xml-parser (inside feedsmith) refuses some malformations outright (an unclosed <title>, nesting
  // deeper than 100); rewrite the document as well-formed XML and read what survives.
  try {
    return PARSERS[format](repairXml(text), maxItems)
  } catch {
    throw notAFeed(url, `an ${format === 'atom' ? 'Atom' : format.toUpperCase()} feed too broken to read`)
  }
}

/** Cleans, identifies, deduplicates and bounds what a format reader produced. */
function normalizeFeed(raw: RawFeed, format: FeedFormat, feedUrl: string, limits: FeedLimits): ParsedFeed {
  const origin = new URL(feedUrl)
  const siteUrl = raw.siteUrl ?? `${origin.origin}/`
  const title =
    text(raw.title, raw.titleIsHtml, limits.maxTitleChars) || new URL(siteUrl).hostname.replace(/^www\./, '')

  // A GUID shared by items with different links is a broken generator (often every item carries the
  // feed's own address); for those items the link identifies them better.
  const guidLinks = new Map<string, Set<string | null>>()
  for (const item of raw.items) {
    const guid = item.guid?.trim()
    if (guid) guidLinks.set(guid, (guidLinks.get(guid) ?? new Set()).add(item.link))
  }

  const items: FeedItem[] = []
  const seen = new Set<string>()
  for (const rawItem of raw.items) {
    if (items.length >= limits.maxItems) break
    const item = normalizeItem(rawItem, (guid) => (guidLinks.get(guid)?.size ?? 0) > 1, limits)
    if (!item || seen.has(item.id)) continue
    seen.add(item.id)
    items.push(item)
  }
  return { format, title, siteUrl, feedUrl, items }
}

function normalizeItem(raw: RawItem, guidIsShared: (guid: string) => boolean, limits: FeedLimits): FeedItem | null {
  const url = raw.link
  const summary = raw.summaryHtml ? htmlToText(raw.summaryHtml, limits.maxSummaryChars) || null : null
  const content = raw.contentHtml?.trim() || null
  const contentHtml = content && content.length <= limits.maxContentChars ? content : null
  const publishedAt = raw.dates.map(parseFeedDate).find((date) => date !== null) ?? null
  let title = text(raw.title, raw.titleIsHtml, limits.maxTitleChars)
  if (!title && !url && !summary && !contentHtml) return null // nothing a reader could show

  const guid = raw.guid?.trim()
  // The hash reads the summary only when there is neither title nor date to tell items apart.
  const fallback = () => hashId(title, publishedAt ?? '', title || publishedAt ? '' : (summary ?? ''))
  let id = guid && !(guidIsShared(guid) && url) ? guid : (url ?? fallback())
  if (id.length > limits.maxIdChars) id = hashId(id)

  title ||= summary ? cleanLine(summary, 100) : (url ?? 'Untitled')
  const author = raw.author ? htmlToText(raw.author, 200) || null : null
  return { id, url, title, publishedAt, contentHtml, summary, author, baseUrl: raw.base }
}

function text(value: string | null, isHtml: boolean, maxChars: number): string {
  if (!value) return ''
  return isHtml ? htmlToText(value, maxChars) : cleanLine(value, maxChars)
}
