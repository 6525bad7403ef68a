import type { Collected } from './import-types'
import { scanHtml } from './html-tags'
import { LineCounter } from './line-counter'
import { cleanTitle, newItem, parseDate, splitTags, webUrl } from './import-values'

/**
 * Pocket's older ril_export.html: `<h1>Unread</h1><ul><li><a href time_added tags>Title</a>` and then the
 * same under `<h1>Read Archive</h1>`. Tags are comma-separated. Read tag by tag, so a missing close tag
 * loses nothing.
 */
export function parsePocketHtml(text: string, into: Collected): void {
  const lines = new LineCounter(text)
  let state: 'unread' | 'archived' | null = null
  let heading: string | null = null
  let link: { attrs: Record<string, string>; line: number; title: string } | null = null
  const finishLink = () => {
    if (!link) return
    const origin = `line ${link.line}`
    const url = webUrl(link.attrs.href)
    if ('reason' in url) into.skipped.push({ origin, reason: url.reason })
    else {
      const item = newItem(url.url, origin)
      item.title = cleanTitle(link.title, url.url)
      item.savedAt = parseDate(link.attrs.time_added)
      item.tags = splitTags(link.attrs.tags, ',')
      item.state = state
      into.items.push(item)
    }
    link = null
  }
  scanHtml(text, {
    open(name, attrs, offset) {
      if (name === 'h1') heading = ''
      else if (name === 'a') {
        finishLink()
        link = { attrs, line: lines.lineAt(offset), title: '' }
      } else if (name === 'li') finishLink()
    },
    text(data) {
      if (heading !== null && heading.length < 1000) heading += data
      if (link && link.title.length < 10_000) link.title += data
    },
    close(name) {
      if (name === 'h1' && heading !== null) {
        finishLink()
        state = /archive/i.test(heading) ? 'archived' : /unread/i.test(heading) ? 'unread' : state
        heading = null
      } else if (name === 'a' || name === 'ul') finishLink()
    }
  })
  finishLink()
}
