import { describe, expect, it } from 'vitest'
import { readOpml } from '../../src/core/feeds/read-opml'
import { writeOpml } from '../../src/core/feeds/write-opml'
import { LecternError } from '../../src/shared/errors'
import { OPML_WITH_FOLDERS, RSS_2 } from '../support/feed-fixtures'

describe('readOpml', () => {
  it('reads feeds with their folders, once each, skipping what is not a web feed', () => {
    const result = readOpml(new TextEncoder().encode(OPML_WITH_FOLDERS))
    expect(result.title).toBe('My subscriptions')
    expect(result.feeds).toEqual([
      {
        url: 'https://slow.example/feed.xml',
        title: 'Slow & Steady',
        folder: 'Tech',
        siteUrl: 'https://slow.example/'
      },
      { url: 'https://nested.example/rss', title: 'Nested', folder: 'Tech / Deep', siteUrl: null },
      { url: 'http://daily.example/rss', title: 'Daily', folder: 'News', siteUrl: null },
      { url: 'https://top.example/atom.xml', title: 'Top level', folder: null, siteUrl: null }
    ])
    expect(result.skipped).toBe(2) // the duplicate and the javascript: address
  })

  it('reads a damaged OPML file (unclosed outlines, bare ampersands)', () => {
    const damaged = `<opml version="1.0"><head><title>Old & tired</title></head><body>
      <outline text="Folder"><outline text="A & B" xmlUrl="https://a.example/rss?x=1&y=2">
      <outline text="C" xmlUrl="https://c.example/rss"/>`
    const result = readOpml(damaged)
    expect(result.feeds.map((f) => [f.url, f.folder])).toEqual([
      ['https://a.example/rss?x=1&y=2', 'Folder'],
      ['https://c.example/rss', 'Folder']
    ])
  })

  it('refuses a feed or a web page given as OPML, saying what it is', () => {
    const error = (input: string) => {
      try {
        readOpml(input)
      } catch (e) {
        return e as LecternError
      }
      throw new Error('expected a refusal')
    }
    expect(error(RSS_2)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/a feed, not an OPML/) })
    expect(error('<!doctype html><html></html>').message).toMatch(/a web page, not an OPML/)
    expect(error('hello').code).toBe('INVALID_INPUT')
  })

  it('caps the number of feeds read', () => {
    const outlines = Array.from(
      { length: 50 },
      (_, i) => `<outline text="f${i}" xmlUrl="https://f.example/${i}"/>`
    ).join('')
    const result = readOpml(`<opml version="2.0"><body>${outlines}</body></opml>`, { maxBytes: 1e6, maxFeeds: 10 })
    expect(result.feeds).toHaveLength(10)
    expect(result.skipped).toBe(40)
  })

  it('survives deeply nested outlines', () => {
    const deep = `<opml version="2.0"><body><outline text="top" xmlUrl="https://top.example/rss"/>${'<outline text="d">'.repeat(100_000)}</body></opml>`
    expect(readOpml(deep).feeds.map((f) => f.url)).toEqual(['https://top.example/rss'])
  })
})

describe('writeOpml', () => {
  const feeds = [
    {
      url: 'https://a.example/feed?x=1&y=2',
      title: 'A "quoted" <title> & more',
      folder: 'Tech & Science',
      siteUrl: 'https://a.example/'
    },
    { url: 'https://b.example/rss', title: 'B', folder: null },
    { url: 'https://c.example/atom', title: 'C\u0001 with a control character', folder: 'Tech & Science' },
    { url: 'https://d.example/feed.json', title: 'D', folder: 'News' }
  ]

  it('writes OPML 2.0 with folders as outlines, escaped', () => {
    const xml = writeOpml(feeds, { title: 'Mine', now: new Date('2025-06-01T00:00:00Z') })
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<opml version="2.0">/)
    expect(xml).toContain('text="A &quot;quoted&quot; &lt;title&gt; &amp; more"')
    expect(xml).toContain('xmlUrl="https://a.example/feed?x=1&amp;y=2"')
    expect(xml).toContain('<dateCreated>Sun, 01 Jun 2025 00:00:00 GMT</dateCreated>')
    expect(xml).not.toContain('\u0001')
  })

  it('round-trips: what is written reads back as the same feeds and folders', () => {
    const back = readOpml(writeOpml(feeds))
    expect(back.feeds).toEqual([
      {
        url: 'https://a.example/feed?x=1&y=2',
        title: 'A "quoted" <title> & more',
        folder: 'Tech & Science',
        siteUrl: 'https://a.example/'
      },
      { url: 'https://c.example/atom', title: 'C with a control character', folder: 'Tech & Science', siteUrl: null },
      { url: 'https://b.example/rss', title: 'B', folder: null, siteUrl: null },
      { url: 'https://d.example/feed.json', title: 'D', folder: 'News', siteUrl: null }
    ])
    expect(back.title).toBe('Lectern subscriptions')
  })

  it('round-trips an imported file', () => {
    const first = readOpml(OPML_WITH_FOLDERS)
    const again = readOpml(writeOpml(first.feeds, { title: first.title ?? undefined }))
    expect(new Set(again.feeds.map((f) => JSON.stringify(f)))).toEqual(
      new Set(first.feeds.map((f) => JSON.stringify(f)))
    )
  })
})
