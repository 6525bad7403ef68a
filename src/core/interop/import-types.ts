import { LecternError } from '../../shared/errors'

/** Every export file Lectern reads. `--format` takes these names; otherwise the content decides. */
export const IMPORT_FORMATS = [
  'pocket',
  'pocket-html',
  'instapaper',
  'omnivore',
  'wallabag',
  'readwise',
  'raindrop',
  'karakeep',
  'bookmarks',
  'urls',
  'lectern'
] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** A highlight or note from another service. `quote` is '' for a note on the whole article. */
export interface ImportedHighlight {
  quote: string
  note: string | null
  color: string | null
  /** ISO 8601. */
  createdAt: string | null
}

/** One saved page as the export described it; null means "the export did not say". */
export interface ImportedItem {
  /** The address as in the source; one without a scheme gets https://. Always http(s). */
  url: string
  title: string | null
  /** ISO 8601. */
  savedAt: string | null
  tags: string[]
  state: 'unread' | 'archived' | null
  favorite: boolean | null
  /** 0..1. */
  progress: number | null
  /** HTML the export carried (not sanitized here: sanitize it like any page). */
  content: { html: string } | null
  highlights: ImportedHighlight[]
  /** Where in the file it came from, for messages: "line 12", "entry 3", "metadata_0_to_50.json entry 3". */
  origin: string
}

/** A row or entry that was not imported, and why (shown to the user). */
export interface SkippedEntry {
  origin: string
  reason: string
}

/** Where a parser puts what it read: items, and what it skipped. */
export interface Collected {
  items: ImportedItem[]
  skipped: SkippedEntry[]
}

/** What reading an export gives back (every format but the Lectern archive, which is streamed). */
export interface ImportResult {
  format: Exclude<ImportFormat, 'lectern'>
  items: ImportedItem[]
  skipped: SkippedEntry[]
}

/**
 * Caps on what an export file may make Lectern do. Every one is far above real exports (a 10,000-item
 * Pocket CSV is ~1.5 MB; a large Omnivore zip a few hundred MB) and stops a hostile file early.
 */
export const IMPORT_CAPS = {
  /** A text export (CSV, JSON, HTML, list), or one such file inside a zip. */
  maxTextBytes: 256 * 1024 * 1024,
  /** Everything read out of one Pocket or Omnivore zip, decompressed. */
  maxZipTotalBytes: 1024 * 1024 * 1024,
  /**
   * Entries listed in one zip (a 10,000-article Lectern archive has ~5 + its images each). Listing keeps
   * ~500 bytes an entry in memory until the import ends.
   */
  maxZipEntries: 400_000,
  /** One CSV record (a row, multi-line cells included). */
  maxCsvRecordBytes: 4 * 1024 * 1024,
  /** Nesting of a JSON export: real ones go 4 or 5 deep. */
  maxJsonDepth: 64,
  /** An address longer than this is not a page anyone saved. */
  maxUrlLength: 8192,
  maxTitleLength: 1000,
  maxTagLength: 200,
  maxTagsPerItem: 200,
  maxHighlightsPerItem: 10_000,
  /** Characters kept of one highlight's quote or note. */
  maxHighlightLength: 100_000,
  /** One article's HTML carried by an export; a larger one is left out and the page is fetched instead. */
  maxContentBytes: 32 * 1024 * 1024
} as const

/** The refusal of a whole file: names where it went wrong ("line 12: …") so the user can look. */
export function badExport(where: string, problem: string): LecternError {
  const place = where ? `${where}: ` : ''
  return new LecternError('BAD_EXPORT', `This export cannot be read (${place}${problem}). Nothing was imported.`)
}
