import { IMPORT_CAPS, type Collected } from './import-types'
import { cleanTags, cleanTitle, highlight, highlights, newItem, parseDate, parseFlag, webUrl } from './import-values'

interface WallabagEntry {
  url?: unknown
  given_url?: unknown
  origin_url?: unknown
  title?: unknown
  content?: unknown
  is_archived?: unknown
  is_starred?: unknown
  tags?: unknown
  created_at?: unknown
  annotations?: unknown
}

/**
 * Wallabag's JSON export: an array of entries with HTML `content`, `is_archived`/`is_starred` (0/1 or
 * booleans), `tags` (names, or `{label}` objects as its API writes them), `created_at`, and `annotations`
 * (`{quote, text, created_at}`, the note in `text`).
 */
export function parseWallabag(json: readonly unknown[], into: Collected): void {
  json.forEach((value, i) => {
    const origin = `entry ${i + 1}`
    const entry = (value && typeof value === 'object' ? value : {}) as WallabagEntry
    let url = webUrl(entry.url)
    if ('reason' in url) url = webUrl(entry.given_url ?? entry.origin_url)
    if ('reason' in url) return void into.skipped.push({ origin, reason: url.reason })
    const item = newItem(url.url, origin)
    item.title = cleanTitle(entry.title, url.url)
    item.savedAt = parseDate(entry.created_at)
    item.state =
      parseFlag(entry.is_archived) === true ? 'archived' : parseFlag(entry.is_archived) === false ? 'unread' : null
    item.favorite = parseFlag(entry.is_starred)
    const tags = Array.isArray(entry.tags) ? entry.tags : []
    item.tags = cleanTags(tags.map((t: unknown) => (t && typeof t === 'object' ? (t as { label?: unknown }).label : t)))
    if (
      typeof entry.content === 'string' &&
      entry.content.trim() &&
      entry.content.length <= IMPORT_CAPS.maxContentBytes
    ) {
      item.content = { html: entry.content }
    }
    const annotations = Array.isArray(entry.annotations) ? entry.annotations : []
    item.highlights = highlights(
      annotations.map((a: { quote?: unknown; text?: unknown; created_at?: unknown } | null) =>
        highlight(a?.quote, a?.text, null, a?.created_at)
      )
    )
    into.items.push(item)
  })
}
