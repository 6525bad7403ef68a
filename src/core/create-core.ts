import { mkdir } from 'node:fs/promises'
import { contract, type Handlers } from '../shared/contract'
import { ok, type Result } from '../shared/result'
import type { LibraryQuery, Settings } from '../shared/types'
import { EventBus } from './event-bus'
import type { HandlerContext } from './handlers/context'
import { importHandlers } from './handlers/import'
import { libraryHandlers } from './handlers/library'
import { linkHandlers } from './handlers/links'
import { searchHandlers } from './handlers/search'
import { settingsHandlers } from './handlers/settings'
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import/import-limits'
import { acquireDataLock } from './library/data-lock'
import { idsToRefresh } from './library/library-changes'
import { LibraryStore, type StartPage } from './library/library-store'
import { SavedSearchStore } from './search/saved-searches'
import { SearchService, indexDirOf } from './search/search-service'
import { SettingsStore } from './settings/settings-store'

export interface CoreOptions {
  dataDir: string
  /** How this host opens a checked external link (Electron: shell.openExternal). Absent: not supported. */
  openExternal?: (url: string) => Promise<void>
  /** Fetch limits; tests shrink them. */
  importLimits?: ImportLimits
  /** Pages fetched at once in a bulk import (default BULK_CONCURRENCY); the benchmark compares values. */
  bulkConcurrency?: number
  /**
   * Called once the data dir's lock is held, before the library is read: `lectern serve` then serves the
   * app while a large library opens, knowing the commonest failure (library in use) is already ruled out.
   */
  onLocked?: () => void
  /** Called once, before the library is read, with what can be answered meanwhile (see answerEarly). */
  onEarly?: (early: EarlyAnswers) => void
  /**
   * For long-lived processes (the app, `lectern serve`): open the search index in the background this long
   * after the library, so the first search finds it loaded, and a missing, stale or older index is rebuilt
   * (with progress events) before anyone searches. Without it the index opens on the first search, so a
   * short command (`lectern list`) never pays for it.
   */
  openSearchAfterMs?: number
}

/** What the core can answer while the library is still being read. */
export interface EarlyAnswers {
  settings: Settings
  /** The start page the last close left, when it still holds (see library/start-page.ts); else null. */
  start: StartPage | null
}

/**
 * The answer to a call from the early answers, or null when it has to wait for the library: settings (read
 * already), and from the start page the sidebar's numbers and the first page of the list the app opens on.
 * `lectern serve` uses it so a browser shows the list while a large library is still being read.
 */
export function answerEarly(early: EarlyAnswers, name: string, rawInput: unknown): Result<unknown> | null {
  if (name !== 'getSettings' && name !== 'libraryCounts' && name !== 'queryArticles') return null
  const input = contract[name].input.safeParse(rawInput ?? {})
  if (!input.success) return null // dispatch will say what is wrong
  if (name === 'getSettings') return ok(early.settings)
  if (!early.start) return null
  if (name === 'libraryCounts') return ok(early.start.counts)
  const asked: LibraryQuery = input.data
  const kept = early.start.query
  const same = (['view', 'tag', 'site', 'sort', 'order', 'offset', 'limit'] as const).every(
    (key) => asked[key] === kept[key]
  )
  return same ? ok(early.start.page) : null
}

/** The core as the transports see it: the contract's handlers, its events, and a clean shutdown. */
export interface LecternCore {
  readonly dataDir: string
  readonly handlers: Handlers
  readonly events: EventBus
  /** Writes pending library changes now (they reach the disk within about a second anyway). */
  flush(): Promise<void>
  /** Flushes pending writes and releases the data dir. */
  close(): Promise<void>
}

/** Pages fetched at once in a bulk import: enough to hide latency, few enough to be polite to one site. */
const BULK_CONCURRENCY = 4

/**
 * Opens the library in a data dir (taking its one-writer lock) and builds the contract's handlers on it
 * (src/core/handlers, one file per concern). The library store announces its own changes; the search index
 * and the windows' libraryChanged event follow them here, in one place.
 */
export async function createCore(options: CoreOptions): Promise<LecternCore> {
  const { dataDir } = options
  await mkdir(dataDir, { recursive: true })
  const release = acquireDataLock(dataDir)
  options.onLocked?.()
  let store: LibraryStore
  let settings: SettingsStore
  let savedSearches: SavedSearchStore
  try {
    // Settings first: a small file of their own, answered early while a large library is read.
    const openSettings = await SettingsStore.open(dataDir)
    settings = openSettings
    store = await LibraryStore.open(dataDir, {}, (start) => options.onEarly?.({ settings: openSettings.get(), start }))
    savedSearches = await SavedSearchStore.open(dataDir)
  } catch (error) {
    release()
    throw error
  }
  const events = new EventBus()
  // The search index (index/) is derived from the library: it opens on first search (rebuilding if it has
  // to) and follows every change the store announces.
  const search = new SearchService({
    indexDir: indexDirOf(dataDir),
    source: { all: () => store.all(), find: (id) => store.find(id), readTextBytes: (id) => store.readTextBytes(id) },
    onProgress: (progress) => events.emit('indexProgress', progress)
  })
  store.onChange((change) => {
    const ids = idsToRefresh(change)
    if (ids.length === 0) return
    search.changed(ids)
    events.emit('libraryChanged', { ids })
  })
  const searchWarmUp =
    options.openSearchAfterMs === undefined
      ? null
      : setTimeout(
          () => void search.open().catch((error) => console.error('lectern: could not open the search index', error)),
          options.openSearchAfterMs
        )
  searchWarmUp?.unref()

  const context: HandlerContext = {
    store,
    settings,
    savedSearches,
    search,
    events,
    limits: options.importLimits ?? DEFAULT_IMPORT_LIMITS,
    bulkConcurrency: options.bulkConcurrency ?? BULK_CONCURRENCY,
    openExternal: options.openExternal
  }
  const imports = importHandlers(context)
  const handlers = {
    ...libraryHandlers(context),
    ...imports.handlers,
    ...settingsHandlers(context),
    ...searchHandlers(context),
    ...linkHandlers(context)
  } satisfies Handlers

  let closed = false
  return {
    dataDir,
    handlers,
    events,
    flush: () => store.flush(),
    async close() {
      if (closed) return
      closed = true
      imports.stop()
      if (searchWarmUp) clearTimeout(searchWarmUp)
      await store.close() // pending saves flushed, deletes past undo removed from disk
      await search.close()
      release()
    }
  }
}
