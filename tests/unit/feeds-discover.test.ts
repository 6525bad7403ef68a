import { describe, expect, it } from 'vitest'
import { discoverFeed, guessFeedUrls, type FetchedResponse } from '../../src/core/feeds/discover-feed'
import { noFeedFound } from '../../src/core/feeds/feed-errors'
import {
  ATOM_XML_BASE,
  HTML_WITH_FEED_LINKS,
  HTML_WITHOUT_FEED_LINKS,
  JSON_FEED,
  PDF_BYTES,
  RSS_2
} from '../support/feed-fixtures'

const response = (body: string | Uint8Array, contentType: string, url = 'https://blog.example/post', status?: number) =>
  ({
    url,
    contentType,
    status,
    bytes: typeof body === 'string' ? new TextEncoder().encode(body) : body
  }) satisfies FetchedResponse

describe('discoverFeed', () => {
  it('parses a feed, whatever its declared type', () => {
    for (const contentType of ['application/rss+xml', 'text/xml', 'text/html', 'application/octet-stream', '']) {
      const found = discoverFeed(response(RSS_2, contentType, 'https://slow.example/feed'))
      expect(found.kind).toBe('feed')
      if (found.kind === 'feed') expect(found.feed.title).toBe('Slow Reading')
    }
    expect(discoverFeed(response(ATOM_XML_BASE, 'application/atom+xml')).kind).toBe('feed')
    expect(discoverFeed(response(JSON_FEED, 'application/json')).kind).toBe('feed')
  })

  it('returns the feeds a page links to, absolute (against <base>), comment feeds last', () => {
    const found = discoverFeed(
      response(HTML_WITH_FEED_LINKS, 'text/html; charset=utf-8', 'https://blog.example/2025/post')
    )
    expect(found).toEqual({
      kind: 'links',
      candidates: [
        { url: 'https://blog.example/base/feed.xml', title: 'Posts & more', type: 'application/rss+xml' },
        { url: 'https://blog.example/atom.xml', title: null, type: 'application/atom+xml' },
        { url: 'https://blog.example/feed.json', title: null, type: 'application/feed+json' },
        { url: 'https://blog.example/base/comments/feed', title: 'Comments Feed', type: 'application/rss+xml' }
      ]
    })
  })

  it('offers the common feed paths for a page without feed links', () => {
    const found = discoverFeed(response(HTML_WITHOUT_FEED_LINKS, 'text/html', 'https://plain.example/blog/post'))
    expect(found.kind).toBe('guesses')
    if (found.kind !== 'guesses') return
    const urls = found.candidates.map((c) => c.url)
    expect(urls.slice(0, 3)).toEqual([
      'https://plain.example/blog/feed',
      'https://plain.example/blog/rss',
      'https://plain.example/blog/atom.xml'
    ])
    for (const path of ['/feed', '/rss', '/atom.xml', '/feed.xml', '/index.xml', '/rss.xml']) {
      expect(urls).toContain(`https://plain.example${path}`)
    }
  })

  it('guesses at the root only for a root page', () => {
    expect(guessFeedUrls('https://root.example/')[0]?.url).toBe('https://root.example/feed')
    expect(guessFeedUrls('https://root.example/').every((c) => c.url.startsWith('https://root.example/'))).toBe(true)
  })

  it('refuses a PDF, saying it is a PDF, even when the server calls it HTML', () => {
    for (const contentType of ['application/pdf', 'text/html', '']) {
      const found = discoverFeed(response(PDF_BYTES, contentType, 'https://docs.example/paper.pdf'))
      expect(found.kind).toBe('none')
      if (found.kind === 'none') {
        expect(found.error.code).toBe('NOT_A_FEED')
        expect(found.error.message).toMatch(/docs\.example returned a PDF document, not a feed/)
      }
    }
  })

  it('refuses an image, an empty body and a non-feed JSON document by name', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])
    const message = (r: FetchedResponse) => {
      const found = discoverFeed(r)
      return found.kind === 'none' ? found.error.message : found.kind
    }
    expect(message(response(png, 'image/png'))).toMatch(/an image/)
    expect(message(response('', 'text/html'))).toMatch(/an empty response/)
    expect(message(response('{"posts":[]}', 'application/json'))).toMatch(/JSON document that is not a JSON Feed/)
  })

  it('reports a 404 page as HTTP_404, not as a page to search for feeds', () => {
    const found = discoverFeed(
      response('<html><body>Not found</body></html>', 'text/html', 'https://x.example/feed', 404)
    )
    expect(found).toMatchObject({ kind: 'none', error: { code: 'HTTP_404' } })
  })

  it('reads a page in a legacy encoding for its links', () => {
    const page =
      '<html><head><meta charset="windows-1252"><link rel="alternate" type="application/rss+xml" title="Caf\xe9" href="/f"></head></html>'
    const bytes = Uint8Array.from(page, (c) => c.charCodeAt(0))
    const found = discoverFeed(response(bytes, 'text/html'))
    expect(found).toMatchObject({ kind: 'links', candidates: [{ title: 'Café', url: 'https://blog.example/f' }] })
  })

  it('stays linear on a hostile page: deep nesting and thousands of links', () => {
    const deep = `<html><head>${'<div>'.repeat(100_000)}${'</span>'.repeat(100_000)}</head></html>`
    expect(discoverFeed(response(deep, 'text/html')).kind).toBe('guesses')
    const links = Array.from(
      { length: 50_000 },
      (_, i) => `<link rel="alternate" type="application/rss+xml" href="/f${i}">`
    ).join('')
    const found = discoverFeed(response(`<html><head>${links}</head></html>`, 'text/html'))
    expect(found.kind === 'links' && found.candidates.length).toBe(20)
  })

  it('has a message for a site where nothing was found', () => {
    const error = noFeedFound('https://plain.example/blog/post', true)
    expect(error.code).toBe('NOT_A_FEED')
    expect(error.message).toMatch(
      /plain\.example is a web page without a feed link, and none of the usual feed addresses/
    )
  })
})
