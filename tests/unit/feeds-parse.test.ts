import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseFeed } from '../../src/core/feeds/parse-feed'
import { DEFAULT_FEED_LIMITS } from '../../src/core/feeds/feed-types'
import { LecternError } from '../../src/shared/errors'
import {
  ATOM_XML_BASE,
  BOM_BAD_ENTITIES,
  DUPLICATE_GUIDS,
  GBK_TEXT,
  HTML_TITLES,
  JSON_FEED,
  MALFORMED,
  RDF_FEED,
  RSS_2,
  gbkFeed
} from '../support/feed-fixtures'

const bytes = (text: string) => new TextEncoder().encode(text)
const parse = (body: string | Uint8Array, url = 'https://feeds.example/feed.xml', contentType = 'application/xml') =>
  parseFeed({ body: typeof body === 'string' ? bytes(body) : body, url, contentType })

function failure(run: () => unknown): LecternError {
  try {
    run()
  } catch (error) {
    if (error instanceof LecternError) return error
    throw error
  }
  throw new Error('expected a LecternError')
}

describe('parseFeed: formats', () => {
  it('reads RSS 2.0: content:encoded, dc:creator, relative links, permalink GUIDs, author names', () => {
    const feed = parse(RSS_2, 'https://slow.example/feed.xml')
    expect(feed).toMatchObject({ format: 'rss', title: 'Slow Reading', siteUrl: 'https://slow.example/' })
    expect(feed.feedUrl).toBe('https://slow.example/feed.xml')
    const [first, second, third] = feed.items
    expect(first).toMatchObject({
      id: 'slow-1',
      url: 'https://slow.example/posts/margins',
      title: 'On margins',
      publishedAt: '2025-06-10T04:00:00.000Z',
      author: 'Ann Author',
      summary: 'Why margins matter.'
    })
    expect(first?.contentHtml).toContain('at length')
    expect(second).toMatchObject({ url: 'https://slow.example/posts/relative', publishedAt: null })
    expect(second?.id).toBe('https://slow.example/posts/relative')
    expect(third).toMatchObject({
      id: 'https://slow.example/posts/permalink-only',
      url: 'https://slow.example/posts/permalink-only',
      author: 'Ed Itor',
      publishedAt: '2025-06-11T07:30:00.000Z'
    })
  })

  it('reads Atom 1.0, resolving links against nested xml:base and keeping text titles literal', () => {
    const feed = parse(ATOM_XML_BASE, 'https://feeds.example/atom')
    expect(feed).toMatchObject({ format: 'atom', title: 'Atom Notes', siteUrl: 'https://atom.example/blog/' })
    const [first, second, third] = feed.items
    expect(first).toMatchObject({
      id: 'tag:atom.example,2025:1',
      url: 'https://atom.example/blog/2025/first.html',
      baseUrl: 'https://atom.example/blog/2025/',
      publishedAt: '2025-06-01T08:00:00.000Z',
      author: 'Feed Author'
    })
    expect(first?.contentHtml).toBe('<p>See <a href="other.html">the other</a>.</p>')
    expect(second).toMatchObject({ url: 'https://atom.example/root/second', title: 'An xhtml title' })
    expect(second?.publishedAt).toBe('2025-06-02T00:00:00.000Z') // updated stands in for published
    expect(second?.summary).toBe('Plain summary with a literal <tag> in it.')
    expect(third?.title).toBe('Text title keeps <angle> brackets')
    expect(third?.contentHtml).toBe('<p>First paragraph.</p>\n<p>Second &amp; last.</p>')
  })

  it('reads JSON Feed 1.1: content_text, relative and external urls, numeric ids, untitled posts', () => {
    const feed = parse(JSON_FEED, 'https://micro.example/feed.json', 'application/feed+json')
    expect(feed).toMatchObject({ format: 'json', title: 'Micro', siteUrl: 'https://micro.example/' })
    const [first, second, third] = feed.items
    expect(first).toMatchObject({
      id: 'm-1',
      title: 'Titled post',
      author: 'Guest',
      publishedAt: '2025-05-01T13:00:00.000Z',
      summary: 'A summary',
      contentHtml: '<p>Hello <b>there</b></p>'
    })
    expect(second).toMatchObject({ id: 'm-2', url: 'https://micro.example/2', author: 'Micro Author' })
    expect(second?.title).toBe('A short untitled note with two paragraphs & an ampersand.')
    expect(second?.contentHtml).toBe('<p>A short untitled note</p>\n<p>with two paragraphs &amp; an ampersand.</p>')
    expect(third).toMatchObject({
      id: '3',
      url: 'https://other.example/linked',
      publishedAt: '2025-05-03T00:00:00.000Z'
    })
  })

  it('reads RDF (RSS 1.0) with Dublin Core dates and creators', () => {
    const feed = parse(RDF_FEED)
    expect(feed).toMatchObject({ format: 'rdf', title: 'RDF Site', siteUrl: 'https://rdf.example/' })
    expect(feed.items.map((i) => [i.id, i.title, i.publishedAt, i.author])).toEqual([
      ['https://rdf.example/a', 'First RDF item', '2025-04-01T00:00:00.000Z', 'Rita'],
      ['https://rdf.example/b', 'Second RDF item', null, null]
    ])
  })
})

describe('parseFeed: real-world malformations', () => {
  it('reads a feed with a byte order mark, HTML entities and bare ampersands; a bad date is null', () => {
    const feed = parse(BOM_BAD_ENTITIES, 'https://cafe.example/rss')
    expect(feed.title).toBe('Café & Bar News')
    expect(feed.items[0]).toMatchObject({
      title: 'Tom & Jerry … © 2025 — AT&T',
      url: 'https://cafe.example/tom?x=1&y=2',
      publishedAt: null
    })
  })

  it('turns HTML in titles into plain text', () => {
    expect(parse(HTML_TITLES).items.map((i) => i.title)).toEqual([
      'Escaped markup & entity',
      'CDATA markup & entity',
      'Raw element inside',
      'Spread over lines'
    ])
  })

  it('keeps items whose GUID is shared by different links apart, and lists a repeated item once', () => {
    const items = parse(DUPLICATE_GUIDS).items
    expect(items.map((i) => [i.id, i.title])).toEqual([
      ['https://dupes.example/1', 'One'],
      ['https://dupes.example/2', 'Two'],
      ['https://dupes.example/3', 'Three'],
      ['https://dupes.example/3b', 'Three again']
    ])
  })

  it('reads a GBK feed declared only in its XML declaration', () => {
    const feed = parse(gbkFeed(), 'https://gbk.example/rss', 'application/rss+xml')
    expect(feed.title).toBe(GBK_TEXT.title)
    expect(feed.items[0]?.title).toBe(GBK_TEXT.item)
    expect(feed.items[0]?.summary).toBe(GBK_TEXT.body)
  })

  it('reads a GBK feed served with a wrong ISO-8859-1 charset, trusting its declaration', () => {
    const feed = parse(gbkFeed(), 'https://gbk.example/rss', 'text/xml; charset=ISO-8859-1')
    expect(feed.items[0]?.title).toBe(GBK_TEXT.item)
  })

  it('reads a GBK feed labelled only by its Content-Type', () => {
    const xml = `<rss version="2.0"><channel><title>${GBK_TEXT.title}</title><item><title>${GBK_TEXT.item}</title><link>https://gbk.example/1</link></item></channel></rss>`
    const feed = parse(new Uint8Array(iconv.encode(xml, 'gbk')), 'https://gbk.example/rss', 'text/xml; charset=gbk')
    expect(feed.items[0]?.title).toBe(GBK_TEXT.item)
  })

  it('still yields every item of malformed XML: typo end tags, bare &, void tags, a truncated end', () => {
    const feed = parse(MALFORMED, 'https://broken.example/rss')
    expect(feed.title).toBe('Broken & Co')
    expect(feed.items.map((i) => [i.title, i.url])).toEqual([
      ['Alpha', 'https://broken.example/a'],
      ['Beta', 'https://broken.example/b'],
      ['Gamma', 'https://broken.example/c'],
      ['Epsilon', 'https://broken.example/e'],
      ['Delta', 'https://broken.example/d']
    ])
  })

  it('judges the format by the root element, past stylesheets, comments and a DOCTYPE', () => {
    const atomQuotingRss = `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="/s.xsl"?><!-- generated -->
      <!DOCTYPE feed [<!ENTITY x "y">]><feed xmlns="http://www.w3.org/2005/Atom"><title>Styled</title>
      <entry><id>1</id><title>About feeds</title><link href="https://s.example/1"/>
      <content type="html"><![CDATA[<pre><rss version="2.0"><item></item></rss></pre>]]></content></entry></feed>`
    const feed = parse(atomQuotingRss)
    expect(feed.format).toBe('atom')
    expect(feed.items.map((i) => i.title)).toEqual(['About feeds'])
  })

  it('gives an item without GUID or link a stable hash of its title and date', () => {
    const xml = (extra: string) =>
      `<rss version="2.0"><channel><title>T</title><item><title>Only a title</title><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate>${extra}</item></channel></rss>`
    const [a] = parse(xml('<description>one</description>')).items
    const [b] = parse(xml('<description>edited</description>')).items
    expect(a?.id).toMatch(/^sha256:[0-9a-f]{32}$/)
    expect(a?.id).toBe(b?.id)
    expect(a?.url).toBeNull()
  })

  it('drops links that are not http(s) or carry credentials', () => {
    const xml = `<rss version="2.0"><channel><title>T</title>
      <item><title>a</title><link>javascript:alert(1)</link></item>
      <item><title>b</title><link>https://user:pw@x.example/</link></item></channel></rss>`
    expect(parse(xml).items.map((i) => i.url)).toEqual([null, null])
  })
})

describe('parseFeed: refusals say what was found', () => {
  it('refuses an HTML page with NOT_A_FEED', () => {
    const error = failure(() => parse('<!doctype html><html><body>hi</body></html>', 'https://x.example/', 'text/html'))
    expect(error.code).toBe('NOT_A_FEED')
    expect(error.message).toMatch(/x\.example returned a web page, not a feed/)
  })

  it('refuses other XML and JSON by name', () => {
    expect(failure(() => parse('<svg xmlns="http://www.w3.org/2000/svg"/>')).message).toMatch(/XML document \(<svg>\)/)
    expect(failure(() => parse('{"hello":1}')).message).toMatch(/JSON document that is not a JSON Feed/)
  })

  it('refuses a feed over the size limit with TOO_LARGE', () => {
    const error = failure(() =>
      parseFeed({ body: bytes(RSS_2), url: 'https://x.example/' }, { ...DEFAULT_FEED_LIMITS, maxBytes: 100 })
    )
    expect(error.code).toBe('TOO_LARGE')
  })
})

describe('parseFeed: hostile input', () => {
  it('does not expand entities declared in a DOCTYPE (billion laughs)', () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('')
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">${entities}]><rss version="2.0"><channel><title>&l9;</title><item><title>&l9;</title><link>https://x.example/1</link></item></channel></rss>`
    const feed = parse(xml)
    expect(feed.title.length).toBeLessThan(20)
    expect(feed.items[0]?.title.length).toBeLessThan(20)
  })

  it('caps 100,000 items at the item limit, in document order', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => `<item><title>t${i}</title><guid>g${i}</guid></item>`).join(
      ''
    )
    const feed = parse(`<rss version="2.0"><channel><title>Many</title>${items}</channel></rss>`)
    expect(feed.items).toHaveLength(DEFAULT_FEED_LIMITS.maxItems)
    expect(feed.items[0]?.id).toBe('g0')
  })

  it('survives 100,000 nested elements, with and without mismatched end tags', () => {
    const deep = '<x>'.repeat(100_000)
    const head =
      '<rss version="2.0"><channel><title>Deep</title><item><title>kept</title><link>https://x.example/k</link></item>'
    expect(parse(`${head}${deep}</channel></rss>`).items.map((i) => i.title)).toEqual(['kept'])
    expect(parse(`${head}${deep}${'</y>'.repeat(100_000)}`).items.map((i) => i.title)).toEqual(['kept'])
    const inDescription = `${head}<item><title>deep body</title><description>${'<div>'.repeat(100_000)}</description></item></channel></rss>`
    expect(parse(inDescription).items.map((i) => i.title)).toEqual(['kept', 'deep body'])
  })

  it('bounds titles and summaries and drops oversized bodies', () => {
    const long = 'word '.repeat(50_000)
    const xml = `<rss version="2.0"><channel><title>${long}</title><item><title>${long}</title><link>https://x.example/1</link><description>${long}</description></item></channel></rss>`
    const feed = parseFeed(
      { body: bytes(xml), url: 'https://x.example/' },
      { ...DEFAULT_FEED_LIMITS, maxContentChars: 1000 }
    )
    expect(feed.title.length).toBeLessThanOrEqual(DEFAULT_FEED_LIMITS.maxTitleChars)
    expect(feed.items[0]?.summary?.length).toBeLessThanOrEqual(DEFAULT_FEED_LIMITS.maxSummaryChars)
    expect(feed.items[0]?.contentHtml).toBeNull()
  })

  it('reads random byte soup as NOT_A_FEED or a feed, never anything else', () => {
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pieces = [
      '<rss version="2.0">',
      '<channel>',
      '<item>',
      '<title>',
      '</title>',
      '&amp;',
      '&#x',
      ']]>',
      '<![CDATA[',
      '<',
      '>',
      'x',
      '"'
    ]
    for (let round = 0; round < 200; round++) {
      const soup = Array.from({ length: 60 }, () => pieces[Math.floor(random() * pieces.length)]).join('')
      try {
        const feed = parse(soup)
        expect(Array.isArray(feed.items)).toBe(true)
      } catch (error) {
        expect(error).toBeInstanceOf(LecternError)
        expect((error as LecternError).code).toBe('NOT_A_FEED')
      }
    }
  })
})
