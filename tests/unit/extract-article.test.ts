import { describe, expect, it } from 'vitest'
import { cleanTitle, extractArticle } from '../../src/core/extract/extract-article'
import { articlePage } from '../support/fixture-site'

describe('extractArticle', () => {
  const url = 'https://news.example/articles/lighthouse'

  it('finds the article text and metadata, without the page chrome or scripts', () => {
    const a = extractArticle(articlePage('The Last Lighthouse Keeper'), url)
    expect(a.title).toBe('The Last Lighthouse Keeper')
    expect(a.siteName).toBe('Harbour Gazette')
    expect(a.byline).toContain('Ada Marsh')
    expect(a.publishedTime).toBe('2026-03-14T09:00:00Z')
    expect(a.lang).toBe('en')
    expect(a.text).toContain('one hundred and twelve steps')
    expect(a.text).not.toContain('Sport') // navigation
    expect(a.html).not.toContain('<script')
    expect(a.wordCount).toBeGreaterThan(100)
    expect(a.leadImageUrl).toBe('https://news.example/images/lead.png')
  })

  it('resolves relative and lazy-loaded images and links to absolute URLs', () => {
    const a = extractArticle(articlePage('The Last Lighthouse Keeper'), url)
    expect(a.html).toContain('src="https://news.example/images/tower.png"')
    // data-src wins over the data: placeholder
    expect(a.html).toContain('src="https://news.example/articles/images/logbook.png"')
    expect(a.html).not.toContain('data:image')
    expect(a.html).toContain('href="https://news.example/archive/logbooks"')
  })

  it('keeps paragraphs apart in the plain text', () => {
    const a = extractArticle(articlePage('The Last Lighthouse Keeper'), url)
    expect(a.text).toMatch(/his father had before him\.\n/)
  })

  it('reports NOT_AN_ARTICLE for a page of links', () => {
    const page = '<html><body><ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li></ul></body></html>'
    expect(() => extractArticle(page, url)).toThrow(expect.objectContaining({ code: 'NOT_AN_ARTICLE' }))
  })
})

describe('cleanTitle', () => {
  it('drops the site name at either end of the title', () => {
    expect(cleanTitle('Storm Warning | Harbour Gazette', 'Harbour Gazette')).toBe('Storm Warning')
    expect(cleanTitle('Harbour Gazette - Storm Warning', 'Harbour Gazette')).toBe('Storm Warning')
    expect(cleanTitle('Storm Warning', 'Harbour Gazette')).toBe('Storm Warning')
    expect(cleanTitle('Harbour Gazette', 'Harbour Gazette')).toBe('Harbour Gazette')
  })
})
