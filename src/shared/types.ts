/** Metadata of one saved article: what library.json holds. Bodies live in files, never here. */
export interface ArticleMeta {
  id: string
  /** The address the user saved. */
  url: string
  /** Where the page finally came from after redirects (or its rel=canonical). */
  canonicalUrl: string
  title: string
  byline: string | null
  siteName: string | null
  excerpt: string | null
  lang: string | null
  wordCount: number
  readingMinutes: number
  /** ISO 8601 timestamps. */
  savedAt: string
  publishedAt: string | null
  readAt: string | null
  state: 'unread' | 'archived'
  favorite: boolean
  tags: string[]
  /** Reading progress, 0..1. */
  progress: number
  /** Local asset path relative to the article folder (assets/<sha256>.<ext>), if the article has a lead image. */
  leadImage: string | null
}

/** An article with its stored, sanitized HTML. Image references are relative: assets/<sha256>.<ext>. */
export interface ArticleContent {
  meta: ArticleMeta
  html: string
}

export const LIBRARY_VIEWS = ['inbox', 'favorites', 'archive', 'all'] as const
export type LibraryView = (typeof LIBRARY_VIEWS)[number]

export interface AddUrlResult {
  article: ArticleMeta
  /** True when the URL was already in the library; the existing article is returned, nothing is duplicated. */
  existed: boolean
}
