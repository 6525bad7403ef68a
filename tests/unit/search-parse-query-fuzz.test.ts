import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseQuery, type ParsedQuery } from '../../src/core/search/parse-query'

// The search box passes whatever is typed or pasted to parseQuery on every keystroke: it must never throw,
// always return a well-formed query, and do bounded work (it reads the first 2000 characters only, so a huge
// paste costs what 2000 characters cost). Fixed seeds: a failure reproduces, and fast-check prints it shrunk.

const KINDS = ['tag', 'site', 'author', 'lang', 'is', 'saved', 'published']
const STATES = ['unread', 'archived', 'favorite', 'read']
const SORTS = [null, 'relevance', 'saved', 'published']

/** Pieces of the query language and the characters that delimit it, in any order. */
const queryText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'tag:',
        'site:',
        'author:',
        'lang:',
        'is:',
        'saved:',
        'published:',
        'sort:',
        'foo:',
        '-',
        '"',
        ':',
        ' ',
        '\t',
        '\n',
        '..',
        '>',
        '>=',
        '<',
        '2026',
        '-01',
        '-31',
        '0000',
        '99999',
        'unread',
        'https://www.',
        'é',
        '👍',
        '\u0000',
        '\ud800'
      ),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 4 })
    ),
    { maxLength: 40 }
  )
  .map((parts) => parts.join(''))

function expectWellFormed(q: ParsedQuery, input: string): void {
  const text = input.slice(0, 2000)
  // A word may hold spaces (an unknown operator with a quoted value stays text: `foo:"a b"`); the tokenizer
  // splits it later.
  for (const word of [...q.words, ...q.excludedWords]) {
    expect(word.length).toBeGreaterThan(0)
    expect(text).toContain(word)
  }
  for (const phrase of [...q.phrases, ...q.excludedPhrases]) {
    expect(phrase.trim()).not.toBe('')
    expect(text).toContain(phrase)
  }
  for (const filter of q.filters) {
    expect(KINDS).toContain(filter.kind)
    expect(typeof filter.negate).toBe('boolean')
    if (filter.kind === 'is') expect(STATES).toContain(filter.value)
    if (filter.kind === 'saved' || filter.kind === 'published') {
      expect(Number.isNaN(filter.from) || Number.isNaN(filter.to)).toBe(false)
      expect(filter.from).toBeLessThan(filter.to)
    }
  }
  expect(SORTS).toContain(q.sort)
  if (q.prefixLast) expect(q.words.length).toBeGreaterThan(0)
}

describe('parseQuery under fuzzing', () => {
  it('never throws and returns a well-formed query for query-like text', () => {
    fc.assert(
      fc.property(queryText, (input) => expectWellFormed(parseQuery(input), input)),
      { seed: 1421, numRuns: 2000 }
    )
  })

  it('never throws on any string, lone surrogates and control characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => expectWellFormed(parseQuery(input), input)),
      { seed: 1422, numRuns: 1000 }
    )
  })

  it('reads the first 2000 characters only, so a huge or adversarial paste does bounded work', () => {
    fc.assert(
      fc.property(queryText, fc.integer({ min: 1, max: 400 }), (piece, times) => {
        const huge = (piece || '-"a:').repeat(times * 50)
        const q = parseQuery(huge)
        expect(q).toEqual(parseQuery(huge.slice(0, 2000)))
        const pieces = q.words.length + q.excludedWords.length + q.phrases.length + q.excludedPhrases.length
        expect(pieces + q.filters.length).toBeLessThanOrEqual(2000)
      }),
      { seed: 1423, numRuns: 200 }
    )
  })
})
