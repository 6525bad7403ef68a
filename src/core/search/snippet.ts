import type { TextRange } from '../../shared/types'
import type { Highlighter } from './query-terms'
import { hasCjk, isCjkTerm, tokenize, type Token } from './tokenize'
import { wordCharAt, wordCharBefore } from './word-chars'

/**
 * Highlights and snippets. The renderer gets plain text plus [start, end) ranges, never markup, so it
 * can render the marks itself without parsing HTML from the core.
 */
export interface Snippet {
  text: string
  highlights: TextRange[]
}

const SNIPPET_LENGTH = 220
const SPACE = /\s/
const LEAD = 70
/**
 * Letters that folding changes beyond lowercasing: Latin with diacritics, ligatures, full-width Latin
 * letters and digits, half-width katakana. Not full-width punctuation (，。：), which Chinese and Japanese
 * text is full of and no query word contains: counting it sent nearly every CJK snippet without a body
 * match through the slow tokenizing scan (~1-2 ms each).
 */
const FOLDABLE =
  /[\u00c0-\u02af\u0370-\u03ff\u1e00-\u1fff\ufb00-\ufb06\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uff9f]/
const FALLBACK_SCAN = 20_000

/** Does a word of the text match the query (exactly, as a completion, or containing a CJK query word)? */
export function matchesTerm(highlight: Highlighter, token: Token): boolean {
  if (highlight.exact.has(token.term)) return true
  for (const prefix of highlight.prefixes) if (token.term.startsWith(prefix)) return true
  if (isCjkTerm(token.term))
    for (const term of highlight.exact) if (isCjkTerm(term) && token.term.includes(term)) return true
  return false
}

/**
 * Characters whose folded form (fold-text.ts) is their lowercase form, of the same length, or that are
 * never part of a word: printable ASCII and whitespace, Latin-1 and general punctuation, CJK symbols,
 * kana, CJK ideographs and hangul syllables. A test checks each of them against foldText.
 */
export const FOLDS_AS_LOWERCASE =
  /^[\t\n\r\u0020-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u2000-\u206f\u3000-\u3037\u303b-\u3098\u309d\u309e\u30a0-\u30fe\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]*$/

/**
 * Ranges of the matching words of a short text (a title, a snippet), in order. Text whose folding is
 * lowercasing (nearly all English, Chinese and Japanese) is searched for the query words; any other is
 * tokenized. Tokenizing was about a quarter of a snippet's cost (27 µs a snippet before, 20 after).
 */
export function highlightRanges(text: string, highlight: Highlighter): TextRange[] {
  return FOLDS_AS_LOWERCASE.test(text)
    ? searchedHighlights(text.toLowerCase(), highlight)
    : tokenHighlights(text, highlight)
}

/** highlightRanges by searching `lower` (the text lowercased, which is its folded form) for the query words. */
export function searchedHighlights(lower: string, highlight: Highlighter): TextRange[] {
  const ranges: TextRange[] = []
  const needles = [...new Set([...highlight.exact, ...highlight.prefixes])]
  // CJK words: every occurrence, longest word first, without overlaps (as tokenHighlights marks them).
  for (const needle of needles.filter(hasCjk).sort((a, b) => b.length - a.length)) {
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      const end = at + needle.length
      if (!ranges.some(([s, e]) => at < e && s < end)) ranges.push([at, end])
    }
  }
  // Other words: a whole word that is a query word, or that starts with the word being typed, in a word without CJK.
  const starts = new Set<number>()
  for (const needle of needles) {
    if (hasCjk(needle)) continue
    const typing = highlight.prefixes.includes(needle)
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
      if (wordCharBefore(lower, at) || starts.has(at)) continue
      let end = at + needle.length
      if (!typing && wordCharAt(lower, end)) continue
      while (wordCharAt(lower, end)) end += lower.codePointAt(end)! > 0xffff ? 2 : 1
      if (hasCjk(lower.slice(at, end))) continue
      starts.add(at)
      ranges.push([at, end])
    }
  }
  return ranges.sort((a, b) => a[0] - b[0])
}

/** highlightRanges by tokenizing the text (folding each word): for text with accents or compatibility forms. */
export function tokenHighlights(text: string, highlight: Highlighter): TextRange[] {
  const ranges: TextRange[] = []
  let cjkNeedles: string[] | null = null
  for (const token of tokenize(text, false)) {
    if (!hasCjk(token.term)) {
      if (matchesTerm(highlight, token)) ranges.push([token.start, token.end])
      continue
    }
    // A CJK run: mark every occurrence of a CJK query word inside it, longest first, without overlaps.
    cjkNeedles ??= [...highlight.exact, ...highlight.prefixes].filter(hasCjk).sort((a, b) => b.length - a.length)
    const run = text.slice(token.start, token.end)
    const marked: TextRange[] = []
    for (const needle of cjkNeedles) {
      for (let at = run.indexOf(needle); at >= 0; at = run.indexOf(needle, at + needle.length)) {
        const range: TextRange = [token.start + at, token.start + at + needle.length]
        if (!marked.some(([s, e]) => range[0] < e && s < range[1])) marked.push(range)
      }
    }
    ranges.push(...marked.sort((a, b) => a[0] - b[0]))
  }
  return ranges
}

/**
 * The snippet of an article from its stored text (UTF-8). When every query word is CJK, only a window
 * around the first match is decoded: decoding Chinese or Japanese UTF-8 runs at ~150 MB/s here, ~70 µs
 * for a typical article, most of a CJK query's time over 20 hits. CJK words have no case, so the first
 * match in the bytes is the first in the text, and the window holds all that makeSnippet looks at.
 * Anything else (no match in the bytes, Latin words, which match in any case) decodes the whole text.
 */
export function snippetFromBytes(bytes: Buffer, highlight: Highlighter): Snippet {
  const first = bytes.length > WINDOW_BEFORE + WINDOW_AFTER ? firstCjkByte(bytes, highlight) : -1
  if (first < 0) return makeSnippet(bytes.toString('utf8'), highlight)
  let from = Math.max(0, first - WINDOW_BEFORE)
  let to = Math.min(bytes.length, first + WINDOW_AFTER)
  // Whole characters only: move off UTF-8 continuation bytes (10xxxxxx).
  while (from > 0 && (bytes[from]! & 0xc0) === 0x80) from--
  while (to < bytes.length && (bytes[to]! & 0xc0) === 0x80) to++
  return makeSnippet(bytes.toString('utf8', from, to), highlight, { before: from > 0, after: to < bytes.length })
}

/** Bytes decoded around a CJK match: at least LEAD characters before it and SNIPPET_LENGTH after (4 bytes each at most). */
const WINDOW_BEFORE = 4 * (LEAD + 16)
const WINDOW_AFTER = 4 * (SNIPPET_LENGTH + 16)

/** Byte offset of the first occurrence of a query word, when all are CJK; else -1. */
function firstCjkByte(bytes: Buffer, highlight: Highlighter): number {
  const needles = [...highlight.exact, ...highlight.prefixes]
  if (needles.length === 0 || !needles.every(isCjkTerm)) return -1
  let best = -1
  for (const needle of needles) {
    const at = bytes.indexOf(needle, 0, 'utf8')
    if (at >= 0 && (best < 0 || at < best)) best = at
  }
  return best
}

/** A piece of the body around the first match, whitespace collapsed, with the matches' ranges. */
export function makeSnippet(body: string, highlight: Highlighter, cut = { before: false, after: false }): Snippet {
  const first = firstMatch(body, highlight)
  let start = 0
  if (first > LEAD) {
    start = first - LEAD
    // Start at a word boundary so the snippet does not begin mid-word.
    const space = body.slice(start, first).search(/\s/)
    if (space >= 0) start += space + 1
  }
  let end = Math.min(body.length, start + SNIPPET_LENGTH)
  if (end < body.length) {
    // End at the last space (a regex for it, /\s\S*$/, retried from every position of the piece).
    let back = end - 1
    while (back > start && !SPACE.test(body[back]!)) back--
    if (back - start > SNIPPET_LENGTH / 2) end = back
  }
  const piece = body.slice(start, end).replace(/\s+/g, ' ').trim()
  // `cut`: the body is a window of a longer text.
  const before = start > 0 || cut.before ? '… ' : ''
  const after = end < body.length || cut.after ? ' …' : ''
  const text = `${before}${piece}${after}`
  const shift = before.length
  const highlights = highlightRanges(piece, highlight).map(([a, b]) => [a + shift, b + shift] as TextRange)
  return { text, highlights }
}

/**
 * Offset of the first match in the body. Fast path: indexOf on the lowercased text for each query word
 * (word boundaries checked), a chunk at a time: the first match is usually near the start, and
 * lowercasing whole articles was most of a query's garbage. If accents or compatibility forms could hide
 * every match from that, tokenize.
 */
function firstMatch(body: string, highlight: Highlighter): number {
  const needles = [...new Set([...highlight.exact, ...highlight.prefixes])]
  if (needles.length === 0) return 0
  const longest = Math.max(...needles.map((n) => n.length))
  for (let from = 0; from < body.length; from += MATCH_CHUNK) {
    // The chunk reaches `longest` further, so a match starting in it is seen whole.
    const to = Math.min(body.length, from + MATCH_CHUNK + longest)
    const lower = body.slice(from, to).toLowerCase()
    if (lower.length !== to - from) break // lowercasing changed the length (İ): offsets would not hold
    const at = firstInChunk(body, from, lower, needles, highlight)
    if (at >= 0) return at
    if (to === body.length) break
  }
  if (!FOLDABLE.test(body)) return 0
  // Only folding (accents, full-width forms) can hide a match from indexOf; bounded, as titles often are the only match.
  for (const token of tokenize(body.slice(0, FALLBACK_SCAN))) if (matchesTerm(highlight, token)) return token.start
  return 0
}

const MATCH_CHUNK = 2048

/** The first match starting in body[from, from + MATCH_CHUNK), given that stretch lowercased (`lower`); -1 if none. */
function firstInChunk(body: string, from: number, lower: string, needles: string[], highlight: Highlighter): number {
  let best = -1
  for (const needle of needles) {
    const cjk = isCjkTerm(needle)
    const complete = highlight.exact.has(needle) && !highlight.prefixes.includes(needle)
    for (
      let at = lower.indexOf(needle);
      at >= 0 && at < MATCH_CHUNK && (best < 0 || at < best);
      at = lower.indexOf(needle, at + 1)
    ) {
      if (!cjk && wordCharBefore(body, from + at)) continue
      if (!cjk && complete && wordCharAt(body, from + at + needle.length)) continue
      best = at
      break
    }
  }
  return best < 0 ? -1 : from + best
}
