import type { ArticleMeta } from '../../shared/types'
import { foldText } from './fold-text'

/** What the index keeps of an article (persisted with it): what filters, results and staleness checks need. */
export interface DocInfo {
  id: string
  title: string
  url: string
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
  /** Body length in terms, for BM25's length normalization. */
  length: number
  /** The address's host without www. (site: filter); stored so loading does not parse 50k URLs. */
  host: string
}

/** A DocInfo with the folded values filters compare against, computed once per article. */
export interface SearchDoc extends DocInfo {
  savedMs: number
  publishedMs: number
  foldedTags: string[]
  foldedSite: string
  foldedAuthor: string
  foldedLang: string
}

/** The indexed metadata of an article; `length` is filled in by the indexer. */
export function docInfo(meta: ArticleMeta, length = 0): DocInfo {
  return {
    id: meta.id,
    title: meta.title,
    url: meta.url,
    siteName: meta.siteName,
    byline: meta.byline,
    tags: [...meta.tags],
    lang: meta.lang,
    state: meta.state,
    favorite: meta.favorite,
    read: meta.readAt !== null,
    savedAt: meta.savedAt,
    publishedAt: meta.publishedAt,
    fingerprint: fingerprint(meta),
    length,
    host: hostOf(meta.url)
  }
}

/** Adds the folded, parsed values to a DocInfo. */
export function searchDoc(info: DocInfo): SearchDoc {
  return {
    ...info,
    savedMs: Date.parse(info.savedAt) || 0,
    publishedMs: info.publishedAt ? Date.parse(info.publishedAt) || Number.NaN : Number.NaN,
    foldedTags: info.tags.map(foldText),
    foldedSite: foldText(info.siteName ?? ''),
    foldedAuthor: foldText(info.byline ?? ''),
    foldedLang: (info.lang ?? '').toLowerCase()
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
