import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { phraseMatcher } from '../../src/core/search/phrase-match'
import { isCjkTerm } from '../../src/core/search/tokenize'

/** The definition the matcher must agree with: one regex with Unicode word classes (slow to compile, so kept). */
const references = new Map<string, RegExp>()
function reference(terms: string[]): (text: string) => boolean {
  const key = terms.join('\u0000')
  const known = references.get(key)
  if (known) return (text) => known.test(text)
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const W = '\\p{L}\\p{N}\\p{M}'
  let source = isCjkTerm(terms[0]!) ? '' : `(?<![${W}])`
  terms.forEach((term, i) => {
    if (i > 0) source += isCjkTerm(term) && isCjkTerm(terms[i - 1]!) ? `[^${W}]*` : `[^${W}]+`
    source += escape(term)
  })
  if (!isCjkTerm(terms[terms.length - 1]!)) source += `(?![${W}])`
  const regex = new RegExp(source, 'iu')
  references.set(key, regex)
  return (text) => regex.test(text)
}

describe('phrase matcher', () => {
  it('finds the words in order, in any case, across punctuation and line breaks', () => {
    const test = phraseMatcher(['machine', 'learning'])
    expect(test('Advances in Machine Learning.')).toBe(true)
    expect(test('the machine —\nlearning curve')).toBe(true)
    expect(test('learning machine')).toBe(false)
    expect(test('machine deep learning')).toBe(false)
  })

  it('does not match inside longer words, accented letters included', () => {
    const test = phraseMatcher(['ber', 'gin'])
    expect(test('über gin')).toBe(false)
    expect(test('ber ginë')).toBe(false)
    expect(test('uber gin, ber gin')).toBe(true)
    // A letter between the words (here an accented one) is a word, not a separator.
    expect(phraseMatcher(['x', 'y'])('x é y')).toBe(false)
  })

  it('checks a later occurrence when the first one is inside a word', () => {
    expect(phraseMatcher(['sa', 'bas'])('usa bas and then sa bas')).toBe(true)
    // The shortest separator is tried first, so "x é" is found in "x é é".
    expect(phraseMatcher(['x', 'é'])('x é é')).toBe(true)
  })

  it('lets CJK words touch, and CJK phrases match inside a run', () => {
    expect(phraseMatcher(['机器', '学习'])('我们正在学习机器学习')).toBe(true)
    expect(phraseMatcher(['机器', '学习'])('学习机器')).toBe(false)
    expect(phraseMatcher(['東京', '天気'])('東京 の 天気')).toBe(false)
  })

  it('treats a letter outside the BMP as part of a word', () => {
    expect(phraseMatcher(['ab', 'cd'])('𝐱ab cd')).toBe(false)
    expect(phraseMatcher(['ab', 'cd'])('🙂ab cd🙂')).toBe(true)
  })

  it('agrees with the Unicode-regex definition on random text', () => {
    const term = fc.constantFrom('a', 'ab', 'é', 'aé', '学', '学习')
    // Texts built from the terms themselves (in other cases) and from single characters, so near misses are common.
    const piece = fc.oneof(
      term.map((t) => t.toUpperCase()),
      term,
      fc.constantFrom(' ', '-', '.', '\n', 'b', 'É', 'ü', '习', '𝐱', '🙂', '1', '\u0301')
    )
    const text = fc.array(piece, { maxLength: 12 }).map((a) => a.join(''))
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 2 }), text, (terms, t) => {
        expect(phraseMatcher(terms)(t)).toBe(reference(terms)(t))
      }),
      { numRuns: 2000 }
    )
  })
})
