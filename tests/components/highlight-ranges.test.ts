import { describe, expect, it } from 'vitest'
import {
  describeRange,
  drawHighlight,
  highlightIdAt,
  offsetsToPieces,
  rangeToOffsets,
  readerTextMap,
  unwrapHighlights,
  wrapHighlights
} from '../../src/renderer/src/reader/highlight-ranges'
import { buildReaderDocument } from '../../src/renderer/src/reader/build-reader-document'
import { readerAppearance } from '../../src/renderer/src/reader/reader-appearance'
import type { Highlight, HighlightColor, HighlightSelectors } from '../../src/shared/highlights'
import { DEFAULT_SETTINGS } from '../../src/shared/types'

const ARTICLE = `<article>
  <h1>Harbour notes</h1>
  <p>Boats come in <em>late</em>, after the <a href="https://example.test/tide">tide turns</a> at the bar.</p>
  <ul>
    <li>Nets are mended on the quay.</li>
    <li>Lines and <strong>hooks</strong> are sold by weight.</li>
  </ul>
  <p>The <a href="https://example.test/market">market <em>opens</em> early</a> and closes by noon.</p>
</article>`

function readerDocument(body = ARTICLE): { doc: Document; root: Element } {
  const doc = document.implementation.createHTMLDocument('reader')
  doc.body.innerHTML = body
  return { doc, root: doc.querySelector('article')! }
}

/** The text node of `root` whose data contains `needle`, and the offset of needle in it. */
function textPoint(root: Node, needle: string): [Text, number] {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node as Text).data.indexOf(needle)
    if (at >= 0) return [node as Text, at]
  }
  throw new Error(`no text node holds ${needle}`)
}

/** A DOM range from the start of `from` to the end of `to`, as a user's selection would be. */
function selectText(doc: Document, root: Node, from: string, to: string): Range {
  const range = doc.createRange()
  const [startNode, startOffset] = textPoint(root, from)
  const [endNode, endOffset] = textPoint(root, to)
  range.setStart(startNode, startOffset)
  range.setEnd(endNode, endOffset + to.length)
  return range
}

let ids = 0
function highlight(selectors: HighlightSelectors, color: HighlightColor = 'yellow'): Highlight {
  ids++
  return {
    id: `h${ids}`,
    articleId: 'a1',
    color,
    note: null,
    createdAt: '2026-03-14T10:00:00.000Z',
    updatedAt: '2026-03-14T10:00:00.000Z',
    ...selectors
  }
}

const marksOf = (root: ParentNode, id: string): HTMLElement[] =>
  Array.from(root.querySelectorAll<HTMLElement>('mark.lectern-hl')).filter((m) => m.dataset.highlightId === id)
const withoutSpace = (text: string): string => text.replace(/\s+/g, '')

describe('from a selection to offsets in the normalised text', () => {
  it('maps a selection across a paragraph, list items and links', () => {
    const { doc, root } = readerDocument()
    const map = readerTextMap(root)
    const offsets = rangeToOffsets(map, selectText(doc, root, 'tide turns', 'Lines and'))!
    expect(map.text.slice(offsets.start, offsets.end)).toBe(
      'tide turns at the bar.\nNets are mended on the quay.\nLines and'
    )
  })

  it('maps boundaries between elements (a whole paragraph, a triple click) and leaves out edge whitespace', () => {
    const { doc, root } = readerDocument()
    const map = readerTextMap(root)
    const range = doc.createRange()
    const list = root.querySelector('ul')!
    range.setStart(list, 0)
    range.setEnd(root.querySelectorAll('p')[1]!, 0)
    expect(describeRange(map, range)?.quote.exact).toBe(
      'Nets are mended on the quay.\nLines and hooks are sold by weight.'
    )
  })

  it('returns null for a collapsed selection', () => {
    const { doc, root } = readerDocument()
    const range = doc.createRange()
    const [node] = textPoint(root, 'market')
    range.setStart(node, 2)
    expect(rangeToOffsets(readerTextMap(root), range)).toBeNull()
  })

  it('gives the text-node pieces to wrap for offsets, one per node, without separators', () => {
    const { root } = readerDocument()
    const map = readerTextMap(root)
    const start = map.text.indexOf('hooks')
    const end = map.text.indexOf('market opens') + 'market opens'.length
    expect(offsetsToPieces(map, start, end).map((p) => p.node.data.slice(p.start, p.end))).toEqual([
      'hooks',
      ' are sold by weight.',
      'The ',
      'market ',
      'opens'
    ])
  })
})

describe('wrapHighlights', () => {
  it('round trip: select, describe, wrap; the marked text is the selected text', () => {
    const { doc, root } = readerDocument()
    const selection = selectText(doc, root, 'late', 'hooks')
    const selected = selection.toString()
    const h = highlight(describeRange(readerTextMap(root), selection)!, 'green')
    const [placement] = wrapHighlights(doc, root, [h])
    expect(placement).toEqual({ id: h.id, anchor: { ...h.position, method: 'position' } })
    const marks = marksOf(root, h.id)
    expect(withoutSpace(marks.map((m) => m.textContent).join(''))).toBe(withoutSpace(selected))
    expect(marks.every((m) => m.className === 'lectern-hl lectern-hl-green')).toBe(true)
    // The marks cover exactly the described range of the (unchanged) text.
    const covered = doc.createRange()
    covered.setStartBefore(marks[0]!)
    covered.setEndAfter(marks[marks.length - 1]!)
    const map = readerTextMap(root)
    expect(map.text).toBe(readerTextMap(readerDocument().root).text)
    expect(rangeToOffsets(map, covered)).toEqual(h.position)
  })

  it('splits a highlight at paragraphs, list items and links without moving any element', () => {
    const { doc, root } = readerDocument()
    const before = Array.from(root.querySelectorAll('*')).map((el) => el.tagName)
    const h = highlight(describeRange(readerTextMap(root), selectText(doc, root, 'tide', 'opens'))!)
    wrapHighlights(doc, root, [h])
    const marks = marksOf(root, h.id)
    expect(marks.length).toBeGreaterThan(5)
    // Marks only ever sit where text was: never directly inside a list or around a block.
    for (const mark of marks) {
      expect(['UL', 'OL', 'TABLE', 'TR']).not.toContain(mark.parentElement!.tagName)
      expect(mark.querySelector('p, li, ul, div')).toBeNull()
    }
    expect(Array.from(root.querySelectorAll('*:not(mark)')).map((el) => el.tagName)).toEqual(before)
    expect(root.querySelector('a')!.textContent).toBe('tide turns')
    expect(root.querySelector('a mark')?.textContent).toBe('tide turns')
  })

  it('nests overlapping highlights without corrupting the document or changing its text', () => {
    const { doc, root } = readerDocument()
    const text = root.textContent
    const map = readerTextMap(root)
    const a = highlight(describeRange(map, selectText(doc, root, 'after the', 'quay.'))!, 'yellow')
    const b = highlight(describeRange(map, selectText(doc, root, 'tide turns', 'hooks'))!, 'blue')
    const c = highlight(describeRange(map, selectText(doc, root, 'turns', 'bar'))!, 'pink')
    const placements = wrapHighlights(doc, root, [a, b, c])
    expect(placements.every((p) => p.anchor !== null)).toBe(true)
    expect(root.textContent).toBe(text)
    for (const h of [a, b, c]) {
      const marked = marksOf(root, h.id)
        .map((m) => m.textContent)
        .join('')
      expect(withoutSpace(marked)).toBe(withoutSpace(h.quote.exact))
    }
    // Where all three overlap the shortest one is innermost, so it stays visible and clickable.
    const [turns, offset] = textPoint(root, 'turns')
    expect(offset).toBe(0)
    expect(highlightIdAt(turns)).toBe(c.id)
    expect(turns.parentElement!.closest(`mark[data-highlight-id="${a.id}"]`)).not.toBeNull()
  })

  it('redraws idempotently, removes highlights cleanly, and skips the ones it cannot place', () => {
    const { doc, root } = readerDocument()
    const pristine = root.innerHTML
    const map = readerTextMap(root)
    const h = highlight(describeRange(map, selectText(doc, root, 'Nets', 'weight'))!)
    const lost = highlight({
      quote: { exact: 'a sentence that is not in this article', prefix: '', suffix: '' },
      position: { start: 0, end: 38 }
    })
    const first = wrapHighlights(doc, root, [h, lost])
    const drawn = root.innerHTML
    expect(first[1]).toEqual({ id: lost.id, anchor: null })
    expect(marksOf(root, lost.id)).toEqual([])
    wrapHighlights(doc, root, [h, lost])
    expect(root.innerHTML).toBe(drawn)
    unwrapHighlights(root, h.id)
    expect(root.innerHTML).toBe(pristine)
    wrapHighlights(doc, root, [])
    expect(root.innerHTML).toBe(pristine)
  })

  it('sets ids and colours as attribute values only: a hostile id creates no element', () => {
    const { doc, root } = readerDocument()
    const h = {
      ...highlight(describeRange(readerTextMap(root), selectText(doc, root, 'Boats', 'late'))!),
      id: '"><img src=x onerror=alert(1)>',
      color: 'red;background:url(x)' as HighlightColor
    }
    wrapHighlights(doc, root, [h])
    expect(root.querySelector('img')).toBeNull()
    expect(root.querySelector('mark')!.className).toBe('lectern-hl lectern-hl-yellow')
    expect(highlightIdAt(root.querySelector('mark')!.firstChild)).toBe(h.id)
  })

  it('works on the reader document the app builds, leaving out the print-only header', () => {
    const srcdoc = buildReaderDocument(ARTICLE, 'lectern://articles/a1/', {
      appearance: readerAppearance(DEFAULT_SETTINGS, 'light'),
      printHeader: { title: 'Boats come in late', details: 'Harbour Gazette', url: 'https://example.test/' }
    })
    const doc = new DOMParser().parseFromString(srcdoc, 'text/html')
    const root = doc.querySelector('article')!
    const map = readerTextMap(root)
    // The same text as the article alone gives (what the core computes from content.html).
    expect(map.text).toBe(readerTextMap(readerDocument().root).text)
    const paragraph = Array.from(root.querySelectorAll('p')).find((p) => p.textContent!.includes('after the tide'))!
    const h = highlight(describeRange(map, selectText(doc, paragraph, 'Boats', 'late'))!)
    wrapHighlights(doc, root, [h])
    expect(root.querySelector('.print-header mark')).toBeNull()
    expect(marksOf(root, h.id).map((m) => m.textContent)).toEqual(['Boats come in ', 'late'])
  })

  it('draws one more highlight over those already drawn, touching only the text it covers', () => {
    const { doc, root } = readerDocument()
    const text = root.textContent
    const map = readerTextMap(root)
    const first = highlight(describeRange(map, selectText(doc, root, 'Nets', 'hooks'))!, 'green')
    const second = highlight(describeRange(map, selectText(doc, root, 'quay', 'weight'))!, 'pink')
    wrapHighlights(doc, root, [first])
    const untouched = root.querySelector('p')!.innerHTML
    expect(drawHighlight(doc, root, second)).toMatchObject({ ...second.position, method: 'position' })
    expect(root.textContent).toBe(text)
    expect(root.querySelector('p')!.innerHTML).toBe(untouched)
    for (const h of [first, second]) {
      const marked = marksOf(root, h.id)
        .map((m) => m.textContent)
        .join('')
      expect(withoutSpace(marked)).toBe(withoutSpace(h.quote.exact))
    }
  })
})
