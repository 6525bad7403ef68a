import type { AnyFeed, AtomFeed, JsonFeed, RdfFeed, RssFeed } from 'feedsmith'
import { resolveHttpUrl, textToHtml } from './feed-text'

/** An item as a format states it, before identity, cleaning and limits: the one place formats differ. */
export interface RawItem {
  guid: string | null
  /** Resolved against the item's base; may still be null. */
  link: string | null
  title: string | null
  /** RSS titles are HTML by common practice; Atom says so with type="html"/"xhtml"; JSON titles are text. */
  titleIsHtml: boolean
  dates: Array<string | undefined>
  contentHtml: string | null
  /** HTML (RSS description, Atom summary) or text (JSON summary); both read as HTML for a plain-text summary. */
  summaryHtml: string | null
  author: string | null
  base: string
}

export interface RawFeed {
  title: string | null
  titleIsHtml: boolean
  siteUrl: string | null
  items: RawItem[]
}

/** Maps feedsmith's format-specific result onto RawFeed, resolving xml:base against the feed's address. */
export function readFormat(parsed: AnyFeed, feedUrl: string): RawFeed {
  switch (parsed.format) {
    case 'rss':
      return readRss(parsed.feed, feedUrl)
    case 'atom':
      return readAtom(parsed.feed, feedUrl)
    case 'rdf':
      return readRdf(parsed.feed, feedUrl)
    case 'json':
      return readJson(parsed.feed, feedUrl)
  }
}

const baseOf = (declared: string | undefined, parent: string) => resolveHttpUrl(declared, parent) ?? parent
const first = <T>(values: T[] | undefined): T | undefined => values?.[0]

function readRss(feed: RssFeed.Feed<string>, feedUrl: string): RawFeed {
  const base = baseOf(feed.xml?.base, feedUrl)
  return {
    title: feed.title ?? null,
    titleIsHtml: true,
    siteUrl: resolveHttpUrl(feed.link, base),
    items: (feed.items ?? []).map((item) => {
      const itemBase = baseOf(item.xml?.base, base)
      const guid = item.guid?.value ?? null
      // RSS 2.0: a GUID is a permalink unless isPermaLink="false"; it stands in for a missing link.
      const permalink = guid && item.guid?.isPermaLink !== false ? resolveHttpUrl(guid, itemBase) : null
      const alternate = item.atom?.links?.find((l) => !l.rel || l.rel === 'alternate')?.href
      return {
        guid,
        link: resolveHttpUrl(item.link, itemBase) ?? resolveHttpUrl(alternate, itemBase) ?? permalink,
        title: item.title ?? null,
        titleIsHtml: true,
        dates: [item.pubDate, first(item.dc?.dates), item.atom?.published, item.atom?.updated],
        contentHtml: item.content?.encoded ?? item.description ?? null,
        summaryHtml: item.description ?? null,
        author: first(item.dc?.creators) ?? rssAuthor(first(item.authors)),
        base: itemBase
      }
    })
  }
}

/** RSS `<author>` is an e-mail address, conventionally "jo@example.com (Jo Smith)": keep the name. */
function rssAuthor(person: RssFeed.Person | undefined): string | null {
  const text = person?.name ?? person?.email
  if (!text) return null
  const named = /\(([^()]+)\)\s*$/.exec(text)?.[1]
  if (named) return named
  return /^\S+@\S+$/.test(text) ? null : text
}

function readAtom(feed: AtomFeed.Feed<string>, feedUrl: string): RawFeed {
  const base = baseOf(feed.xml?.base, feedUrl)
  const feedAuthor = first(feed.authors)?.name ?? null
  return {
    title: feed.title?.value ?? null,
    titleIsHtml: isHtmlType(feed.title?.type),
    siteUrl: resolveHttpUrl(alternateLink(feed.links), base),
    items: (feed.entries ?? []).map((entry) => {
      const entryBase = baseOf(entry.xml?.base, base)
      return {
        guid: entry.id ?? null,
        link: resolveHttpUrl(alternateLink(entry.links), entryBase),
        title: entry.title?.value ?? null,
        titleIsHtml: isHtmlType(entry.title?.type),
        dates: [entry.published, entry.updated, first(entry.dc?.dates)],
        contentHtml: atomHtml(entry.content) ?? atomHtml(entry.summary),
        summaryHtml: atomHtml(entry.summary),
        author: first(entry.authors)?.name ?? first(entry.dc?.creators) ?? feedAuthor,
        base: baseOf(entry.content?.xml?.base, entryBase)
      }
    })
  }
}

const isHtmlType = (type: string | undefined) => type === 'html' || type === 'xhtml'

function alternateLink(links: AtomFeed.Link<string>[] | undefined): string | undefined {
  return (links?.find((l) => l.rel === 'alternate' && (!l.type || /html/i.test(l.type))) ?? links?.find((l) => !l.rel))
    ?.href
}

/** Atom text constructs as HTML: text is escaped, html and xhtml are HTML already (feedsmith unwraps the xhtml div). */
function atomHtml(text: AtomFeed.Text | AtomFeed.Content | undefined): string | null {
  if (!text?.value) return null
  return isHtmlType(text.type) ? text.value : textToHtml(text.value)
}

function readRdf(feed: RdfFeed.Feed<string>, feedUrl: string): RawFeed {
  const base = baseOf(feed.xml?.base, feedUrl)
  return {
    title: feed.title ?? null,
    titleIsHtml: true,
    siteUrl: resolveHttpUrl(feed.link, base),
    items: (feed.items ?? []).map((item) => {
      const itemBase = baseOf(item.xml?.base, base)
      return {
        guid: item.rdf?.about ?? null,
        link: resolveHttpUrl(item.link, itemBase) ?? resolveHttpUrl(item.rdf?.about, itemBase),
        title: item.title ?? null,
        titleIsHtml: true,
        dates: [first(item.dc?.dates), first(item.dcterms?.issued), first(item.dcterms?.modified)],
        contentHtml: item.content?.encoded ?? item.description ?? null,
        summaryHtml: item.description ?? null,
        author: first(item.dc?.creators) ?? null,
        base: itemBase
      }
    })
  }
}

function readJson(feed: JsonFeed.Feed<string>, feedUrl: string): RawFeed {
  // feedsmith reads JSON Feed 1.0's single `author` into `authors` too.
  const feedAuthor = first(feed.authors)?.name ?? null
  return {
    title: feed.title ?? null,
    titleIsHtml: false,
    siteUrl: resolveHttpUrl(feed.home_page_url, feedUrl),
    items: (feed.items ?? []).map((item) => ({
      guid: item.id === undefined || item.id === null ? null : String(item.id),
      link: resolveHttpUrl(item.url, feedUrl) ?? resolveHttpUrl(item.external_url, feedUrl),
      title: item.title ?? null,
      titleIsHtml: false,
      dates: [item.date_published, item.date_modified],
      contentHtml: item.content_html ?? (item.content_text ? textToHtml(item.content_text) : null),
      summaryHtml: textToHtml(item.summary ?? item.content_text ?? '') || null,
      author: first(item.authors)?.name ?? feedAuthor,
      base: feedUrl
    }))
  }
}
