import { IMPORT_CAPS, type Collected } from './import-types'
import { cleanTitle, newItem, webUrl } from './import-values'

/**
 * A text file of addresses, one a line. Blank lines and `#` comments are passed over; OneTab's
 * `address | title` lines keep their title. A line that is not an address is reported and skipped.
 */
export function parseUrlList(text: string, into: Collected): void {
  let line = 0
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    line++
    // A huge line is judged by its length alone, never copied or trimmed.
    if (end - start > IMPORT_CAPS.maxUrlLength + 1000) {
      into.skipped.push({ origin: `line ${line}`, reason: `longer than ${IMPORT_CAPS.maxUrlLength} characters` })
    } else addLine(text.slice(start, end).trim(), `line ${line}`, into)
    start = end + 1
  }
}

function addLine(text: string, origin: string, into: Collected): void {
  if (!text || text.startsWith('#')) return
  const bar = text.indexOf(' | ')
  const address = bar === -1 ? text : text.slice(0, bar)
  const url = webUrl(address)
  if ('reason' in url) return void into.skipped.push({ origin, reason: url.reason })
  const item = newItem(url.url, origin)
  if (bar !== -1) item.title = cleanTitle(text.slice(bar + 3), url.url)
  into.items.push(item)
}
