/**
 * The names in the contract: methods, events and their IPC channels. Kept free of zod (and of any runtime
 * dependency) so that the sandboxed preload, which can only require electron, and the renderer, whose CSP
 * forbids the eval that zod probes for, can import them. contract.ts is checked against these lists.
 */
import type { ImportProgress, IndexProgress, Settings } from './types'

export const METHOD_NAMES = [
  'listArticles',
  'getArticle',
  'getArticleText',
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

/** Declares an event and its payload type P (a type-only phantom, as `method` does in contract.ts). */
const event = <P>(): { payload?: P } => ({})

/**
 * Events pushed from the core to every window, as one complete record: the names every transport forwards
 * (main over IPC, the server as SSE, the preload and the HTTP client to the page, the local API in-process)
 * are this record's keys, and the renderer handles each in a record typed over them, so an event added
 * here is forwarded everywhere or does not compile.
 */
export const EVENTS = {
  /** Something in the library changed (added, deleted, archived, ...); views should refresh. */
  libraryChanged: event<{ ids: string[] }>(),
  /** Reading settings changed (in this or another window). */
  settingsChanged: event<Settings>(),
  /** A bulk import made progress (one item started or finished, or the batch ended). */
  importProgress: event<ImportProgress>(),
  /** The search index is loading or being rebuilt (phase "ready" once it answers queries). */
  indexProgress: event<IndexProgress>()
}
export type EventName = keyof typeof EVENTS
/** Event name → payload. */
export type EventPayloads = { [E in EventName]: NonNullable<(typeof EVENTS)[E]['payload']> }
export const EVENT_NAMES = Object.keys(EVENTS) as readonly EventName[]

/** IPC channel names, derived so main and preload cannot disagree. */
export const ipcChannel = (name: MethodName): string => `lectern:${name}`
export const ipcEventChannel = (name: EventName): string => `lectern:event:${name}`
