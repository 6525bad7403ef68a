// Block elements end a line: textContent alone would glue "end of paragraph" to "Start of the next".
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TD', 'TH', 'TR', 'UL'
])

/** Plain text of an element, one line per block, whitespace inside lines collapsed. */
export function elementToText(root: Node): string {
  const parts: string[] = []
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? '')
      return
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return
    const block = node.nodeType === 1 && BLOCKS.has((node as Element).tagName)
    if (block) parts.push('\n')
    // TD/TH are blocks for line purposes but a row reads better tab-separated; newline is simpler and safe.
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child)
    if (block) parts.push('\n')
  }
  walk(root)
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
}
