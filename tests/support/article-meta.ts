import type { ArticleMeta } from '../../src/shared/types'

/** A complete ArticleMeta with neutral defaults; tests override what they care about. */
export function articleMeta(overrides: Partial<ArticleMeta> & { id: string }): ArticleMeta {
  const url = overrides.url ?? `https://example.test/${overrides.id}`
  return {
    url,
    canonicalUrl: url,
    title: `Article ${overrides.id}`,
    byline: null,
    siteName: 'Example',
    excerpt: null,
    lang: 'en',
    wordCount: 900,
    readingMinutes: 4,
    savedAt: '2026-01-01T00:00:00.000Z',
    publishedAt: null,
    readAt: null,
    state: 'unread',
    favorite: false,
    tags: [],
    progress: 0,
    leadImage: null,
    ...overrides
  }
}
