import type { ArticleMeta, LibraryView } from './types'

/**
 * Which articles each view shows. The one definition: the core's queries and sidebar counts, and the
 * renderer's update of a loaded list between reloads, all ask this table.
 */
export const VIEW_MEMBERSHIP: Readonly<Record<LibraryView, (article: ArticleMeta) => boolean>> = {
  inbox: (a) => a.state === 'unread',
  favorites: (a) => a.favorite,
  archive: (a) => a.state === 'archived',
  all: () => true
}

/** Whether an article belongs in a view. */
export function inView(article: ArticleMeta, view: LibraryView): boolean {
  return VIEW_MEMBERSHIP[view](article)
}
