import { readCsv } from './csv-records'
import { badExport, type Collected } from './import-types'
import { cleanTags, cleanTitle, newItem, parseDate, parseProgress, webUrl } from './import-values'

/**
 * Readwise Reader's CSV: `Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen`. Tags are
 * a Python list literal (`['a', "it's"]`). Location `feed` rows are items Reader pulled from a
 * subscription, not pages the user saved, so they are skipped; `archive` is archived, `shortlist` (Reader's
 * star) a favorite, `new`/`later` unread.
 */
export function parseReadwise(text: string, into: Collected): void {
  const table = readCsv(text)
  if (table.columns.length && !table.columns.includes('url')) throw badExport('line 1', 'no "URL" column')
  for (const row of table.rows) {
    const origin = `line ${row.line}`
    const location = row.cell('location').trim().toLowerCase()
    if (location === 'feed') {
      into.skipped.push({ origin, reason: 'a feed item Reader fetched, not a page you saved' })
      continue
    }
    const url = webUrl(row.cell('url'))
    if ('reason' in url) {
      into.skipped.push({ origin, reason: url.reason })
      continue
    }
    const item = newItem(url.url, origin)
    item.title = cleanTitle(row.cell('title'), url.url)
    item.savedAt = parseDate(row.cell('saved date'))
    item.tags = cleanTags(pythonStringList(row.cell('document tags')))
    item.progress = parseProgress(row.cell('reading progress'))
    item.state = location === 'archive' ? 'archived' : location ? 'unread' : null
    if (location === 'shortlist') item.favorite = true
    into.items.push(item)
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' }

/**
 * The strings of a Python list literal of strings (`['a', "b's", 'c\\'d']`), as Python's repr() writes
 * them. Anything that is not a quoted string is passed over; a malformed cell gives what it could read.
 */
export function pythonStringList(text: string): string[] {
  const out: string[] = []
  let i = text.indexOf('[') + 1
  if (i === 0) return out
  while (i < text.length) {
    const quote = text[i]
    if (quote !== "'" && quote !== '"') {
      if (quote === ']') break
      i++
      continue
    }
    let value = ''
    i++
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\' && i + 1 < text.length) {
        const next = text[i + 1] as string
        value += ESCAPES[next] ?? `\\${next}`
        i += 2
      } else value += text[i++]
    }
    out.push(value)
    i++
  }
  return out
}
