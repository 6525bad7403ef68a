/**
 * The names in the contract: methods, events and their IPC channels. Kept free of zod (and of any runtime
 * dependency) so that the sandboxed preload, which can only require electron, and the renderer, whose CSP
 * forbids the eval that zod probes for, can import them. contract.ts is checked against these lists.
 */
import type { ImportProgress, IndexProgress, Settings } from './types'

export const METHOD_NAMES = [
  'listArticles',
  'getArticle',
  'addUrl',
  'addUrls',
  'addHtml',
  'reextractArticle',
  'cancelImport',
  'deleteArticle',
  'setArchived',
  'setFavorite',
  'setProgress',
  'queryArticles',
  'libraryCounts',
  'setArchivedMany',
  'setFavoriteMany',
  'addTags',
  'removeTags',
  'renameTag',
  'mergeTags',
  'deleteArticles',
  'undoDelete',
  'getLibraryStatus',
  'dismissRepairs',
  'getSettings',
  'updateSettings',
  'openExternal',
  'search',
  'listSavedSearches',
  'saveSearch',
  'deleteSavedSearch'
] as const
export type MethodName = (typeof METHOD_NAMES)[number]

/** Events pushed from the core to every window: name → payload. */
export interface EventPayloads {
  /** Something in the library changed (added, deleted, archived, ...); views should refresh. */
  libraryChanged: { ids: string[] }
  /** Reading settings changed (in this or another window). */
  settingsChanged: Settings
  /** A bulk import made progress (one item started or finished, or the batch ended). */
  importProgress: ImportProgress
  /** The search index is loading or being rebuilt (phase "ready" once it answers queries). */
  indexProgress: IndexProgress
}
export type EventName = keyof EventPayloads
export const EVENT_NAMES = [
  'libraryChanged',
  'settingsChanged',
  'importProgress',
  'indexProgress'
] as const satisfies readonly EventName[]

/** IPC channel names, derived so main and preload cannot disagree. */
export const ipcChannel = (name: MethodName): string => `lectern:${name}`
export const ipcEventChannel = (name: EventName): string => `lectern:event:${name}`
