import type { ArticleMeta } from '../../shared/types'

/** What the index takes of an article when it adds it (the columns of doc-table.ts, and the title to index). */
export interface DocInfo {
  id: string
  title: string
  siteName: string | null
  byline: string | null
  tags: string[]
  lang: string | null
  state: 'unread' | 'archived'
  favorite: boolean
  read: boolean
  savedAt: string
  publishedAt: string | null
  /** Hash of the metadata above (and the word count): a different value means the index is stale for it. */
  fingerprint: number
  /** The address's host without www. (site: filter). */
  host: string
}

export function docInfo(meta: ArticleMeta): DocInfo {
  return {
    id: meta.id,
    title: meta.title,
    siteName: meta.siteName,
    byline: meta.byline,
    tags: meta.tags,
    lang: meta.lang,
    state: meta.state,
    favorite: meta.favorite,
    read: meta.readAt !== null,
    savedAt: meta.savedAt,
    publishedAt: meta.publishedAt,
    fingerprint: fingerprint(meta),
    host: hostOf(meta.url)
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '')
  } catch {
    return ''
  }
}

/** FNV-1a over the searchable metadata: cheap enough to check 50k articles at start. */
export function fingerprint(meta: ArticleMeta): number {
  const text = [
    meta.title,
    meta.url,
    meta.siteName ?? '',
    meta.byline ?? '',
    meta.tags.join('\u0002'),
    meta.lang ?? '',
    meta.state,
    meta.favorite ? 'f' : '',
    meta.readAt ? 'r' : '',
    meta.savedAt,
    meta.publishedAt ?? '',
    String(meta.wordCount)
  ].join('\u0001')
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
