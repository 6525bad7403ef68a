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

export const THEMES = ['system', 'light', 'sepia', 'dark'] as const
export type Theme = (typeof THEMES)[number]
export const FONT_FAMILIES = ['serif', 'sans', 'dyslexic'] as const
export type FontFamily = (typeof FONT_FAMILIES)[number]

/** Reading preferences, kept in the data dir (browser mode's origin changes with its port, so not localStorage). */
export interface Settings {
  theme: Theme
  fontFamily: FontFamily
  /** CSS pixels. */
  fontSize: number
  lineHeight: number
  /** Column width in em. */
  contentWidth: number
  justify: boolean
  /** Archive an article when its end is reached. */
  archiveOnFinish: boolean
}

export const SETTINGS_LIMITS = {
  fontSize: { min: 12, max: 32 },
  lineHeight: { min: 1.2, max: 2.2 },
  contentWidth: { min: 25, max: 60 }
} as const

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  fontFamily: 'serif',
  fontSize: 19,
  lineHeight: 1.6,
  contentWidth: 38,
  justify: false,
  archiveOnFinish: false
}

export type ImportItemStatus = 'queued' | 'saving' | 'saved' | 'existing' | 'failed' | 'cancelled'

/** One address of a bulk import, as the progress view shows it. */
export interface ImportItem {
  url: string
  status: ImportItemStatus
  articleId?: string
  title?: string
  error?: { code: string; message: string }
}

/** The state of a bulk import, sent with every change. */
export interface ImportProgress {
  batchId: string
  total: number
  /** Items finished in any way (saved, existing, failed or cancelled). */
  done: number
  saved: number
  existing: number
  failed: number
  cancelled: number
  finished: boolean
  items: ImportItem[]
}
