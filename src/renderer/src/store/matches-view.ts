import type { ArticleMeta, LibraryView } from '../../../shared/types'

/**
 * Whether an article belongs in a view. Used only to update the visible list right after a change; the
 * server's listArticles stays the authority and the next reload reconciles any difference.
 */
export function matchesView(article: ArticleMeta, view: LibraryView): boolean {
  switch (view) {
    case 'inbox':
      return article.state === 'unread'
    case 'favorites':
      return article.favorite
    case 'archive':
      return article.state === 'archived'
    case 'all':
      return true
  }
}

/** What the list shows: a view, optionally narrowed to one tag or one site (as queryArticles takes it). */
export interface ListFilter {
  view: LibraryView
  tag: string | null
  site: string | null
}

/** Whether an article belongs in the list as filtered; like matchesView, only for updates between reloads. */
export function matchesFilter(article: ArticleMeta, filter: ListFilter): boolean {
  return (
    matchesView(article, filter.view) &&
    (filter.tag === null || article.tags.includes(filter.tag)) &&
    (filter.site === null || article.siteName === filter.site)
  )
}
