import type { Collected } from './import-types'
import { scanHtml } from './html-tags'
import { LineCounter } from './line-counter'
import { cleanTags, cleanTitle, folderTag, newItem, parseDate, splitTags, webUrl } from './import-values'

// Folders a browser makes itself: their names ("Bookmarks bar", "Other Bookmarks") say nothing about the
// links in them, so they do not become part of a tag.
const BROWSER_ROOTS = ['personal_toolbar_folder', 'unfiled_bookmarks_folder']
// Browsers nest folders a few levels; deeper ones still import, under their first 20 folder names.
const MAX_FOLDER_DEPTH = 20

interface OpenLink {
  attrs: Record<string, string>
  line: number
  title: string
}

/**
 * A Netscape bookmark file (every browser's export; Pocket, Raindrop and Karakeep write it too). It is HTML
 * with unclosed <DT> and <p>, so it is read tag by tag, never as a tree: a folder is an <H3> and the <DL>
 * after it. A link's tags are its TAGS attribute plus its folder path ("Tech/AI") as one tag; ADD_DATE is
 * the saved date.
 */
export function parseBookmarks(text: string, into: Collected): void {
  const lines = new LineCounter(text)
  // Per open <DL>: whether it added a name to `path` (the browser's own folders and the root do not).
  const opened: boolean[] = []
  const path: string[] = []
  let folderName: { text: string; root: boolean } | null = null
  let pendingFolder: string | null = null
  let link: OpenLink | null = null
  const finishLink = () => {
    if (link) addLink(link, path, into)
    link = null
  }
  scanHtml(text, {
    open(name, attrs, offset) {
      if (name === 'a') {
        finishLink()
        pendingFolder = null
        link = { attrs, line: lines.lineAt(offset), title: '' }
      } else if (name === 'h3') {
        finishLink()
        folderName = { text: '', root: BROWSER_ROOTS.some((a) => Object.hasOwn(attrs, a)) }
      } else if (name === 'dl') {
        finishLink()
        opened.push(pendingFolder !== null)
        if (pendingFolder !== null) path.push(pendingFolder)
        pendingFolder = null
      } else if (name === 'dt') finishLink()
    },
    text(data) {
      if (folderName && folderName.text.length < 1000) folderName.text += data
      if (link && link.title.length < 10_000) link.title += data
    },
    close(name) {
      if (name === 'a') finishLink()
      else if (name === 'h3' && folderName) {
        pendingFolder = folderName.root ? null : folderName.text.trim() || null
        folderName = null
      } else if (name === 'dl') {
        finishLink()
        if (opened.pop()) path.pop()
      }
    }
  })
  finishLink()
}

function addLink(link: OpenLink, path: readonly string[], into: Collected): void {
  const origin = `line ${link.line}`
  const url = webUrl(link.attrs.href)
  if ('reason' in url) return void into.skipped.push({ origin, reason: url.reason })
  const item = newItem(url.url, origin)
  item.title = cleanTitle(link.title, url.url)
  item.savedAt = parseDate(link.attrs.add_date)
  const folder = folderTag(path.slice(0, MAX_FOLDER_DEPTH))
  item.tags = cleanTags([...splitTags(link.attrs.tags, ','), ...(folder ? [folder] : [])])
  into.items.push(item)
}
