import type { ArticleMeta } from '../../shared/types'

export const EXPORT_FORMATS = ['lectern', 'markdown', 'html', 'epub', 'csv', 'bookmarks'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** A highlight as exports carry it. */
export interface ExportHighlight {
  quote: string
  note: string | null
  color: string | null
  /** ISO 8601. */
  createdAt: string | null
}

/**
 * One article as the core hands it to an exporter. Exporters take an async iterable of these and look at
 * one at a time, so the core can read each from disk as it is asked for and the library is never in memory.
 */
export interface ExportArticle {
  meta: ArticleMeta
  /** The stored, sanitized HTML (content.html); images are relative: assets/<sha256>.<ext>. */
  html: string
  /** The stored plain text (content.txt); derived from `html` when absent. */
  text?: string
  /** The bytes of one of the article's images, by its relative path (assets/<sha256>.<ext>); rejects if missing. */
  readAsset(name: string): Promise<Uint8Array>
  highlights: ExportHighlight[]
}

/** What an export wrote. */
export interface ExportSummary {
  articles: number
  /** Image files written (each stored once per export where the format allows). */
  assets: number
  /** Images the HTML referred to that could not be read: left out of the export. */
  missingAssets: number
  /** Files written, relative to the output folder (directory formats only). */
  files: string[]
}

/** Media type of each stored image extension (the only kinds the library stores). */
export const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif'
}

const ASSET_REFERENCE = /assets\/[a-f0-9]{64}\.(?:jpg|png|gif|webp|avif)/g

/** The article's images: every asset path its HTML mentions, then its lead image, each once. */
export function articleAssets(article: Pick<ExportArticle, 'html' | 'meta'>): string[] {
  const names = new Set(article.html.match(ASSET_REFERENCE))
  if (article.meta.leadImage && /^assets\/[a-f0-9]{64}\.(?:jpg|png|gif|webp|avif)$/.test(article.meta.leadImage)) {
    names.add(article.meta.leadImage)
  }
  return [...names]
}
