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
  /**
   * Set (never stored) when the article's folder or content.html is missing from the data dir: the UI
   * shows "content missing, re-download?" instead of failing to open it.
   */
  contentMissing?: boolean
}

/** An article with its stored, sanitized HTML. Image references are relative: assets/<sha256>.<ext>. */
export interface ArticleContent {
  meta: ArticleMeta
  html: string
}

/** An article with its plain text (content.txt). */
export interface ArticleText {
  meta: ArticleMeta
  text: string
}

export const LIBRARY_VIEWS = ['inbox', 'favorites', 'archive', 'all'] as const
export type LibraryView = (typeof LIBRARY_VIEWS)[number]

/** Orders of a library list. `published` falls back to the saved date when a page gave no date. */
export const LIBRARY_SORTS = ['saved', 'published', 'title', 'site', 'readingTime'] as const
export type LibrarySort = (typeof LIBRARY_SORTS)[number]
/** `desc`: newest (or Z, or longest) first. */
export const SORT_ORDERS = ['desc', 'asc'] as const
export type SortOrder = (typeof SORT_ORDERS)[number]

/** One page of a library list: a view, optionally narrowed to a tag and/or a site. */
export interface LibraryQuery {
  view?: LibraryView
  tag?: string
  site?: string
  sort?: LibrarySort
  order?: SortOrder
  offset?: number
  limit?: number
}

/**
 * The list the app opens on: the first page of the Inbox, newest first. The core keeps its answer at close
 * (the start page), so `lectern serve` can show it while a large library is still being read.
 */
export const START_QUERY = {
  view: 'inbox',
  sort: 'saved',
  order: 'desc',
  offset: 0,
  limit: 200
} as const satisfies LibraryQuery

export interface LibraryPage {
  items: ArticleMeta[]
  /** How many articles match the whole query (for the scrollbar of a virtualized list). */
  total: number
  offset: number
}

/** The sidebar's numbers. Tags and sites are sorted by name. */
export interface LibraryCounts {
  inbox: number
  favorites: number
  archive: number
  all: number
  tags: { tag: string; count: number }[]
  sites: { site: string; count: number }[]
}

/** What a delete with undo returns: the token undoDelete takes, valid until `undoUntil` (ISO 8601). */
export interface DeleteResult {
  ids: string[]
  undoToken: string
  undoUntil: string
}

/** A library file that could not be read at open, and what was done about it. */
export interface RecoveryNotice {
  /** Path of the damaged file, relative to the data dir (library.json, library/meta-07.json). */
  file: string
  problem: 'unreadable' | 'invalid' | 'missing'
  /** Where the damaged file was moved (absolute path), so a user can inspect or send it; null if there was none. */
  movedTo: string | null
  /** The backup folder the file was restored from, or null when no good backup existed. */
  restoredFrom: string | null
  /** True when changes were lost: no backup, or changes newer than the backup. */
  lost: boolean
  /** A sentence for the user. */
  message: string
}

/** How the library opened: shown to the user once at start (recoveries, missing content). */
export interface LibraryStatus {
  schemaVersion: number
  /** The schema version the library was migrated from at this open, if any. */
  migratedFrom: number | null
  articles: number
  recovered: RecoveryNotice[]
  /** Articles whose content is missing from the data dir. */
  contentMissing: number
  /** Content folders no metadata points to, removed at open. */
  orphansRemoved: number
  /** Content folders no metadata points to, kept because metadata was recovered at this open. */
  orphansKept: number
  /** The last failure to save (disk full, permissions), or null; saving is retried. */
  saveError: string | null
}

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

export const SEARCH_SORTS = ['relevance', 'saved', 'published'] as const
export type SearchSort = (typeof SEARCH_SORTS)[number]

/** [start, end) offsets (UTF-16 code units, end exclusive) of a match inside a string. */
export type TextRange = [number, number]

/** One search result: enough to list it, highlight it and open it at its first match. */
export interface SearchHit {
  id: string
  title: string
  url: string
  siteName: string | null
  savedAt: string
  score: number
  /** Matches inside `title`. */
  titleHighlights: TextRange[]
  /** A piece of the body around the first match; `highlights` are offsets into `snippet.text`. */
  snippet: { text: string; highlights: TextRange[] }
}

export interface SearchResult {
  hits: SearchHit[]
  /** Matching articles in all (phrase queries: an upper bound when `totalIsEstimate`). */
  total: number
  totalIsEstimate: boolean
  tookMs: number
  /** The order used: the query's sort: operator, else relevance (or saved date for filter-only queries). */
  sort: SearchSort
}

/** A query the user keeps as a sidebar view. */
export interface SavedSearch {
  id: string
  name: string
  query: string
  createdAt: string
}

/** Progress of loading or rebuilding the search index (sent while it works, then once with phase "ready"). */
export interface IndexProgress {
  phase: 'loading' | 'rebuilding' | 'updating' | 'ready'
  done: number
  total: number
}
