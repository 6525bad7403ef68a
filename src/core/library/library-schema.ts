import { z } from 'zod'
import { ARTICLE_ID_PATTERN } from '../../shared/article-id'
import type { ArticleMeta } from '../../shared/types'

/** The current schema version of the data dir's library files (see migrations.ts for the history). */
export const SCHEMA_VERSION = 2

const isoDate = z.string().max(64)

/** One article's metadata as stored. Unknown keys are dropped on read (contentMissing is derived, never trusted). */
export const articleMetaSchema = z.object({
  id: z.string().regex(ARTICLE_ID_PATTERN),
  url: z.string(),
  canonicalUrl: z.string(),
  title: z.string(),
  byline: z.string().nullable(),
  siteName: z.string().nullable(),
  excerpt: z.string().nullable(),
  lang: z.string().nullable(),
  wordCount: z.number(),
  readingMinutes: z.number(),
  savedAt: isoDate,
  publishedAt: isoDate.nullable(),
  readAt: isoDate.nullable(),
  state: z.enum(['unread', 'archived']),
  favorite: z.boolean(),
  tags: z.array(z.string()),
  progress: z.number(),
  leadImage: z.string().nullable()
}) satisfies z.ZodType<Omit<ArticleMeta, 'contentMissing'>>

/** library.json since v2: a small manifest; the articles live in library/meta-NN.json shards. */
export const manifestSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  shardCount: z.number().int().min(1).max(1024)
})
export type Manifest = z.infer<typeof manifestSchema>

/** One shard: the articles whose id hashes to `shard`. It names its place so a lost manifest can be rebuilt. */
export const shardSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  shard: z.number().int().min(0),
  shardCount: z.number().int().min(1).max(1024),
  articles: z.array(articleMetaSchema)
})
export type ShardData = z.infer<typeof shardSchema>

/** library.json as v1 wrote it: everything in one file. */
export const v1LibrarySchema = z.object({
  schemaVersion: z.literal(1),
  articles: z.array(articleMetaSchema)
})

/** Throws a readable error when a value does not match a schema (caught as DamagedFileError 'invalid'). */
export function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new Error(`not a Lectern library file (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'malformed'})`)
}

/** The schemaVersion a parsed library.json claims, or null when it claims none. */
export function claimedVersion(value: unknown): number | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null
  const version = (value as { schemaVersion?: unknown }).schemaVersion
  return typeof version === 'number' && Number.isInteger(version) ? version : null
}

const str = (v: unknown) => typeof v === 'string'
const strOrNull = (v: unknown) => v === null || typeof v === 'string'
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v)

/**
 * articleMetaSchema as a plain check: the same rules, without copying 50,000 objects at open (zod's parse
 * builds new ones: ~100 ms and as much again in garbage collection at 50k articles).
 */
export function isStoredArticle(v: unknown): v is ArticleMeta {
  if (!v || typeof v !== 'object') return false
  const a = v as Record<string, unknown>
  return (
    str(a.id) &&
    ARTICLE_ID_PATTERN.test(a.id as string) &&
    str(a.url) &&
    str(a.canonicalUrl) &&
    str(a.title) &&
    strOrNull(a.byline) &&
    strOrNull(a.siteName) &&
    strOrNull(a.excerpt) &&
    strOrNull(a.lang) &&
    num(a.wordCount) &&
    num(a.readingMinutes) &&
    str(a.savedAt) &&
    strOrNull(a.publishedAt) &&
    strOrNull(a.readAt) &&
    (a.state === 'unread' || a.state === 'archived') &&
    typeof a.favorite === 'boolean' &&
    Array.isArray(a.tags) &&
    a.tags.every(str) &&
    num(a.progress) &&
    strOrNull(a.leadImage)
  )
}

/** A shard as read from disk: checked quickly, and with zod only to explain what is wrong. */
export function checkShard(value: unknown): ShardData {
  const v = value as Partial<ShardData> | null
  if (
    v &&
    typeof v === 'object' &&
    v.schemaVersion === SCHEMA_VERSION &&
    Number.isInteger(v.shard) &&
    Number.isInteger(v.shardCount) &&
    (v.shardCount as number) >= 1 &&
    Array.isArray(v.articles) &&
    v.articles.every(isStoredArticle)
  ) {
    return v as ShardData
  }
  return check(shardSchema, value)
}
