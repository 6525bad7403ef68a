import { inView } from '../../../shared/library-views'
import type { ArticleMeta, LibraryView } from '../../../shared/types'

/** What the list shows: a view, optionally narrowed to one tag or one site (as queryArticles takes it). */
export interface ListFilter {
  view: LibraryView
  tag: string | null
  site: string | null
}

/**
 * Whether an article belongs in the list as filtered (views by the shared rule, shared/library-views.ts).
 * Used only to update the visible list right after a change; the core's queryArticles stays the authority
 * and the next reload reconciles any difference.
 */
export function matchesFilter(article: ArticleMeta, filter: ListFilter): boolean {
  return (
    inView(article, filter.view) &&
    (filter.tag === null || article.tags.includes(filter.tag)) &&
    (filter.site === null || article.siteName === filter.site)
  )
}
