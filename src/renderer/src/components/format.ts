import type { LibraryView } from '../../../shared/types'

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
