import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Highlighter } from '../../src/core/search/query-terms'
import { makeSnippet, snippetFromBytes } from '../../src/core/search/snippet'

const marked = (snippet: { text: string; highlights: [number, number][] }) => snippet.highlights.map(([a, b]) => snippet.text.slice(a, b))

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

  it('marks a CJK match deep in a long article', () => {
    const text = `${'这是一个很长的句子，没有关键词。'.repeat(400)}我们正在学习机器学习。${'结尾的句子。'.repeat(100)}`
    const snippet = snippetFromBytes(Buffer.from(text), { exact: new Set(['机器']), prefixes: [] })
    expect(snippet.text.startsWith('… ')).toBe(true)
    expect(snippet.text.endsWith(' …')).toBe(true)
    expect(marked(snippet)).toEqual(['机器'])
  })
})
