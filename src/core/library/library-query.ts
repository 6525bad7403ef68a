import { VIEW_MEMBERSHIP } from '../../shared/library-views'
import type { ArticleMeta, LibraryCounts, LibraryQuery } from '../../shared/types'

/** Largest page a query returns: a screenful many times over, small enough for IPC. */
export const MAX_PAGE = 500
export const DEFAULT_PAGE = 100

/** The predicate of a query: its view, narrowed by tag and site when given. */
export function queryFilter(query: LibraryQuery): (a: ArticleMeta) => boolean {
  const view = VIEW_MEMBERSHIP[query.view ?? 'all']
  const { tag, site } = query
  if (tag === undefined && site === undefined) return view
  return (a) => view(a) && (tag === undefined || a.tags.includes(tag)) && (site === undefined || a.siteName === site)
}

/** The sidebar's numbers, in one pass over the library. */
export function countLibrary(articles: Iterable<ArticleMeta>): LibraryCounts {
  const { inbox: isInbox, favorites: isFavorite, archive: isArchived } = VIEW_MEMBERSHIP
  let inbox = 0
  let favorites = 0
  let archive = 0
  let all = 0
  const tags = new Map<string, number>()
  const sites = new Map<string, number>()
  for (const a of articles) {
    all++
    if (isInbox(a)) inbox++
    if (isArchived(a)) archive++
    if (isFavorite(a)) favorites++
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
