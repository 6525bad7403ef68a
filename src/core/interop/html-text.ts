import { parsePageFast } from '../extract/dom-window'
import { elementToText } from '../extract/html-to-text'
import { escapeXml } from './article-dom'
import { scanHtml } from './html-tags'

/**
 * Deepest element nesting the exporters hand to DOM tools. Real articles nest a few dozen levels; the tree
 * walkers used for export (turndown, the XML serializer, text extraction) recurse, and a page nested
 * thousands deep would overflow the stack or take minutes. Deeper content is exported as its text.
 */
export const MAX_EXPORT_DEPTH = 256

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr'
])

/** True when the HTML nests elements deeper than `max` (one linear pass over its tags). */
export function nestsDeeperThan(html: string, max: number): boolean {
  let depth = 0
  let deepest = 0
  scanHtml(html, {
    open(name) {
      if (!VOID.has(name)) deepest = Math.max(deepest, ++depth)
    },
    close(name) {
      if (!VOID.has(name) && depth > 0) depth--
    },
    text() {}
  })
  return deepest > max
}

/** The HTML itself, or for a page nested too deep for the exporters, its text as paragraphs. */
export function exportableHtml(html: string): string {
  if (!nestsDeeperThan(html, MAX_EXPORT_DEPTH)) return html
  return flatText(html)
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => `<p>${escapeXml(line)}</p>`)
    .join('\n')
}

/** Plain text of stored article HTML (one line per block), for exports whose caller has no content.txt. */
export function htmlToText(html: string): string {
  if (nestsDeeperThan(html, MAX_EXPORT_DEPTH)) return flatText(html)
  const document = parsePageFast(`<!doctype html><html><body>${html}</body></html>`)
  return elementToText(document.body).trim()
}

const BLOCK =
  /^(?:address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|h[1-6]|hr|li|ol|p|pre|section|table|tr|ul)$/

// Text by tags in order, a line break at each block: no tree, so no depth to overflow.
function flatText(html: string): string {
  const parts: string[] = []
  scanHtml(html, {
    open(name) {
      if (BLOCK.test(name)) parts.push('\n')
    },
    close(name) {
      if (BLOCK.test(name)) parts.push('\n')
    },
    text(text) {
      parts.push(text.replace(/\s+/g, ' '))
    }
  })
  return parts
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n')
}
