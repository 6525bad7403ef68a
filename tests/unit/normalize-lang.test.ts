import { describe, expect, it } from 'vitest'
import { normalizeLang } from '../../src/core/extract/normalize-lang'
import { countWords } from '../../src/core/extract/text-stats'

describe('normalizeLang', () => {
  it('repairs the tags pages really write', () => {
    expect(normalizeLang('pt_BR')).toBe('pt-BR')
    expect(normalizeLang('en_US')).toBe('en-US')
    expect(normalizeLang('EN')).toBe('en')
    expect(normalizeLang('zh-hans-cn')).toBe('zh-Hans-CN')
    expect(normalizeLang('en-US,en;q=0.9')).toBe('en-US')
    expect(normalizeLang('english')).toBe('en')
    expect(normalizeLang('Deutsch')).toBe('de')
    expect(normalizeLang('中文')).toBe('zh')
  })

  it('drops what names no language', () => {
    for (const junk of [
      '',
      '   ',
      'x'.repeat(300),
      'klingon',
      'x-default',
      'und',
      '12',
      '-',
      'en--US',
      null,
      undefined
    ]) {
      expect(normalizeLang(junk), String(junk)).toBeNull()
    }
  })

  it('gives tags Intl accepts: counting words with them never throws', () => {
    for (const raw of ['pt_BR', 'en_US', 'english', 'zh_TW', 'ja-JP']) {
      expect(() => new Intl.Segmenter(normalizeLang(raw) ?? undefined)).not.toThrow()
    }
  })
})

describe('countWords', () => {
  it('counts words in languages written with and without spaces', () => {
    expect(countWords('The keeper’s logbook, don’t you think? 112 steps.')).toBe(8)
    expect(countWords('机器学习是人工智能的一个分支', 'zh')).toBeGreaterThan(4)
  })

  it('counts a 400,000-character article, mixed scripts, in linear time (was minutes when quadratic)', () => {
    const latin = 'The lighthouse keeper climbed the spiral stairs every evening at dusk. '.repeat(3000)
    const chinese = '机器学习是人工智能的一个分支，它使计算机能够从数据中学习。'.repeat(6000)
    expect(countWords(latin, 'en')).toBe(11 * 3000)
    const words = countWords(latin + chinese, 'zh')
    expect(words).toBeGreaterThan(11 * 3000 + 6000 * 8)
    expect(countWords('word '.repeat(1000), 'not a tag!')).toBe(1000)
  })
})
