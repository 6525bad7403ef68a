import { parsePageFast } from '../extract/dom-window'
import { elementToText } from '../extract/html-to-text'

/** Plain text of stored article HTML (one line per block), for exports whose caller has no content.txt. */
export function htmlToText(html: string): string {
  const document = parsePageFast(`<!doctype html><html><body>${html}</body></html>`)
  return elementToText(document.body).trim()
}
