/**
 * Opening an article from the search results: find the first place the search matched in the reader
 * document, mark it, and say where to scroll. The frame runs no script (its sandbox has no allow-scripts);
 * all of this is done from the parent over same-origin access, on text nodes only (no HTML is parsed).
 */

const SKIP = 'script, style, noscript, template, .print-header'
const WORD_CHAR = /[\p{L}\p{N}]/u
/** Scripts written without spaces between words: a match may start anywhere. */
const UNSPACED = /[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/

/** Lowercased, accents removed, per character, with where each folded unit came from in the original. */
interface Folded {
  text: string
  /** Original start / end offsets of the character each folded code unit belongs to. */
  starts: number[]
  ends: number[]
}

function foldChar(ch: string): string {
  return ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

function fold(text: string): Folded {
  let folded = ''
  const starts: number[] = []
  const ends: number[] = []
  let index = 0
  for (const ch of text) {
    const f = foldChar(ch)
    folded += f
    for (let i = 0; i < f.length; i++) {
      starts.push(index)
      ends.push(index + ch.length)
    }
    index += ch.length
  }
  return { text: folded, starts, ends }
}

export function foldTerm(term: string): string {
  return [...term.trim().replace(/\s+/g, ' ')].map(foldChar).join('')
}

function textNodes(doc: Document): Text[] {
  const root = doc.body
  if (!root) return []
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
  const nodes: Text[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text
    if (text.data.trim() === '') continue
    if (text.parentElement?.closest(SKIP)) continue
    nodes.push(text)
  }
  return nodes
}

/** Where `needle` (folded) occurs in one node; with `wholeWord`, only where a word starts and ends. */
function findIn(folded: Folded, needle: string, wholeWord: boolean): [number, number] | null {
  for (let at = folded.text.indexOf(needle); at >= 0; at = folded.text.indexOf(needle, at + 1)) {
    const before = folded.text[at - 1]
    const after = folded.text[at + needle.length]
    if (wholeWord && ((before && WORD_CHAR.test(before)) || (after && WORD_CHAR.test(after)))) continue
    return [folded.starts[at]!, folded.ends[at + needle.length - 1]!]
  }
  return null
}

/**
 * The first occurrence of the first term that occurs at all (terms are in order of preference): as a
 * whole word if it occurs as one, else anywhere (a word still being typed, a word inside a longer one).
 * Case- and accent-insensitive. Null when no term is in the text.
 */
export function findMatch(doc: Document, terms: readonly string[]): Range | null {
  const nodes = textNodes(doc)
  const folded = new Map<Text, Folded>()
  const foldedOf = (node: Text): Folded => {
    let f = folded.get(node)
    if (!f) folded.set(node, (f = fold(node.data)))
    return f
  }
  for (const term of terms) {
    const needle = foldTerm(term)
    if (needle === '') continue
    const passes = UNSPACED.test(needle) ? [false] : [true, false]
    for (const wholeWord of passes) {
      for (const node of nodes) {
        const found = findIn(foldedOf(node), needle, wholeWord)
        if (!found) continue
        const range = doc.createRange()
        range.setStart(node, found[0])
        range.setEnd(node, found[1])
        return range
      }
    }
  }
  return null
}

export interface RevealedMatch {
  /** The <mark> wrapped around the match. */
  element: HTMLElement
  /** Where to scroll so the match sits a third of the way down the viewport (recomputed as layout changes). */
  top(): number
  /** Takes the highlight away again (the mark stays, unstyled, so the text does not move). */
  fade(): void
}

const MARK_STYLE =
  'background-color: #ffd54a; color: #1f2328; border-radius: 2px; box-shadow: 0 0 0 2px #ffd54a; transition: background-color 1.2s ease, box-shadow 1.2s ease, color 1.2s ease;'

/** Finds the first match, wraps it in a highlighted <mark>, and tells where to scroll to show it. */
export function revealMatch(doc: Document, terms: readonly string[]): RevealedMatch | null {
  const range = findMatch(doc, terms)
  if (!range) return null
  const mark = doc.createElement('mark')
  mark.className = 'lectern-search-match'
  mark.dataset.searchMatch = ''
  mark.setAttribute('style', MARK_STYLE)
  range.surroundContents(mark)
  const win = doc.defaultView
  return {
    element: mark,
    top() {
      if (!win) return 0
      const viewportHeight = doc.documentElement.clientHeight || win.innerHeight || 0
      return Math.max(0, Math.round(mark.getBoundingClientRect().top + win.scrollY - viewportHeight / 3))
    },
    fade() {
      if (!mark.isConnected) return
      mark.style.backgroundColor = 'transparent'
      mark.style.boxShadow = '0 0 0 2px transparent'
      mark.style.color = 'inherit'
    }
  }
}
