import { describe, expect, it } from 'vitest'
import { parseDateRange, parseQuery } from '../../src/core/search/parse-query'

describe('parseQuery', () => {
  it('splits words, phrases and exclusions; the last word is a prefix until a space follows', () => {
    const q = parseQuery('sea "lighthouse keeper" -storm -"north wind" tow')
    expect(q.words).toEqual(['sea', 'tow'])
    expect(q.phrases).toEqual(['lighthouse keeper'])
    expect(q.excludedWords).toEqual(['storm'])
    expect(q.excludedPhrases).toEqual(['north wind'])
    expect(q.prefixLast).toBe(true)
    expect(parseQuery('sea tow ').prefixLast).toBe(false)
    expect(parseQuery('sea "tow"').prefixLast).toBe(false)
  })

  it('reads every operator, negated ones too', () => {
    const q = parseQuery(
      'tag:ai -tag:old site:https://www.Example.com/x author:"ada marsh" is:unread -is:favorite lang:zh sort:published'
    )
    expect(q.words).toEqual([])
    expect(q.filters).toEqual([
      { kind: 'tag', value: 'ai', negate: false },
      { kind: 'tag', value: 'old', negate: true },
      { kind: 'site', value: 'example.com', negate: false },
      { kind: 'author', value: 'ada marsh', negate: false },
      { kind: 'is', value: 'unread', negate: false },
      { kind: 'is', value: 'favorite', negate: true },
      { kind: 'lang', value: 'zh', negate: false }
    ])
    expect(q.sort).toBe('published')
    expect(parseQuery('is:archived').filters[0]).toMatchObject({ kind: 'is', value: 'archived' })
    expect(parseQuery('sort:saved').sort).toBe('saved')
    expect(parseQuery('sort:relevance').sort).toBe('relevance')
  })

  it('reads saved: and published: dates as UTC ranges', () => {
    const day = Date.UTC(2026, 0, 1)
    expect(parseQuery('saved:>2026-01-01').filters[0]).toEqual({
      kind: 'saved',
      from: day + 86_400_000,
      to: Infinity,
      negate: false
    })
    expect(parseDateRange('>=2026-01-01')).toEqual({ from: day, to: Infinity })
    expect(parseDateRange('<2026-01')).toEqual({ from: -Infinity, to: day })
    expect(parseDateRange('2026')).toEqual({ from: day, to: Date.UTC(2027, 0, 1) })
    expect(parseDateRange('2026-01-01..2026-01-31')).toEqual({ from: day, to: Date.UTC(2026, 1, 1) })
    expect(parseQuery('published:2025-12').filters[0]).toMatchObject({
      kind: 'published',
      from: Date.UTC(2025, 11, 1),
      to: day
    })
  })

  it('searches unknown operators and unusable values as text', () => {
    const q = parseQuery('color:blue is:sleeping saved:>yesterday sort:random http://x.org')
    expect(q.filters).toEqual([])
    expect(q.sort).toBeNull()
    expect(q.words).toEqual(['color:blue', 'is:sleeping', 'saved:>yesterday', 'sort:random', 'http://x.org'])
    expect(parseQuery('-color:blue').excludedWords).toEqual(['color:blue'])
  })

  it('never throws, whatever it is given', () => {
    const inputs = [
      '',
      '   ',
      '"',
      '-',
      '--',
      '-"',
      'tag:',
      'tag:""',
      '"unclosed phrase',
      'a:"b',
      ':::',
      '\u0000',
      'x'.repeat(5000),
      '-"" "" -tag:',
      'saved:2026-13-45',
      '((()))'
    ]
    for (const input of inputs) expect(() => parseQuery(input)).not.toThrow()
    expect(parseQuery('"unclosed phrase').phrases).toEqual(['unclosed phrase'])
    expect(parseQuery('tag:').words).toEqual(['tag:'])
    expect(parseQuery(undefined as unknown as string).words).toEqual([])
  })
})
