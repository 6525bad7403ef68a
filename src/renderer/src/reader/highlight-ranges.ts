/**
 * Highlights in the reader document: from a selection to offsets in the article's normalised text, and from
 * stored highlights to <mark> elements. All of it is done from the parent on the document the app builds
 * (the frame runs no script), on text nodes only: nothing is parsed as HTML, and ids and colours are set
 * as attribute values. The marks must be added after the display-time sanitizing pass (which removes class
 * and data-* attributes); since that pass strips data-* attributes, the article itself can never contain an
 * element that looks like one of our highlights.
 *
 * Use: wrapHighlights on the frame's document in its load handler (as revealMatch does), drawHighlight for
 * one new highlight, unwrapHighlights to take one away, highlightIdAt for a click. bench/highlights.ts
 * measures the cost of 500 highlights on a long article; nearly all of it is the frame laying itself out
 * again, not this code.
 */
import {
  anchorHighlight,
  describeSelection,
  isHighlightColor,
  normaliseText,
  offsetAt,
  prepareAnchorText,
  textPieces,
  type Anchor,
  type Highlight,
  type HighlightColor,
  type HighlightSelectors,
  type TextMap,
  type TextPiece
} from '../../../shared/highlights'

/** Content inside these elements is not part of the article's text (the header shown only on paper). */
const SKIP_CLASS = 'print-header'
export const HIGHLIGHT_CLASS = 'lectern-hl'
// Node type numbers, not the global Node: the document may belong to another window (the reader frame).
const ELEMENT_NODE = 1
const TEXT_NODE = 3
const DOCUMENT_NODE = 9

/** A range of the normalised text to draw in one colour. */
export interface HighlightMark {
  id: string
  color: HighlightColor
  start: number
  end: number
}

/** Where one highlight was drawn, or null (nothing drawn: the caller marks it orphaned). */
export interface HighlightPlacement {
  id: string
  anchor: Anchor | null
}

/** The normalised text of the reader's article root, mapped to its text nodes (see normaliseText). */
export function readerTextMap(root: Node): TextMap<Text> {
  return normaliseText<Text>(root, {
    // The name first: this runs for every element of the article, and classList is not free.
    skip: (element) =>
      element.nodeName === 'HEADER' && (element as unknown as Element).classList.contains(SKIP_CLASS) === true
  })
}

/** The normalised offset of a DOM boundary point: how many characters of the text lie before it. */
function boundaryOffset(map: TextMap<Text>, container: Node, offset: number): number | null {
  if (container.nodeType === TEXT_NODE) {
    const at = offsetAt(map, container as Text, offset)
    if (at !== null) return at
  }
  // A point between elements (or in text that is not part of the article's text): it comes after every
  // mapped text node that starts before it. Binary search in document order.
  const doc = container.ownerDocument ?? (container as Document)
  const probe = doc.createRange()
  try {
    probe.setStart(container, offset)
  } catch {
    return null
  }
  let lo = 0
  let hi = map.nodes.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    let after: boolean
    try {
      after = probe.comparePoint(map.nodes[mid]!, 0) >= 0
    } catch {
      return null
    }
    if (after) hi = mid
    else lo = mid + 1
  }
  return lo === map.nodes.length ? map.text.length : (offsetAt(map, map.nodes[lo]!, 0) ?? null)
}

/** A DOM range (e.g. the reader's selection) as [start, end) in the normalised text; null if it covers none. */
export function rangeToOffsets(map: TextMap<Text>, range: AbstractRange): { start: number; end: number } | null {
  const start = boundaryOffset(map, range.startContainer, range.startOffset)
  const end = boundaryOffset(map, range.endContainer, range.endOffset)
  if (start === null || end === null || end <= start) return null
  return { start, end }
}

/** The selectors to store for a DOM range in the reader (whitespace at its edges left out), or null. */
export function describeRange(map: TextMap<Text>, range: AbstractRange): HighlightSelectors | null {
  const offsets = rangeToOffsets(map, range)
  return offsets ? describeSelection(map.text, offsets.start, offsets.end) : null
}

/** The parts of text nodes that [start, end) of the normalised text covers (block separators left out). */
export function offsetsToPieces(map: TextMap<Text>, start: number, end: number): TextPiece<Text>[] {
  return textPieces(map, start, end)
}

/** Makes the marks of one wrapping: one template per colour, cloned (cheaper than building each one). */
function markMaker(doc: Document): (mark: HighlightMark) => HTMLElement {
  const templates = new Map<string, HTMLElement>()
  return (mark) => {
    const color = isHighlightColor(mark.color) ? mark.color : 'yellow'
    let template = templates.get(color)
    if (!template) {
      template = doc.createElement('mark')
      template.className = `${HIGHLIGHT_CLASS} ${HIGHLIGHT_CLASS}-${color}`
      templates.set(color, template)
    }
    const element = template.cloneNode(false) as HTMLElement
    element.setAttribute('data-highlight-id', String(mark.id))
    return element
  }
}

interface NodePiece {
  start: number
  end: number
  /** Rank of its highlight: a lower rank wraps outside a higher one. */
  rank: number
}

/** Puts `inner` into `mark`, where `inner` was. */
function wrapIn(mark: HTMLElement, inner: Node): HTMLElement {
  inner.parentNode!.insertBefore(mark, inner)
  mark.appendChild(inner)
  return mark
}

/**
 * Wraps each range in <mark class="lectern-hl lectern-hl-<color>" data-highlight-id> elements, one per text
 * node it covers, so it may span paragraphs, list items and links. Only text nodes are split and wrapped,
 * so overlapping ranges nest (the longer outside) and can never cut an element in two. The map must be
 * fresh: wrapping splits its text nodes.
 */
export function wrapRanges(doc: Document, map: TextMap<Text>, ranges: readonly HighlightMark[]): void {
  const ordered = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end)
  const makeMark = markMaker(doc)
  const byNode = new Map<Text, NodePiece[]>()
  ordered.forEach((range, rank) => {
    for (const piece of textPieces(map, range.start, range.end)) {
      if (piece.end <= piece.start) continue
      let list = byNode.get(piece.node)
      if (!list) byNode.set(piece.node, (list = []))
      list.push({ start: piece.start, end: piece.end, rank })
    }
  })
  for (const [node, pieces] of byNode) {
    const length = node.data.length
    if (pieces.length === 1) {
      // Most text nodes hold one highlight or none: split off what is outside it and wrap the rest.
      const { start, end, rank } = pieces[0]!
      if (end < length) node.splitText(end)
      wrapIn(makeMark(ordered[rank]!), start > 0 ? node.splitText(start) : node)
      continue
    }
    const cuts = [...new Set(pieces.flatMap((p) => [p.start, p.end]))]
      .filter((cut) => cut > 0 && cut < length)
      .sort((a, b) => a - b)
    // Split left to right: each split leaves [base, cut) in `rest` and continues with the remainder.
    const fragments: { node: Text; start: number; end: number }[] = []
    let rest = node
    let base = 0
    for (const cut of cuts) {
      const tail = rest.splitText(cut - base)
      fragments.push({ node: rest, start: base, end: cut })
      rest = tail
      base = cut
    }
    fragments.push({ node: rest, start: base, end: length })
    for (const fragment of fragments) {
      if (fragment.end <= fragment.start) continue
      const covering = pieces
        .filter((p) => p.start <= fragment.start && p.end >= fragment.end)
        .sort((a, b) => b.rank - a.rank)
      let inner: Node = fragment.node
      for (const piece of covering) inner = wrapIn(makeMark(ordered[piece.rank]!), inner)
    }
  }
}

/** Removes highlight marks under `root` (all, or those of one highlight), leaving their text where it was. */
export function unwrapHighlights(root: ParentNode, id?: string): void {
  const parents = new Set<Node>()
  for (const mark of Array.from(root.querySelectorAll<HTMLElement>(`mark.${HIGHLIGHT_CLASS}[data-highlight-id]`))) {
    if (id !== undefined && mark.getAttribute('data-highlight-id') !== id) continue
    const parent = mark.parentNode
    if (!parent) continue
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark)
    parent.removeChild(mark)
    parents.add(parent)
  }
  // Rejoin the text nodes that wrapping split, so the next wrap sees the document as it was built.
  for (const parent of parents) parent.normalize()
}

/**
 * Draws exactly these highlights in the reader document under `root`: any drawn before are removed, each
 * highlight is anchored in the article's normalised text (see anchorHighlight) and wrapped. Returns where
 * each one was placed; null means it could not be (show it as orphaned; it is never dropped).
 */
export function wrapHighlights(doc: Document, root: Node, highlights: readonly Highlight[]): HighlightPlacement[] {
  if (root.nodeType === ELEMENT_NODE || root.nodeType === DOCUMENT_NODE) {
    unwrapHighlights(root as unknown as ParentNode)
  }
  const map = readerTextMap(root)
  const text = prepareAnchorText(map.text)
  const placements = highlights.map((highlight) => ({ id: highlight.id, anchor: anchorHighlight(highlight, text) }))
  const marks: HighlightMark[] = []
  placements.forEach(({ anchor }, i) => {
    if (anchor) marks.push({ id: highlights[i]!.id, color: highlights[i]!.color, start: anchor.start, end: anchor.end })
  })
  wrapRanges(doc, map, marks)
  return placements
}

/**
 * Draws one more highlight in a document that may already show others (after the user makes one): only
 * the text it covers is touched, so the reader keeps its layout and place. Returns where it was placed.
 */
export function drawHighlight(doc: Document, root: Node, highlight: Highlight): Anchor | null {
  const map = readerTextMap(root)
  const anchor = anchorHighlight(highlight, map.text)
  if (anchor) wrapRanges(doc, map, [{ id: highlight.id, color: highlight.color, start: anchor.start, end: anchor.end }])
  return anchor
}

/** The id of the (innermost) highlight at a node, e.g. a click's target; null when it is in none. */
export function highlightIdAt(node: Node | null): string | null {
  const element = node && node.nodeType === ELEMENT_NODE ? (node as Element) : (node?.parentElement ?? null)
  return element?.closest(`mark.${HIGHLIGHT_CLASS}[data-highlight-id]`)?.getAttribute('data-highlight-id') ?? null
}
