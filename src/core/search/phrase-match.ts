import { isCjkTerm } from './tokenize'

/**
 * Finds a phrase's folded terms in a text: in order, in any case, separated only by characters that are
 * not part of a word (CJK terms may touch), and not inside a longer word.
 *
 * Why not one regex with Unicode classes, (?<![\p{L}\p{N}])a[^\p{L}\p{N}]+b(?![\p{L}\p{N}])/iu: V8
 * compiles a regex with \p{L} in 1.5-2.3 ms, which is most of a phrase query's budget, and every new
 * phrase is a new regex. Here the regex is plain (ASCII classes, no u flag: ~0.04 ms to compile) and
 * lets more through; each match it finds is then checked with one word-character regex compiled once.
 */
export type PhraseTest = (text: string) => boolean

/** What counts as part of a word: the tokenizer's word characters (tokenize.ts). */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u

export function phraseMatcher(terms: readonly string[]): PhraseTest {
  const cjk = terms.map(isCjkTerm)
  let source = ''
  terms.forEach((term, i) => {
    // Lazy separators: the shortest comes first, and a longer one could only hold more non-word characters
    // (terms start with a word character), so the first match from a start is the one to check.
    if (i > 0) source += cjk[i] && cjk[i - 1] ? '([^a-z0-9]*?)' : '([^a-z0-9]+?)'
    source += term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  })
  const regex = new RegExp(source, 'gi')
  const boundedStart = !cjk[0]
  const boundedEnd = !cjk[cjk.length - 1]
  return (text) => {
    regex.lastIndex = 0
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (isWordMatch(text, m, boundedStart, boundedEnd)) return true
      regex.lastIndex = m.index + 1
    }
    return false
  }
}

function isWordMatch(text: string, m: RegExpExecArray, boundedStart: boolean, boundedEnd: boolean): boolean {
  for (let g = 1; g < m.length; g++) if (WORD_CHAR.test(m[g]!)) return false
  if (boundedStart && m.index > 0 && WORD_CHAR.test(charBefore(text, m.index))) return false
  const end = m.index + m[0].length
  if (boundedEnd && end < text.length && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(end)!))) return false
  return true
}

/** The whole character before `at` (both halves of a surrogate pair). */
function charBefore(text: string, at: number): string {
  const low = text.charCodeAt(at - 1)
  return low >= 0xdc00 && low <= 0xdfff && at >= 2 ? text.slice(at - 2, at) : text[at - 1]!
}
