import type { ArticleMeta, LibraryCounts, LibraryQuery, LibraryView } from '../../shared/types'

/** Largest page a query returns: a screenful many times over, small enough for IPC. */
export const MAX_PAGE = 500
export const DEFAULT_PAGE = 100

export const VIEW_FILTERS: Record<LibraryView, (a: ArticleMeta) => boolean> = {
  inbox: (a) => a.state === 'unread',
  favorites: (a) => a.favorite,
  archive: (a) => a.state === 'archived',
  all: () => true
}

/** The predicate of a query: its view, narrowed by tag and site when given. */
export function queryFilter(query: LibraryQuery): (a: ArticleMeta) => boolean {
  const view = VIEW_FILTERS[query.view ?? 'all']
  const { tag, site } = query
  if (tag === undefined && site === undefined) return view
  return (a) => view(a) && (tag === undefined || a.tags.includes(tag)) && (site === undefined || a.siteName === site)
}

/** The sidebar's numbers, in one pass over the library. */
export function countLibrary(articles: Iterable<ArticleMeta>): LibraryCounts {
  let inbox = 0
  let favorites = 0
  let archive = 0
  let all = 0
  const tags = new Map<string, number>()
  const sites = new Map<string, number>()
  for (const a of articles) {
    all++
    if (a.state === 'unread') inbox++
    else archive++
    if (a.favorite) favorites++
    for (const tag of a.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1)
    if (a.siteName) sites.set(a.siteName, (sites.get(a.siteName) ?? 0) + 1)
  }
  const byName =
    <K extends string>(name: K) =>
    (map: Map<string, number>) =>
      [...map]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, count]) => ({ [name]: key, count }) as { [P in K]: string } & { count: number })
  return { inbox, favorites, archive, all, tags: byName('tag')(tags), sites: byName('site')(sites) }
}

/** A tag as stored: trimmed, inner whitespace collapsed. Empty means "no tag". */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ')
}
