/**
 * The article's "normalised text": the one text that highlight offsets and quotes refer to. It is defined over
 * a minimal node interface so the same code gives the same text on the browser's DOM (the reader) and on
 * linkedom or jsdom (the core), and it keeps a map back to (text node, offset) so ranges can be rebuilt.
 *
 * Definition: the text nodes under the root in document order (nothing inside SKIPPED elements); every run of
 * whitespace collapsed to one space, also across node boundaries; a block boundary (a paragraph, list item,
 * table cell, <br>, ...) between two pieces of text becomes one "\n" instead, so a quote spanning paragraphs
 * reads naturally; no whitespace at the start or the end. The text therefore never holds two whitespace
 * characters in a row, and "\n" only ever stands for a block boundary.
 */

/** The little of a DOM node this needs: the browser's Node, jsdom's and linkedom's all fit. */
export interface TextTreeNode {
  readonly nodeType: number
  readonly nodeName: string
  readonly nodeValue: string | null
  readonly firstChild: TextTreeNode | null
  readonly nextSibling: TextTreeNode | null
}

export interface NormaliseOptions {
  /** Elements for which this returns true contribute no text (e.g. the reader's print-only header). */
  skip?: (element: TextTreeNode) => boolean
}

/**
 * A normalised text and where each of its characters came from. Internally a list of segments: runs of
 * characters copied one to one from consecutive offsets of one text node, a collapsed space (mapped to the
 * first whitespace character of its run), or a block separator "\n" (which has no source; it is placed just
 * before the character that follows it).
 */
export interface TextMap<N> {
  readonly text: string
  /** The text nodes that contributed characters, in document order. */
  readonly nodes: readonly N[]
  /** Index in `nodes` of each contributing node. */
  readonly nodeIndex: ReadonlyMap<N, number>
  /** Per segment: its first offset in `text`; one extra entry holds text.length. */
  readonly segStart: Int32Array
  /** Per segment: the index in `nodes` and the offset in that node of its first character. */
  readonly segNode: Int32Array
  readonly segOffset: Int32Array
}

/** A DOM boundary point: a text node and an offset in its data. */
export interface TextPoint<N> {
  node: N
  offset: number
}

/** A part of one text node, [start, end) in its data: what wrapping a range in <mark> elements wraps. */
export interface TextPiece<N> {
  node: N
  start: number
  end: number
}

// Elements whose start and end are block boundaries. Table cells are included: a row reads "a\nb", never "ab".
const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'BR',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'HTML',
  'LEGEND',
  'LI',
  'MAIN',
  'MENU',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL'
])
// Never text: code, styling, embedded documents, the <head>.
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'HEAD'])
// nodeName is upper case for HTML elements in an HTML document, lower case in XML and for SVG and MathML:
// both spellings are looked up, so no name is case-converted (this runs once per element of long articles).
for (const set of [BLOCKS, SKIPPED]) for (const name of [...set]) set.add(name.toLowerCase())

const TEXT_NODE = 3
const ELEMENT_NODE = 1

/** Whether a UTF-16 code unit is whitespace as JavaScript's \s defines it (so NBSP and U+3000 collapse too). */
export function isSpaceCode(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13)
  if (code < 0xa0) return false
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

const BLOCK_END = Symbol('block end')

/**
 * Builds the normalised text of everything under `root`, with its map back to text nodes. Linear time.
 * `T` is the caller's type for text nodes (`Text` on a DOM); the map holds the text nodes found under `root`.
 */
export function normaliseText<T extends TextTreeNode = TextTreeNode>(
  root: TextTreeNode,
  options: NormaliseOptions = {}
): TextMap<T> {
  const { skip } = options
  const chunks: string[] = []
  let length = 0
  const nodes: T[] = []
  const nodeIndex = new Map<T, number>()
  const segStart: number[] = []
  const segNode: number[] = []
  const segOffset: number[] = []

  // Pending separator between the text emitted so far and the next non-space character.
  let pendingSpaceNode = -1
  let pendingSpaceOffset = 0
  let pendingBreak = false

  const indexOf = (node: T): number => {
    let index = nodeIndex.get(node)
    if (index === undefined) {
      index = nodes.length
      nodes.push(node)
      nodeIndex.set(node, index)
    }
    return index
  }

  const emit = (chars: string, node: number, offset: number): void => {
    const last = segStart.length - 1
    // Characters that continue the previous segment's run one to one extend it instead of starting a new one.
    const contiguous =
      last >= 0 && segNode[last] === node && segOffset[last]! + (length - segStart[last]!) === offset && chars !== '\n'
    if (!contiguous) {
      segStart.push(length)
      segNode.push(node)
      segOffset.push(offset)
    }
    chunks.push(chars)
    length += chars.length
  }

  const visitText = (node: T): void => {
    const value = node.nodeValue ?? ''
    let index = -1
    let i = 0
    while (i < value.length) {
      if (isSpaceCode(value.charCodeAt(i))) {
        if (length > 0 && pendingSpaceNode < 0) {
          if (index < 0) index = indexOf(node)
          pendingSpaceNode = index
          pendingSpaceOffset = i
        }
        i++
        continue
      }
      let j = i + 1
      while (j < value.length && !isSpaceCode(value.charCodeAt(j))) j++
      if (index < 0) index = indexOf(node)
      if (length > 0) {
        if (pendingBreak) emit('\n', index, i)
        else if (pendingSpaceNode >= 0) emit(' ', pendingSpaceNode, pendingSpaceOffset)
      }
      pendingBreak = false
      pendingSpaceNode = -1
      emit(value.slice(i, j), index, i)
      i = j
    }
  }

  // Iterative walk (a hostile page can nest deeper than the call stack): a node's next sibling is pushed
  // before its children, and a block's end marker between them, so they come off the stack in document order.
  const stack: (TextTreeNode | typeof BLOCK_END)[] = [root]
  while (stack.length > 0) {
    const item = stack.pop()!
    if (item === BLOCK_END) {
      if (length > 0) pendingBreak = true
      continue
    }
    if (item !== root && item.nextSibling) stack.push(item.nextSibling)
    if (item.nodeType === TEXT_NODE) {
      visitText(item as T)
      continue
    }
    if (item.nodeType === ELEMENT_NODE) {
      const name = item.nodeName
      if (SKIPPED.has(name) || (skip && item !== root && skip(item))) continue
      if (BLOCKS.has(name)) {
        if (length > 0) pendingBreak = true
        stack.push(BLOCK_END)
      }
    }
    if (item.firstChild) stack.push(item.firstChild)
  }

  segStart.push(length)
  return {
    text: chunks.join(''),
    nodes,
    nodeIndex,
    segStart: Int32Array.from(segStart),
    segNode: Int32Array.from(segNode),
    segOffset: Int32Array.from(segOffset)
  }
}

/** The segment holding normalised offset `offset` (0 <= offset < text.length). */
function segmentAt(map: TextMap<unknown>, offset: number): number {
  let lo = 0
  let hi = map.segStart.length - 2
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (map.segStart[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * The DOM point where normalised character `offset` starts (offset == text.length: just after the last
 * character). A block separator's point is the start of the text after it. Null when out of range.
 */
export function pointAt<N>(map: TextMap<N>, offset: number): TextPoint<N> | null {
  const { text } = map
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length || text.length === 0) return null
  if (offset === text.length) {
    const seg = segmentAt(map, offset - 1)
    const node = map.nodes[map.segNode[seg]!]!
    return { node, offset: map.segOffset[seg]! + (offset - map.segStart[seg]!) }
  }
  const seg = segmentAt(map, offset)
  return { node: map.nodes[map.segNode[seg]!]!, offset: map.segOffset[seg]! + (offset - map.segStart[seg]!) }
}

/**
 * The normalised offset of a DOM point inside one of the map's text nodes: how many normalised characters
 * come before it. Null when the node did not contribute to the text.
 */
export function offsetAt<N>(map: TextMap<N>, node: N, nodeOffset: number): number | null {
  const index = map.nodeIndex.get(node)
  if (index === undefined) return null
  const count = map.segStart.length - 1
  // The last segment whose source point is at or before (index, nodeOffset).
  let lo = 0
  let hi = count - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const n = map.segNode[mid]!
    if (n < index || (n === index && map.segOffset[mid]! <= nodeOffset)) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  if (found < 0) return 0
  const start = map.segStart[found]!
  const size = map.segStart[found + 1]! - start
  if (map.segNode[found] !== index) return start + size
  return start + Math.max(0, Math.min(size, nodeOffset - map.segOffset[found]!))
}

/**
 * The parts of text nodes that normalised range [start, end) covers, in document order, one per node.
 * Block separators are never part of a piece (wrapping them could put an element where HTML allows none,
 * e.g. between list items); a collapsed space is, so a highlight over "a <b>b</b>" stays continuous.
 */
export function textPieces<N>(map: TextMap<N>, start: number, end: number): TextPiece<N>[] {
  const length = map.text.length
  const from = Math.max(0, Math.min(start, length))
  const to = Math.max(from, Math.min(end, length))
  const pieces: TextPiece<N>[] = []
  if (from === to || !Number.isFinite(from) || !Number.isFinite(to)) return pieces
  let lastNode = -1
  for (let seg = segmentAt(map, from); seg < map.segStart.length - 1; seg++) {
    const segFrom = map.segStart[seg]!
    if (segFrom >= to) break
    const segTo = map.segStart[seg + 1]!
    if (segTo - segFrom === 1 && map.text.charCodeAt(segFrom) === 10) continue
    const a = Math.max(from, segFrom)
    const b = Math.min(to, segTo)
    const nodeIndex = map.segNode[seg]!
    const nodeStart = map.segOffset[seg]! + (a - segFrom)
    const nodeEnd = map.segOffset[seg]! + (b - segFrom)
    // Pieces of one node merge, so the whitespace a collapsed space stands for is covered too.
    if (nodeIndex === lastNode) pieces[pieces.length - 1]!.end = nodeEnd
    else pieces.push({ node: map.nodes[nodeIndex]!, start: nodeStart, end: nodeEnd })
    lastNode = nodeIndex
  }
  return pieces
}
