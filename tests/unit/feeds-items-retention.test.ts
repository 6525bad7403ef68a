import { describe, expect, it } from 'vitest'
import { itemKeys, knownKeys, rememberItems, selectNewItems, type SeenItems } from '../../src/core/feeds/item-identity'
import { parseFeed } from '../../src/core/feeds/parse-feed'
import { expiredArticles, type RetentionCandidate } from '../../src/core/feeds/retention'

const DAY = 86_400_000
const rss = (items: string, title = 'Feed') =>
  new TextEncoder().encode(`<rss version="2.0"><channel><title>${title}</title>${items}</channel></rss>`)
const item = (guid: string, link: string, title = guid, date = 'Tue, 10 Jun 2025 04:00:00 GMT') =>
  `<item><guid>${guid}</guid><link>${link}</link><title>${title}</title><pubDate>${date}</pubDate></item>`

/** What a refresher does with a fetched feed: pick the new items, then remember everything it saw. */
function refresh(seen: SeenItems, body: Uint8Array, url: string, nowMs: number) {
  const feed = parseFeed({ body, url })
  const fresh = selectNewItems(feed.items, knownKeys(seen))
  return { fresh: fresh.map((i) => i.title), seen: rememberItems(seen, feed.items, nowMs) }
}

describe('item identity across refreshes', () => {
  it('adds only items not seen before, and nothing on an identical re-fetch', () => {
    const first = refresh(
      {},
      rss(item('a', 'https://s.example/a') + item('b', 'https://s.example/b')),
      'https://s.example/feed',
      0
    )
    expect(first.fresh).toEqual(['a', 'b'])
    const body = rss(
      item('c', 'https://s.example/c') + item('a', 'https://s.example/a') + item('b', 'https://s.example/b')
    )
    const second = refresh(first.seen, body, 'https://s.example/feed', DAY)
    expect(second.fresh).toEqual(['c'])
    expect(refresh(second.seen, body, 'https://s.example/feed', 2 * DAY).fresh).toEqual([])
  })

  it('recognises items after the feed moves (301) and its permalink GUIDs change scheme and host prefix', () => {
    const before = rss(item('http://www.s.example/post/1', 'http://www.s.example/post/1', 'One'))
    const { seen } = refresh({}, before, 'http://www.s.example/rss', 0)
    const after = rss(
      item('https://s.example/post/1/', 'https://s.example/post/1/?utm_source=rss', 'One') +
        item('https://s.example/post/2', 'https://s.example/post/2', 'Two')
    )
    expect(refresh(seen, after, 'https://s.example/feed', DAY).fresh).toEqual(['Two'])
  })

  it('recognises items after the feed moves to another host, by title and date', () => {
    const { seen } = refresh(
      {},
      rss(item('https://old.example/p/1', 'https://old.example/p/1', 'Moving day')),
      'https://old.example/rss',
      0
    )
    const after = rss(item('https://new.example/p/1', 'https://new.example/p/1', 'Moving day'))
    expect(refresh(seen, after, 'https://new.example/rss', DAY).fresh).toEqual([])
  })

  it('recognises an item whose generator switched from GUID to link', () => {
    const { seen } = refresh({}, rss(item('guid-1', 'https://s.example/1', 'x', '')), 'https://s.example/feed', 0)
    const noGuid = rss('<item><link>https://s.example/1</link><title>x</title></item>')
    expect(refresh(seen, noGuid, 'https://s.example/feed', DAY).fresh).toEqual([])
  })

  it('does not merge different undated items that share a title', () => {
    const body = rss(
      item('w1', 'https://s.example/w1', 'Weekly links', '') + item('w2', 'https://s.example/w2', 'Weekly links', '')
    )
    expect(refresh({}, body, 'https://s.example/feed', 0).fresh).toEqual(['Weekly links', 'Weekly links'])
  })

  it('keeps items still in the feed known however old, and forgets ones the feed dropped long ago', () => {
    const keys = itemKeys({ id: 'gone', url: null, title: 'Gone', publishedAt: null })
    let seen: SeenItems = Object.fromEntries(keys.map((k) => [k, 0]))
    const body = rss(item('kept', 'https://s.example/kept'))
    seen = refresh(seen, body, 'https://s.example/feed', 0).seen
    seen = refresh(seen, body, 'https://s.example/feed', 200 * DAY).seen
    expect(refresh(seen, body, 'https://s.example/feed', 201 * DAY).fresh).toEqual([])
    expect(Object.keys(seen).some((k) => keys.includes(k))).toBe(false)
  })

  it('bounds the record of seen keys', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ id: `i${i}`, url: null, title: `t${i}`, publishedAt: null }))
    expect(Object.keys(rememberItems({}, items, 0, { forgetAfterDays: 90, maxKeys: 30 }))).toHaveLength(30)
  })
})

describe('retention', () => {
  const now = new Date('2025-07-01T00:00:00Z')
  const article = (id: string, daysOld: number, extra: Partial<RetentionCandidate> = {}): RetentionCandidate => ({
    id,
    feedId: 'f1',
    savedAt: new Date(now.getTime() - daysOld * DAY).toISOString(),
    favorite: false,
    tags: [],
    state: 'unread',
    ...extra
  })

  it('removes feed items older than 30 days by default', () => {
    expect(expiredArticles([article('old', 31), article('new', 29)], now)).toEqual(['old'])
  })

  it('never removes what the user kept: favorites, tagged, archived, pinned; nor articles saved by hand', () => {
    const kept = [
      article('fav', 90, { favorite: true }),
      article('tagged', 90, { tags: ['later'] }),
      article('archived', 90, { state: 'archived' }),
      article('highlighted', 90, { pinned: true }),
      article('saved-by-hand', 90, { feedId: null })
    ]
    expect(expiredArticles(kept, now)).toEqual([])
  })

  it('uses the period of each feed; null keeps forever; a bad value removes nothing', () => {
    const articles = [
      article('a', 10, { feedId: 'short' }),
      article('b', 400, { feedId: 'forever' }),
      article('c', 400, { feedId: 'broken' }),
      article('d', 40, { feedId: 'default' })
    ]
    const rule = { defaultDays: 30, daysByFeed: { short: 7, forever: null, broken: Number.NaN } }
    expect(expiredArticles(articles, now, rule)).toEqual(['a', 'd'])
    expect(expiredArticles(articles, now, { defaultDays: null })).toEqual([])
  })
})
