import { describe, expect, it } from 'vitest'
import { cleanByline, cleanTitle } from '../../src/core/extract/clean-title'

describe('cleanTitle', () => {
  const separators = ['_', '｜', ' | ', ' – ', ' — ', ' · ', ' :: ', '::', ' » ', ' - ', ': ']
  for (const separator of separators) {
    it(`drops the site's name after and before "${separator}"`, () => {
      expect(cleanTitle(`Storm Warning for the Coast${separator}Harbour Gazette`, 'Harbour Gazette')).toBe(
        'Storm Warning for the Coast'
      )
      expect(cleanTitle(`Harbour Gazette${separator}Storm Warning for the Coast`, 'Harbour Gazette')).toBe(
        'Storm Warning for the Coast'
      )
    })
  }

  it('drops a portal’s channel and site names (标题_频道_网站)', () => {
    expect(cleanTitle('人工智能大模型的新突破_科技频道_新闻网', '新闻网')).toBe('人工智能大模型的新突破')
  })

  it('recognises the site by its host, its other titles, its footer and the author', () => {
    expect(cleanTitle('Lighthouse - Wikipedia', null, { pageUrl: 'https://en.wikipedia.org/wiki/Lighthouse' })).toBe(
      'Lighthouse'
    )
    expect(cleanTitle('Storm hits coast - BBC News', null, { pageUrl: 'https://www.bbc.co.uk/news/1' })).toBe(
      'Storm hits coast'
    )
    expect(cleanTitle('Ferries return｜Harbour Gazette', null, { otherTitles: ['Ferries return'] })).toBe(
      'Ferries return'
    )
    expect(cleanTitle('Ferries return｜Harbour Gazette', null, { siteHints: ['© 2026 Harbour Gazette Ltd.'] })).toBe(
      'Ferries return'
    )
    expect(cleanTitle('Why we sleep | Jane Doe', null, { byline: 'By Jane Doe' })).toBe('Why we sleep')
  })

  it('keeps titles whose parts are all the story’s', () => {
    expect(cleanTitle('COVID-19 cases fell in 2020–2021', 'Site')).toBe('COVID-19 cases fell in 2020–2021')
    expect(cleanTitle('Review: the new ferry timetable', 'Harbour Gazette')).toBe('Review: the new ferry timetable')
    expect(cleanTitle('snake_case or camelCase?', null)).toBe('snake_case or camelCase?')
    expect(cleanTitle('Harbour Gazette', 'Harbour Gazette')).toBe('Harbour Gazette')
  })

  it('makes any title one line of printable text, in time linear in its length', () => {
    expect(cleanTitle('Hello\u001b[2J\u001b]52;c;aGk=\u0007 World\r\nSecond\u2028line\u202e', null)).toBe(
      'Hello[2J]52;c;aGk= World Second line'
    )
    const spaced = `Story${' '.repeat(200_000)}|${' '.repeat(200_000)}Bee Times`
    expect(cleanTitle(spaced, 'Bee Times')).toBe('Story')
    expect(cleanTitle('x'.repeat(5000), null).length).toBeLessThanOrEqual(400)
  })
})

describe('cleanByline', () => {
  it('says a name once, drops a byline that is only the site, and keeps one line', () => {
    expect(cleanByline('BBC News BBC News', 'Something else')).toBe('BBC News')
    expect(cleanByline('Jane Doe, Jane Doe', null)).toBe('Jane Doe')
    expect(cleanByline('BBC News', 'BBC News')).toBeNull()
    expect(cleanByline('Ada\nMarsh\u202e', null)).toBe('Ada Marsh')
    expect(cleanByline('   ', null)).toBeNull()
  })
})
