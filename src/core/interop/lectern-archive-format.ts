import { z } from 'zod'
import { ARTICLE_ID_PATTERN } from '../../shared/article-id'
import type { ArticleMeta } from '../../shared/types'

// The Lectern archive: a zip with one folder per article, the same layout as the data dir, so it is also
// readable by hand (content.html opens in a browser; content.txt and meta.json in any editor).
//
//   manifest.json                          written last: format, version, counts
//   articles/<id>/meta.json                the article's metadata (ArticleMeta)
//   articles/<id>/content.html             stored, sanitized HTML; images as assets/<sha256>.<ext>
//   articles/<id>/content.txt              its plain text
//   articles/<id>/highlights.json          [{quote, note, color, createdAt}]
//   articles/<id>/assets/<sha256>.<ext>    its images, named by the SHA-256 of their bytes

export const ARCHIVE_FORMAT = 'lectern-archive'
/** Bumped when the layout changes in a way an older Lectern could not read. */
export const ARCHIVE_VERSION = 1

export const archiveManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.number().int().min(1),
  createdAt: z.string(),
  articles: z.number().int().min(0),
  assets: z.number().int().min(0),
  highlights: z.number().int().min(0)
})
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>

const text = (max: number) => z.string().max(max)
const date = z.string().max(64)

/**
 * An article's meta.json. The archive is a file from outside, so every field has a bound; `satisfies` ties
 * the schema to ArticleMeta, so a new field cannot be forgotten here (the archive version says what an
 * older file lacks).
 */
export const archiveMetaSchema = z.object({
  id: z.string().regex(ARTICLE_ID_PATTERN),
  url: text(8192),
  canonicalUrl: text(8192),
  title: text(10_000),
  byline: text(10_000).nullable(),
  siteName: text(10_000).nullable(),
  excerpt: text(100_000).nullable(),
  lang: text(64).nullable(),
  wordCount: z.number().min(0),
  readingMinutes: z.number().min(0),
  savedAt: date,
  publishedAt: date.nullable(),
  readAt: date.nullable(),
  state: z.enum(['unread', 'archived']),
  favorite: z.boolean(),
  tags: z.array(text(1000)).max(10_000),
  progress: z.number().min(0).max(1),
  leadImage: z
    .string()
    .regex(/^assets\/[a-f0-9]{64}\.(?:jpg|png|gif|webp|avif)$/)
    .nullable()
}) satisfies z.ZodType<Omit<ArticleMeta, 'contentMissing'>>

export const archiveHighlightSchema = z.object({
  quote: z.string().max(1_000_000),
  note: z.string().max(1_000_000).nullable(),
  color: z.string().max(100).nullable(),
  createdAt: z.string().max(64).nullable()
})

/** The path of an article's file inside the archive. */
export function archivePath(id: string, file: string): string {
  return `articles/${id}/${file}`
}

/** An article folder's entries are named articles/<id>/<file>; anything else is not part of an article. */
export const ARCHIVE_ENTRY = /^articles\/([^/]+)\/(.+)$/
/** An image file name inside an article's assets/ folder. */
export const ARCHIVE_ASSET = /^assets\/([a-f0-9]{64})\.(?:jpg|png|gif|webp|avif)$/
