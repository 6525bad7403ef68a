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
