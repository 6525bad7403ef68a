import { segmentWords } from '../../shared/segment-words'
import { foldText } from './fold-text'
import { WORD_CHAR } from './word-chars'

/**
 * Turns text into search terms. Words are runs of letters and digits, folded (fold-text.ts). Chinese,
 * Japanese and Korean have no spaces between words, so their runs go through Intl.Segmenter (ICU's
 * dictionary word breaker); CJK words of three characters or more also yield their character bigrams, so
 * a query word that ICU splits differently from the article text still finds it (see query-groups).
 */

/** A term and where it came from in the original text (UTF-16 offsets, end exclusive). */
export interface Token {
  term: string
  start: number
  end: number
}

/** Runs of word characters (word-chars.ts holds the definition, shared with code that searches instead). */
const WORD = new RegExp(`${WORD_CHAR.source}+`, 'gu')
const ASCII_WORD = /[a-z0-9]+/g
const NON_ASCII = /[^\t\n\r\u0020-\u007e]/
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const CJK_ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆ヶ]+$/u
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u
/** Longest term kept: longer runs are noise (base64, hashes) and would bloat the dictionary. */
export const MAX_TERM_LENGTH = 40

/** ICU's CJ dictionary is shared; the locale only matters for kana-specific rules. */
function langOf(text: string): 'ja' | 'zh' {
  return KANA.test(text) ? 'ja' : 'zh'
}

/**
 * Loads ICU's word dictionary now rather than in the middle of the first CJK article's update (the
 * first segmentation in a process takes ~30 ms).
 */
export function warmSegmenters(): void {
  for (const sample of ['中文分词', '日本語のテキスト']) segmentWords(sample, langOf(sample), () => undefined)
}

/** True when the text contains Chinese, Japanese or Korean letters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text)
}

/** True for a term made only of CJK characters (bigram fallback applies to these). */
export function isCjkTerm(term: string): boolean {
  return CJK_ONLY.test(term)
}

/** The overlapping two-character pieces of a CJK word (几何学 → 几何, 何学). */
export function cjkBigrams(word: string): string[] {
  const chars = Array.from(word)
  const grams: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!)
  return grams
}

/** Splits a run of letters that contains CJK into words, with offsets relative to the run (in bounded pieces). */
function segmentRun(run: string, emit: (term: string, start: number, end: number) => void): void {
  segmentWords(run, langOf(run), (word, index) => emit(word, index, index + word.length))
}

/**
 * Every term of a text, folded, in order (for indexing: no offsets, as fast as possible). CJK words
 * are followed by their bigrams. Terms longer than MAX_TERM_LENGTH are left to the caller to skip.
 */
export function indexTerms(text: string): string[] {
  // Most articles are plain ASCII: a simple class is several times faster than \p{L} (and folding is lowercasing).
  const lower = text.toLowerCase()
  if (!NON_ASCII.test(lower)) return lower.match(ASCII_WORD) ?? []
  const folded = foldText(text)
  const runs = folded.match(WORD) ?? []
  if (!hasCjk(folded)) return runs
  const terms: string[] = []
  for (const run of runs) {
    if (!CJK.test(run)) {
      terms.push(run)
      continue
    }
    segmentRun(run, (word) => {
      terms.push(word)
      if (word.length > 2 && isCjkTerm(word)) for (const gram of cjkBigrams(word)) terms.push(gram)
    })
  }
  return terms
}

/**
 * Every word of a text with its offsets in the original (for highlights and queries). No bigrams.
 * With `segment` false, CJK runs stay whole (the segmenter costs ~1.5 µs a character; highlighting
 * finds CJK words in them by substring instead).
 */
export function tokenize(text: string, segment = true): Token[] {
  const tokens: Token[] = []
  if (!NON_ASCII.test(text)) {
    // Plain ASCII (most snippets and titles): lowercasing keeps every offset, and the simple class matches
    // what WORD would; one lowercase of the text instead of folding each word.
    const lower = text.toLowerCase()
    ASCII_WORD.lastIndex = 0
    for (let m = ASCII_WORD.exec(lower); m; m = ASCII_WORD.exec(lower))
      tokens.push({ term: m[0], start: m.index, end: m.index + m[0].length })
    return tokens
  }
  WORD.lastIndex = 0
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const run = m[0]
    const base = m.index
    if (segment && CJK.test(run)) {
      segmentRun(run, (word, start, end) => tokens.push({ term: foldText(word), start: base + start, end: base + end }))
    } else {
      tokens.push({ term: foldText(run), start: base, end: base + run.length })
    }
  }
  return tokens
}
