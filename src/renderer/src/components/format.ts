import type { ArticleMeta, LibrarySort, LibraryView, SortOrder } from '../../../shared/types'

/** "N min read", never "0 min read": a short article still takes a minute. */
export function readingTime(minutes: number): string {
  return `${Math.max(1, Math.round(minutes))} min read`
}

export const VIEW_LABELS: Record<LibraryView, string> = {
  inbox: 'Inbox',
  favorites: 'Favorites',
  archive: 'Archive',
  all: 'All'
}

export const EMPTY_TEXT: Record<LibraryView, string> = {
  inbox: 'No articles yet. Paste a URL above to save one.',
  favorites: 'No favorites yet. Press f or the star on an article to add one.',
  archive: 'Nothing archived yet. Press a on an article you have finished.',
  all: 'No articles yet. Paste a URL above to save one.'
}

/** A publication date as people write it ("14 March 2026"), or null when there is none or it is not a date. */
export function formatDate(iso: string | null): string | null {
  if (!iso) return null
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return null
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(date)
}

/** "Ada Marsh · Harbour Gazette · 14 March 2026 · 5 min read": the line under a title, for print. */
export function articleDetails(meta: ArticleMeta): string {
  return [meta.byline, meta.siteName, formatDate(meta.publishedAt), readingTime(meta.readingMinutes)]
    .filter(Boolean)
    .join(' · ')
}

/** "40%" of a 0..1 fraction, rounded down so an unfinished article never shows 100%. */
export function percent(fraction: number): number {
  return Math.max(0, Math.min(100, Math.floor(fraction * 100)))
}

/** The heading of the list: the view, or the tag or site it is narrowed to. */
export function listTitle({ view, tag, site }: { view: LibraryView; tag: string | null; site: string | null }): string {
  if (tag !== null) return `#${tag}`
  if (site !== null) return site
  return VIEW_LABELS[view]
}

export const SORT_LABELS: Record<LibrarySort, string> = {
  saved: 'Date saved',
  published: 'Date published',
  title: 'Title',
  site: 'Site',
  readingTime: 'Reading time'
}

/** What "descending" and "ascending" mean for each order, in words. */
export function orderLabel(sort: LibrarySort, order: SortOrder): string {
  const words: Record<LibrarySort, [string, string]> = {
    saved: ['Newest first', 'Oldest first'],
    published: ['Newest first', 'Oldest first'],
    title: ['Z to A', 'A to Z'],
    site: ['Z to A', 'A to Z'],
    readingTime: ['Longest first', 'Shortest first']
  }
  return words[sort][order === 'desc' ? 0 : 1]
}

/** "1 article", "3 articles". */
export function articlesCount(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'article' : 'articles'}`
}
