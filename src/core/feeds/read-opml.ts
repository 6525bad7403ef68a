import { parseOpml, type Opml } from 'feedsmith'
import { LecternError } from '../../shared/errors'
import { decodeFeed } from './decode-feed'
import { cleanLine, resolveHttpUrl } from './feed-text'
import { repairXml } from './repair-xml'
import { sniffDocument } from './sniff-document'

/** One subscription read from an OPML file. */
export interface OpmlFeed {
  /** Absolute http(s) feed address. */
  url: string
  title: string
  /** The enclosing folder; nested folders are joined with " / ". Null at the top level. */
  folder: string | null
  siteUrl: string | null
}

export interface OpmlImport {
  title: string | null
  /** In document order, each address once (the first folder it appears in wins). */
  feeds: OpmlFeed[]
  /** Outlines with a feed address that was not http(s), was a duplicate, or was past the limit. */
  skipped: number
}

export interface OpmlLimits {
  maxBytes: number
  maxFeeds: number
}

export const DEFAULT_OPML_LIMITS: OpmlLimits = { maxBytes: 10_000_000, maxFeeds: 10_000 }

type Outline = Opml.Outline<string>

/**
 * Reads the subscriptions of an OPML 1.0/2.0 file (as exported by NetNewsWire, Feedly, Inoreader, ...)
 * with their folders. Malformed XML is repaired first. Throws LecternError INVALID_INPUT when the file is
 * not OPML, TOO_LARGE past the byte limit.
 */
export function readOpml(body: Uint8Array | string, limits: OpmlLimits = DEFAULT_OPML_LIMITS): OpmlImport {
  const size = typeof body === 'string' ? body.length : body.byteLength
  if (size > limits.maxBytes) {
    throw new LecternError('TOO_LARGE', `The OPML file is larger than ${Math.round(limits.maxBytes / 1e6)} MB.`)
  }
  const text = typeof body === 'string' ? body : decodeFeed(body).text
  const kind = sniffDocument(text)
  if (kind.kind !== 'xml' || kind.root.toLowerCase() !== 'opml') {
    const what = kind.kind === 'feed' ? 'a feed' : kind.kind === 'html' ? 'a web page' : 'not OPML'
    throw new LecternError(
      'INVALID_INPUT',
      `This file is ${what === 'not OPML' ? what : `${what}, not an OPML subscription list`}. Export your subscriptions as OPML from your feed reader and import that file.`
    )
  }
  let document: Opml.Document<string>
  try {
    document = parseOpml(text)
  } catch {
    try {
      document = parseOpml(repairXml(text))
    } catch {
      throw new LecternError(
        'INVALID_INPUT',
        'The OPML file is damaged beyond repair; export it again from your feed reader.'
      )
    }
  }
  return collectFeeds(document, limits.maxFeeds)
}

/** Walks the outline tree without recursion, in document order. */
function collectFeeds(document: Opml.Document<string>, maxFeeds: number): OpmlImport {
  const feeds: OpmlFeed[] = []
  const seen = new Set<string>()
  let skipped = 0
  const pending: Array<{ outline: Outline; folder: string | null }> = []
  const pushChildren = (outlines: Outline[] | undefined, folder: string | null) => {
    for (let i = (outlines?.length ?? 0) - 1; i >= 0; i--) pending.push({ outline: outlines![i]!, folder })
  }
  pushChildren(document.body?.outlines, null)
  while (pending.length > 0) {
    const { outline, folder } = pending.pop()!
    const name = cleanLine(outline.title || outline.text || '', 200)
    if (outline.xmlUrl) {
      const url = feedAddress(outline.xmlUrl)
      if (!url || seen.has(url) || feeds.length >= maxFeeds) {
        skipped++
      } else {
        seen.add(url)
        const siteUrl = resolveHttpUrl(outline.htmlUrl, url)
        feeds.push({ url, title: name || new URL(url).hostname, folder, siteUrl })
      }
      pushChildren(outline.outlines, folder)
    } else if (outline.outlines?.length) {
      pushChildren(outline.outlines, name ? (folder ? `${folder} / ${name}` : name) : folder)
    }
  }
  return { title: document.head?.title ? cleanLine(document.head.title, 200) || null : null, feeds, skipped }
}

/** An absolute http(s) feed address; the old feed: scheme ("feed:https://…", "feed://…") is unwrapped. */
function feedAddress(raw: string): string | null {
  let text = raw.trim()
  if (/^feed:https?:/i.test(text)) text = text.slice('feed:'.length)
  else if (/^feed:\/\//i.test(text)) text = `http:${text.slice('feed:'.length)}`
  return resolveHttpUrl(text)
}
