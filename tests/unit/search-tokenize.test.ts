import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldText } from '../../src/core/search/fold-text'
import { termHash } from '../../src/core/search/pair-filter'
import { TermDictionary } from '../../src/core/search/term-dictionary'
import { indexTerms, MAX_TERM_LENGTH, tokenize } from '../../src/core/search/tokenize'

describe('search tokenizer', () => {
  it('folds case, accents and compatibility forms, so accented text matches with or without accents', () => {
    expect(foldText('Crème Brûlée')).toBe('creme brulee')
    expect(foldText('Straße Ærø')).toBe('strasse aero')
    expect(foldText('ＡＢＣ ﬁle')).toBe('abc file')
    // Japanese voicing marks change the word: they are kept (recomposed), not stripped.
    expect(foldText('ガイド')).toBe('ガイド')
    expect(indexTerms('Élodie Lefèvre, señor MÜLLER')).toEqual(['elodie', 'lefevre', 'senor', 'muller'])
  })

  it('keeps offsets into the original text for highlighting', () => {
    const text = 'Café au lait, s’il vous plaît'
    const tokens = tokenize(text)
    expect(tokens.map((t) => t.term)).toEqual(['cafe', 'au', 'lait', 's', 'il', 'vous', 'plait'])
    for (const t of tokens) expect(foldText(text.slice(t.start, t.end))).toBe(t.term)
  })

  it('segments Chinese and Japanese into words with Intl.Segmenter', () => {
    const zh = tokenize('我们正在学习机器学习')
    expect(zh.map((t) => t.term)).toContain('学习')
    expect(zh.map((t) => t.term)).toContain('机器')
    const ja = tokenize('東京の天気は晴れです').map((t) => t.term)
    expect(ja).toContain('東京')
    expect(ja).toContain('天気')
    expect(ja).not.toContain('東京の天気は晴れです')
    const mixed = tokenize('GPU加速的深度学习 with PyTorch').map((t) => t.term)
    expect(mixed).toEqual(expect.arrayContaining(['gpu', 'pytorch', '深度']))
  })

  it('indexes CJK words of three or more characters with their bigrams too', () => {
    const terms = indexTerms('人工智能')
    expect(terms).toEqual(expect.arrayContaining(['人工', '智能']))
    expect(indexTerms('几何学').length).toBeGreaterThan(1)
  })

  it('splits Korean at spaces and keeps digits', () => {
    expect(tokenize('김치 만드는 법 2026').map((t) => t.term)).toEqual(['김치', '만드는', '법', '2026'])
  })

  it('splits ASCII text into the same terms through the dictionary scanner as through the tokenizer', () => {
    const asciiText = fc.array(
      fc.oneof(
        fc.constantFrom(
          'Harbour',
          'harbour',
          'HARBOUR',
          'a',
          'B2',
          '42',
          'x'.repeat(MAX_TERM_LENGTH + 1),
          ' ',
          ', ',
          '\n',
          '\t',
          '-',
          "'",
          '\u0001'
        ),
        fc.string({ maxLength: 6 })
      ),
      { maxLength: 60 }
    )
    fc.assert(
      fc.property(asciiText, (parts) => {
        const text = parts.join('').replace(/[\u0080-\uffff]/g, ' ')
        const dictionary = new TermDictionary()
        const out = new Int32Array(text.length + 1)
        const count = dictionary.scanAscii(text, out)
        const scanned = Array.from(out.subarray(0, count), (id) => (id < 0 ? null : dictionary.terms[id]))
        const expected = indexTerms(text).map((term) => (term.length > MAX_TERM_LENGTH ? null : term))
        expect(scanned).toEqual(expected)
        // The same word always gets the same id, and lookups agree with the scanner.
        for (const term of expected) if (term) expect(dictionary.terms[dictionary.lookup(term)!]).toBe(term)
        for (let id = 0; id < dictionary.size; id++) expect(dictionary.hashes[id]).toBe(termHash(dictionary.terms[id]!))
      }),
      { numRuns: 300 }
    )
  })
})
