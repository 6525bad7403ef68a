import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Highlighter } from '../../src/core/search/query-terms'
import { foldText } from '../../src/core/search/fold-text'
import {
  FOLDS_AS_LOWERCASE,
  highlightRanges,
  makeSnippet,
  searchedHighlights,
  snippetFromBytes,
  tokenHighlights
} from '../../src/core/search/snippet'
import { WORD_CHAR } from '../../src/core/search/word-chars'

const marked = (snippet: { text: string; highlights: [number, number][] }) =>
  snippet.highlights.map(([a, b]) => snippet.text.slice(a, b))

describe('search snippets', () => {
  it('shows the body around the first match, cut at word boundaries, with the matches marked', () => {
    const body = `${'Filler words about nothing at all. '.repeat(20)}Then the Lighthouse keeper spoke. ${'More filler after it. '.repeat(20)}`
    const snippet = makeSnippet(body, { exact: new Set(['lighthouse']), prefixes: [] })
    expect(snippet.text.startsWith('… ')).toBe(true)
    expect(snippet.text.endsWith(' …')).toBe(true)
    expect(snippet.text).toContain('Then the Lighthouse keeper spoke.')
    expect(marked(snippet)).toEqual(['Lighthouse'])
    expect(snippet.text.length).toBeLessThan(240)
  })

  it('finds the first match wherever it falls, a word cut by the edge of a searched stretch included', () => {
    const highlight: Highlighter = { exact: new Set(['lighthouse']), prefixes: [] }
    for (let at = 2030; at <= 2060; at++) {
      // "lighthouses" (not the word) before, the word at `at`, a later occurrence after a marker.
      const head = `lighthouses ${'x'.repeat(at - 13)} `
      const body = `${head}Lighthouse keeper ${'y '.repeat(2000)}FIRST? lighthouse`
      expect(body.indexOf('Lighthouse')).toBe(at)
      const snippet = makeSnippet(body, highlight)
      expect(marked(snippet)).toEqual(['Lighthouse'])
      expect(snippet.text).toContain('Lighthouse keeper')
    }
  })

  it('finds accented words for an unaccented query', () => {
    const body = `${'Lorem ipsum dolor sit amet. '.repeat(10)}Un café crème, s’il vous plaît.`
    expect(marked(makeSnippet(body, { exact: new Set(['creme']), prefixes: [] }))).toEqual(['crème'])
  })

  it('gives the same snippet from the stored bytes as from the decoded text, CJK windows included', () => {
    const words = ['学习', '机器', '東京', '天気', 'の', '。', '，', ' ', 'GPU', '\n', 'é', '🙂']
    const needles = ['学习', '天気', 'gpu', '机器学习']
    fc.assert(
      fc.property(
        // Filler without query words first, so the first match is anywhere from the start to deep inside.
        fc.array(fc.constantFrom('東京', 'の', '。', '，', ' ', '\n', 'é', '🙂'), { maxLength: 800, size: 'max' }),
        fc.array(fc.constantFrom(...words), { maxLength: 800, size: 'max' }),
        fc.subarray(needles, { minLength: 1 }),
        fc.boolean(),
        (filler, parts, exact, typing) => {
          const text = filler.join('') + parts.join('')
          const highlight: Highlighter = { exact: new Set(exact), prefixes: typing ? [exact[0]!] : [] }
          expect(snippetFromBytes(Buffer.from(text), highlight)).toEqual(makeSnippet(text, highlight))
        }
      ),
      { numRuns: 300 }
    )
  })

  it('marks whole words, completions of the word being typed, and CJK words inside runs', () => {
    const text = 'Rust’s borrow checker — “borrowing” rules; 借用检查器 in Rust'
    const highlight: Highlighter = { exact: new Set(['rust', 'borrow', '检查']), prefixes: ['borrow'] }
    const ranges = highlightRanges(text, highlight)
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['Rust', 'borrow', 'borrowing', '检查', 'Rust'])
    // Accented text goes through the tokenizer, which folds: crème matches creme.
    expect(highlightRanges('Crème brûlée', { exact: new Set(['creme']), prefixes: [] })).toEqual([[0, 5]])
  })

  it('only searches (rather than tokenizes) text whose every word character folds to its lowercase', () => {
    const wrong: string[] = []
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const c = String.fromCharCode(code)
      if (!FOLDS_AS_LOWERCASE.test(c)) continue
      if (c.toLowerCase().length !== 1 || (WORD_CHAR.test(c) && foldText(c) !== c.toLowerCase())) wrong.push(c)
    }
    expect(wrong).toEqual([])
  })

  it('marks the same words by searching as by tokenizing', () => {
    const pieces = [
      'rust',
      'Rust',
      'RUSTY',
      'borrow',
      'borrowed',
      'x',
      ' ',
      '-',
      '’',
      '—',
      '…',
      '.',
      '1',
      '学习',
      '机器',
      '检查器',
      'の',
      'ガイド',
      '서울',
      '\n',
      '¿',
      '«'
    ]
    const needles = ['rust', 'borrow', 'bor', 'x', '1', '学习', '检查', 'ガイド', '서울']
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.subarray(needles),
        fc.subarray(needles),
        (parts, exact, prefixes) => {
          const text = parts.join('')
          const highlight: Highlighter = { exact: new Set(exact), prefixes }
          expect(FOLDS_AS_LOWERCASE.test(text)).toBe(true)
          expect(searchedHighlights(text.toLowerCase(), highlight)).toEqual(tokenHighlights(text, highlight))
        }
      ),
      { numRuns: 2000 }
    )
  })

  it('marks a CJK match deep in a long article', () => {
    const text = `${'这是一个很长的句子，没有关键词。'.repeat(400)}我们正在学习机器学习。${'结尾的句子。'.repeat(100)}`
    const snippet = snippetFromBytes(Buffer.from(text), { exact: new Set(['机器']), prefixes: [] })
    expect(snippet.text.startsWith('… ')).toBe(true)
    expect(snippet.text.endsWith(' …')).toBe(true)
    expect(marked(snippet)).toEqual(['机器'])
  })
})
