import { isCjkTerm } from './tokenize'
import { WORD_CHAR, wordCharAt, wordCharBefore } from './word-chars'

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
  if (boundedStart && wordCharBefore(text, m.index)) return false
  return !(boundedEnd && wordCharAt(text, m.index + m[0].length))
}
