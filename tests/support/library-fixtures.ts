import type { ArticleMeta } from '../../src/shared/types'

/** A stored article with plausible values; `n` makes it unique and orders it (saved n minutes after a fixed time). */
export function fixtureArticle(n: number, overrides: Partial<ArticleMeta> = {}): ArticleMeta {
  return {
    id: `a${n.toString(36).padStart(6, '0')}-${(Math.imul(n + 1, 2654435761) >>> 0).toString(16).padStart(8, '0')}`,
    url: `https://site${n % 13}.example/articles/${n}`,
    canonicalUrl: `https://site${n % 13}.example/articles/${n}`,
    title: `Article number ${n} about ${['tides', 'lighthouses', 'Kelp', 'ships', 'Anchors'][n % 5]}`,
    byline: n % 3 ? 'A. Writer' : null,
    siteName: n % 17 === 0 ? null : `Site ${n % 13}`,
    excerpt:
      'A short excerpt of the article, as the extractor found it, about two hundred characters long in a typical page. '.repeat(
        2
      ),
    lang: 'en',
    wordCount: 200 + ((n * 37) % 4000),
    readingMinutes: 1 + ((n * 37) % 4000) / 230,
    savedAt: new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString(),
    publishedAt: n % 4 === 0 ? null : new Date(Date.UTC(2019, 0, 1) + ((n * 7919) % 100_000) * 60_000).toISOString(),
    readAt: null,
    state: n % 3 === 0 ? 'archived' : 'unread',
    favorite: n % 7 === 0,
    tags: n % 5 === 0 ? ['sea'] : n % 5 === 1 ? ['sea', 'history'] : [],
    progress: 0,
    leadImage: n % 2 ? `assets/${'ab'.repeat(32)}.jpg` : null,
    ...overrides
  }
}
