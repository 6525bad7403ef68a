import { readCsv } from './csv-records'
import { badExport, type Collected } from './import-types'
import { cleanTitle, highlight, highlights, newItem, parseDate, splitTags, webUrl } from './import-values'

/**
 * Pocket's 2025 CSV (`title,url,time_added,tags,status`, one file or part_000000.csv… in pocket.zip):
 * Unix-seconds dates, `|`-separated tags, status `unread`/`archive`. Columns are found by name.
 */
export function parsePocketCsv(text: string, where: string, into: Collected): void {
  const table = readCsv(text, where)
  if (table.columns.length && !table.columns.includes('url'))
    throw badExport(`${where} line 1`.trim(), 'no "url" column')
  const prefix = where ? `${where} ` : ''
  for (const row of table.rows) {
    const origin = `${prefix}line ${row.line}`
    const url = webUrl(row.cell('url'))
    if ('reason' in url) {
      into.skipped.push({ origin, reason: url.reason })
      continue
    }
    const item = newItem(url.url, origin)
    item.title = cleanTitle(row.cell('title'), url.url)
    item.savedAt = parseDate(row.cell('time_added'))
    item.tags = splitTags(row.cell('tags'), '|')
    const status = row.cell('status').trim().toLowerCase()
    item.state = status === 'archive' || status === 'archived' ? 'archived' : status === 'unread' ? 'unread' : null
    into.items.push(item)
  }
}

/**
 * Pocket's annotations/part_000000.json: `[{url, title, highlights: [{quote, created_at}]}]`. Highlights
 * join the item with the same address; an entry whose item is not in the CSV becomes an item of its own.
 */
export function addPocketAnnotations(json: unknown, where: string, into: Collected): void {
  if (!Array.isArray(json)) throw badExport(where, 'annotations are not a list')
  const byUrl = new Map(into.items.map((item) => [item.url, item]))
  json.forEach((entry: unknown, i) => {
    const origin = `${where} entry ${i + 1}`
    const record = (entry ?? {}) as { url?: unknown; title?: unknown; highlights?: unknown }
    const url = webUrl(record.url)
    if ('reason' in url) return void into.skipped.push({ origin, reason: url.reason })
    const list = Array.isArray(record.highlights) ? record.highlights : []
    const found = highlights(
      list.map((h: { quote?: unknown; created_at?: unknown } | null) => highlight(h?.quote, null, null, h?.created_at))
    )
    let item = byUrl.get(url.url)
    if (!item) {
      item = newItem(url.url, origin)
      item.title = cleanTitle(record.title, url.url)
      into.items.push(item)
      byUrl.set(url.url, item)
    }
    item.highlights.push(...found)
  })
}
