import { Parser } from 'htmlparser2'
import { LecternError } from '../../shared/errors'
import { decodeHtml } from '../extract/decode-html'
import { decodeFeed } from './decode-feed'
import { describeBinary, describeContent, notAFeed } from './feed-errors'
import { resolveHttpUrl } from './feed-text'
import { DEFAULT_FEED_LIMITS, type FeedLimits, type ParsedFeed } from './feed-types'
import { parseFeed } from './parse-feed'
import { sniffDocument } from './sniff-document'

/** A feed address found for a page, not yet fetched. */
export interface FeedCandidate {
  url: string
  title: string | null
  /** The declared media type (application/rss+xml, ...), null for a guessed address. */
  type: string | null
}

/** What one fetched address turned out to be, and what to do next. */
export type FeedDiscovery =
  /** It is a feed: subscribe to it. */
  | { kind: 'feed'; feed: ParsedFeed }
  /** A page that names its feeds: fetch the first (then the others) and discover again. */
  | { kind: 'links'; candidates: FeedCandidate[] }
  /** A page without feed links: try these common addresses in order; the first that is a feed wins. */
  | { kind: 'guesses'; candidates: FeedCandidate[] }
  /** Nothing to subscribe to; the error says what was found instead (NOT_A_FEED, HTTP_404, ...). */
  | { kind: 'none'; error: LecternError }

export interface FetchedResponse {
  /** Where the bytes came from, after redirects. */
  url: string
  /** Status of the final response; 2xx when omitted. */
  status?: number
  contentType: string
  bytes: Uint8Array
}

const FEED_TYPES = /^application\/(?:rss\+xml|atom\+xml|feed\+json|rdf\+xml|x-rss\+xml|x-atom\+xml)$/i

/** Paths feeds live at on common platforms (WordPress, Hugo, Jekyll, Ghost, Blogger, ...), most likely first. */
export const COMMON_FEED_PATHS = [
  '/feed',
  '/rss',
  '/atom.xml',
  '/feed.xml',
  '/index.xml',
  '/rss.xml',
  '/feed.json',
  '/atom',
  '/feeds/posts/default',
  '/?feed=rss2'
]

/** A <head> this long with no <body> in it is not a real head; links past it are not looked for. */
const MAX_HEAD_CHARS = 1_000_000
/** Feed links kept from one page; real pages have one to three. */
const MAX_LINKS = 20
/** Bounds htmlparser2's open-element stack, which it searches linearly (see repair-xml.ts). */
const MAX_DEPTH = 256

/**
 * Decides what a fetched address is: a feed (parsed), a page with `<link rel="alternate">` feed links
 * (absolute, comment feeds last), a page without (common feed paths to try, absolute), or something
 * else, with an error that says what was found. Never throws for what a server sends.
 */
export function discoverFeed(response: FetchedResponse, limits: FeedLimits = DEFAULT_FEED_LIMITS): FeedDiscovery {
  const status = response.status ?? 200
  if (status >= 400) {
    return {
      kind: 'none',
      error: new LecternError(
        `HTTP_${status}`,
        status === 404 || status === 410
          ? `Nothing was found at ${response.url} (HTTP ${status}); check the address.`
          : `The server answered HTTP ${status} for ${response.url}; try again later.`
      )
    }
  }
  const binary = describeBinary(response.bytes, response.contentType)
  if (binary) return { kind: 'none', error: notAFeed(response.url, binary) }
  let text: string
  try {
    text = decodeFeed(response.bytes, response.contentType).text
  } catch (error) {
    if (error instanceof LecternError) return { kind: 'none', error }
    throw error
  }
  const kind = sniffDocument(text)
  if (kind.kind === 'feed') {
    try {
      return {
        kind: 'feed',
        feed: parseFeed({ body: text, url: response.url }, limits)
      }
    } catch (error) {
      if (error instanceof LecternError) return { kind: 'none', error }
      throw error
    }
  }
  const mediaType = response.contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (kind.kind === 'html' || (kind.kind === 'text' && mediaType.includes('html'))) {
    const links = feedLinks(decodeHtml(response.bytes, response.contentType).html, response.url)
    return links.length > 0
      ? { kind: 'links', candidates: links }
      : { kind: 'guesses', candidates: guessFeedUrls(response.url) }
  }
  return { kind: 'none', error: notAFeed(response.url, describeContent(response.bytes, response.contentType, kind)) }
}

/** Thrown from a parser callback to stop reading: feed links live in <head>. */
class StopReading extends Error {}

/** The feeds a page declares with `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`. */
export function feedLinks(html: string, pageUrl: string): FeedCandidate[] {
  let base = pageUrl
  const found: FeedCandidate[] = []
  const seen = new Set<string>()
  let depth = 0
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'body' || ++depth > MAX_DEPTH) throw new StopReading()
        if (name === 'base' && attribs.href) base = resolveHttpUrl(attribs.href, pageUrl) ?? base
        if (name !== 'link') return
        const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/)
        const type = (attribs.type ?? '').trim().toLowerCase()
        if (!rel.includes('alternate') || !FEED_TYPES.test(type)) return
        const url = resolveHttpUrl(attribs.href, base)
        if (!url || seen.has(url) || found.length >= MAX_LINKS) return
        seen.add(url)
        found.push({ url, title: attribs.title?.trim() || null, type })
      },
      onclosetag() {
        depth--
      }
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
  )
  try {
    parser.write(html.length > MAX_HEAD_CHARS ? html.slice(0, MAX_HEAD_CHARS) : html)
    parser.end()
  } catch (error) {
    if (!(error instanceof StopReading)) throw error
  }
  const isComments = (c: FeedCandidate) => /comment/i.test(`${c.title ?? ''} ${c.url}`)
  return [...found.filter((c) => !isComments(c)), ...found.filter(isComments)]
}

/** Common feed addresses for a page: under its first path segment (a blog in /blog/) and at the site root. */
export function guessFeedUrls(pageUrl: string): FeedCandidate[] {
  const page = new URL(pageUrl)
  const section = /^\/[^/]+\//.exec(page.pathname)?.[0].slice(0, -1)
  const prefixes = section ? [section, ''] : ['']
  const urls = prefixes.flatMap((prefix) =>
    COMMON_FEED_PATHS.slice(0, prefix ? 6 : undefined).map((path) => `${page.origin}${prefix}${path}`)
  )
  return urls.map((url) => ({ url, title: null, type: null }))
}
