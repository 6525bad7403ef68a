import { readCsv } from './csv-records'
import { badExport, type ImportedHighlight, type Collected } from './import-types'
import {
  cleanTags,
  cleanTitle,
  folderTag,
  highlight,
  highlights,
  newItem,
  parseDate,
  parseFlag,
  splitTags,
  webUrl
} from './import-values'

/**
 * Raindrop.io's CSV: `id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite`, cells
 * spanning lines. The folder path ("Tech/AI") becomes a tag, except Raindrop's own "Unsorted"; tags are
 * comma-separated; the bookmark's note is kept as a note on the whole article.
 */
export function parseRaindrop(text: string, into: Collected): void {
  const table = readCsv(text)
  if (table.columns.length && !table.columns.includes('url')) throw badExport('line 1', 'no "url" column')
  for (const row of table.rows) {
    const origin = `line ${row.line}`
    const url = webUrl(row.cell('url'))
    if ('reason' in url) {
      into.skipped.push({ origin, reason: url.reason })
      continue
    }
    const item = newItem(url.url, origin)
    item.title = cleanTitle(row.cell('title'), url.url)
    item.savedAt = parseDate(row.cell('created'))
    const folder = row.cell('folder').trim()
    const tag = folder.toLowerCase() === 'unsorted' ? null : folderTag(folder)
    item.tags = cleanTags([...splitTags(row.cell('tags'), ','), ...(tag ? [tag] : [])])
    item.favorite = parseFlag(row.cell('favorite'))
    item.highlights = highlights([...raindropHighlights(row.cell('highlights')), highlight('', row.cell('note'))])
    into.items.push(item)
  }
}

/**
 * The highlights cell: blocks separated by blank lines, each `Highlight: text` (lines until the next label
 * belong to it) with an optional `Note: text`. A block without those labels is taken whole as a quote.
 */
export function raindropHighlights(cell: string): (ImportedHighlight | null)[] {
  const found: (ImportedHighlight | null)[] = []
  let quote: string[] | null = null
  let note: string[] | null = null
  let plain: string[] = []
  const flush = () => {
    if (quote || note) found.push(highlight((quote ?? []).join('\n'), note?.join('\n') ?? null))
    else if (plain.length) found.push(highlight(plain.join('\n'), null))
    quote = note = null
    plain = []
  }
  for (const line of cell.split(/\r?\n/)) {
    const label = /^\s*(highlight|note)\s*:\s?/i.exec(line)
    if (!line.trim()) flush()
    else if (label?.[1]?.toLowerCase() === 'highlight') {
      flush()
      quote = [line.slice(label[0].length)]
    } else if (label) {
      note = [line.slice(label[0].length)]
    } else (note ?? quote ?? plain).push(line)
  }
  flush()
  return found
}
