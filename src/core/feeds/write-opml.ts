import { generateOpml, type Opml } from 'feedsmith'

/** One subscription to export. */
export interface OpmlExportFeed {
  url: string
  title: string
  folder?: string | null
  siteUrl?: string | null
}

/**
 * An OPML 2.0 document of the subscriptions, folders as outlines holding their feeds (in the order
 * folders first appear), feeds without a folder at the top level. Built by feedsmith's XML builder, which
 * escapes attribute values; characters XML 1.0 cannot carry at all are removed first.
 */
export function writeOpml(feeds: OpmlExportFeed[], options: { title?: string; now?: Date } = {}): string {
  const top: Opml.Outline<Date>[] = []
  const folders = new Map<string, Opml.Outline<Date>[]>()
  for (const feed of feeds) {
    const title = xmlText(feed.title) || feed.url
    const outline: Opml.Outline<Date> = {
      text: title,
      title,
      type: 'rss',
      xmlUrl: xmlText(feed.url),
      ...(feed.siteUrl ? { htmlUrl: xmlText(feed.siteUrl) } : {})
    }
    const folder = feed.folder ? xmlText(feed.folder) : ''
    if (!folder) {
      top.push(outline)
      continue
    }
    let children = folders.get(folder)
    if (!children) {
      children = []
      folders.set(folder, children)
      top.push({ text: folder, title: folder, outlines: children })
    }
    children.push(outline)
  }
  return generateOpml({
    head: { title: xmlText(options.title ?? 'Lectern subscriptions'), dateCreated: options.now ?? new Date() },
    body: { outlines: top }
  })
}

/** What no XML 1.0 document may contain: C0 controls but tab and newlines, U+FFFE/U+FFFF, lone surrogates. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const xmlText = (text: string) => text.replace(NOT_XML, '').trim()
