import { BLOCK_TAGS } from './dom-walk'

// Block elements end a line (the cleanup's blocks, plus the elements that break a line without holding one):
// textContent alone would glue "end of paragraph" to "Start of the next".
const BLOCKS: ReadonlySet<string> = new Set([...BLOCK_TAGS, 'BR', 'CAPTION', 'HR', 'SUMMARY'])
// Table cells: a row reads as one line with its cells apart ("Team<TAB>Score"), never glued together.
const CELLS = new Set(['TD', 'TH'])
// Never text: their content is code, styling or embedded documents.
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'IFRAME', 'OBJECT'])

export interface TextOptions {
  /** Elements for which this returns true contribute no text (e.g. figure captions). */
  skip?: (el: Element) => boolean
}

/** Plain text of an element, one line per block, table cells tab-separated, whitespace collapsed. */
export function elementToText(root: Node, options: TextOptions = {}): string {
  const parts: string[] = []
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      parts.push((node.nodeValue ?? '').replace(/[\t\n\r\f ]+/g, ' '))
      return
    }
    if (node.nodeType !== 1 && node.nodeType !== 11 && node.nodeType !== 9) return
    if (node.nodeType === 1) {
      const el = node as Element
      if (SKIPPED.has(el.tagName) || (el !== root && options.skip?.(el))) return
      if (CELLS.has(el.tagName)) {
        parts.push('\t')
        for (let child = node.firstChild; child; child = child.nextSibling) walk(child)
        parts.push('\t')
        return
      }
    }
    const block = node.nodeType === 1 && BLOCKS.has((node as Element).tagName)
    if (block) parts.push('\n')
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child)
    if (block) parts.push('\n')
  }
  walk(root)
  return parts
    .join('')
    .split('\n')
    .map((line) =>
      line
        .split('\t')
        .map((cell) => cell.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join('\t')
    )
    .filter(Boolean)
    .join('\n')
}
