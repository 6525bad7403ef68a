import { jsonNestsDeeperThan } from './decode-export'
import { readCsv } from './csv-records'
import { badExport, type Collected } from './import-types'
import { cleanTags, cleanTitle, newItem, parseDate, webUrl } from './import-values'

/**
 * Instapaper's CSV: `URL,Title,Selection,Folder,Timestamp[,Tags]`. Folder is Unread, Archive, Starred or a
 * folder of the user's (which becomes a tag); Tags, in newer exports, is a JSON array of names.
 */
export function parseInstapaper(text: string, into: Collected): void {
  const table = readCsv(text)
  if (table.columns.length && !table.columns.includes('url')) throw badExport('line 1', 'no "URL" column')
  for (const row of table.rows) {
    const origin = `line ${row.line}`
    const url = webUrl(row.cell('url'))
    if ('reason' in url) {
      into.skipped.push({ origin, reason: url.reason })
      continue
    }
    const item = newItem(url.url, origin)
    item.title = cleanTitle(row.cell('title'), url.url)
    item.savedAt = parseDate(row.cell('timestamp'))
    const folder = row.cell('folder').trim()
    const tags = jsonTags(row.cell('tags'))
    const lower = folder.toLowerCase()
    if (lower === 'archive') item.state = 'archived'
    else if (lower === 'unread') item.state = 'unread'
    else if (lower === 'starred') item.favorite = true
    else if (folder) tags.push(folder)
    item.tags = cleanTags(tags)
    into.items.push(item)
  }
}

/** A JSON array of tag names (`["a","b"]`); anything else gives no tags. */
function jsonTags(cell: string): string[] {
  const text = cell.trim()
  if (!text.startsWith('[') || jsonNestsDeeperThan(text, 2)) return []
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []
  } catch {
    return []
  }
}
