import { mkdir } from 'node:fs/promises'
import { contract, type Handlers } from '../shared/contract'
import { LecternError } from '../shared/errors'
import { isSafeExternalUrl } from '../shared/external-url'
import { ok, type Result } from '../shared/result'
import type { AddUrlResult, ArticleMeta, LibraryQuery, Settings } from '../shared/types'
import { acquireDataLock } from './library/data-lock'
import { EventBus } from './event-bus'
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import/import-limits'
import { ImportQueue } from './import/import-queue'
import type { StoredArticle } from './import/store-article'
import { LibraryStore } from './library/library-store'
import type { StartPage } from './library/start-page'
import { SettingsStore } from './settings/settings-store'
import { SavedSearchStore } from './search/saved-searches'
import { SearchService, indexDirOf } from './search/search-service'

/** The import pipeline (jsdom, linkedom, ...) loads on the first save, not when the library opens. */
const pipeline = () => import('./import/import-pipeline')

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
  readonly store: LibraryStore
  readonly handlers: Handlers
  readonly events: EventBus
  /** Flushes pending writes and releases the data dir. */
  close(): Promise<void>
}

/** Pages fetched at once in a bulk import: enough to hide latency, few enough to be polite to one site. */
const BULK_CONCURRENCY = 4

/** Progress from which an article counts as read. */
const FINISHED = 0.98

/** Opens the library in a data dir (taking its one-writer lock) and builds the contract's handlers on it. */
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
  const limits = options.importLimits ?? DEFAULT_IMPORT_LIMITS
  const changed = (...ids: string[]) => events.emit('libraryChanged', { ids })
  // The search index (index/) is derived from the library: it opens on first search (rebuilding if it has
  // to) and follows every change through libraryChanged, whoever emits it.
  const search = new SearchService({
    indexDir: indexDirOf(dataDir),
    source: { all: () => store.all(), find: (id) => store.find(id), readTextBytes: (id) => store.readTextBytes(id) },
    onProgress: (progress) => events.emit('indexProgress', progress)
  })
  events.on('libraryChanged', ({ ids }) => search.changed(ids))
  const searchWarmUp =
    options.openSearchAfterMs === undefined
      ? null
      : setTimeout(
          () => void search.open().catch((error) => console.error('lectern: could not open the search index', error)),
          options.openSearchAfterMs
        )
  searchWarmUp?.unref()
  /** A single save is announced at once and answered once it is on disk. */
  const acknowledged = async ({ durable, ...result }: StoredArticle): Promise<AddUrlResult> => {
    if (!result.existed) changed(result.article.id)
    await durable
    return result
  }
  const imports = new ImportQueue({
    concurrency: options.bulkConcurrency ?? BULK_CONCURRENCY,
    importOne: async (url, cancel) => {
      const stored = await (await pipeline()).importUrl(store, url, limits, cancel)
      if (!stored.existed) changed(stored.article.id)
      return stored
    },
    onProgress: (progress) => events.emit('importProgress', progress)
  })

  const handlers: Handlers = {
    async listArticles({ view }) {
      // Every match, newest first: for the CLI and small libraries; lists in the app page with queryArticles.
      return store.query({ view: view ?? 'all', limit: Infinity }).items
    },
    async queryArticles(query) {
      return store.query(query)
    },
    async libraryCounts() {
      return store.counts()
    },
    async getLibraryStatus() {
      return store.status()
    },
    async dismissRepairs() {
      return { dismissed: await store.dismissRepairs() }
    },
    async getArticle({ id }) {
      const meta = store.get(id)
      const flagged = meta.contentMissing
      try {
        return { meta, html: await store.readContent(id) }
      } finally {
        if (meta.contentMissing && !flagged) changed(id) // now shown as "content missing" in every view
      }
    },
    async addUrl({ url }) {
      return acknowledged(await (await pipeline()).importUrl(store, url, limits))
    },
    async addUrls({ urls }) {
      return imports.start(urls)
    },
    async cancelImport({ batchId }) {
      return imports.cancel(batchId)
    },
    async addHtml({ base64, fileName }) {
      return acknowledged(await (await pipeline()).importHtml(store, Buffer.from(base64, 'base64'), fileName, limits))
    },
    async reextractArticle({ id }) {
      const article = await (await pipeline()).reextractArticle(store, id, limits)
      changed(id)
      return article
    },
    async deleteArticle({ id }) {
      await store.remove(id)
      changed(id)
      return { id }
    },
    async deleteArticles({ ids }) {
      const result = store.trashMany(ids)
      if (result.ids.length) changed(...result.ids)
      return result
    },
    async undoDelete({ token }) {
      const ids = store.undoTrash(token)
      if (ids.length) changed(...ids)
      return { ids }
    },
    async setArchivedMany({ ids, archived }) {
      const now = new Date().toISOString()
      const done = store.updateMany(ids, (a) =>
        archived
          ? a.state === 'archived'
            ? null
            : { state: 'archived', readAt: now }
          : a.state === 'unread'
            ? null
            : { state: 'unread' }
      )
      if (done.length) changed(...done)
      return { ids: done }
    },
    async setFavoriteMany({ ids, favorite }) {
      const done = store.updateMany(ids, (a) => (a.favorite === favorite ? null : { favorite }))
      if (done.length) changed(...done)
      return { ids: done }
    },
    async addTags({ ids, tags }) {
      const done = store.addTags(ids, tags)
      if (done.length) changed(...done)
      return { ids: done }
    },
    async removeTags({ ids, tags }) {
      const done = store.removeTags(ids, tags)
      if (done.length) changed(...done)
      return { ids: done }
    },
    async renameTag({ from, to }) {
      const done = store.mergeTags([from], to)
      if (done.length) changed(...done)
      return { ids: done }
    },
    async mergeTags({ tags, into }) {
      const done = store.mergeTags(tags, into)
      if (done.length) changed(...done)
      return { ids: done }
    },
    async setArchived({ id, archived }) {
      const article = await store.update(
        id,
        archived ? { state: 'archived', readAt: new Date().toISOString() } : { state: 'unread' }
      )
      changed(id)
      return article
    },
    async setFavorite({ id, favorite }) {
      const article = await store.update(id, { favorite })
      changed(id)
      return article
    },
    async setProgress({ id, progress }) {
      const article = store.get(id)
      const change: Partial<ArticleMeta> = { progress }
      // Reaching the end is what "read" means; the article is archived too when the user asked for that.
      if (progress >= FINISHED && article.progress < FINISHED) {
        change.readAt = new Date().toISOString()
        if (settings.get().archiveOnFinish) change.state = 'archived'
      }
      const updated = await store.update(id, change)
      if (change.readAt) changed(id)
      return updated
    },
    async getSettings() {
      return settings.get()
    },
    async updateSettings(change) {
      const updated = await settings.update(change)
      events.emit('settingsChanged', updated)
      return updated
    },
    async openExternal({ url }) {
      if (!isSafeExternalUrl(url)) {
        throw new LecternError('UNSUPPORTED_SCHEME', 'Only http, https and mailto links can be opened.')
      }
      if (!options.openExternal)
        throw new LecternError('NOT_SUPPORTED', 'Opening links is done by the browser in browser mode.')
      await options.openExternal(url)
      return { opened: true }
    },
    async search(input) {
      return search.search(input)
    },
    async listSavedSearches() {
      return savedSearches.list()
    },
    async saveSearch(input) {
      return savedSearches.save(input)
    },
    async deleteSavedSearch({ id }) {
      await savedSearches.delete(id)
      return { id }
    }
  }

  let closed = false
  return {
    dataDir,
    store,
    handlers,
    events,
    async close() {
      if (closed) return
      closed = true
      imports.cancelAll()
      if (searchWarmUp) clearTimeout(searchWarmUp)
      await store.close() // pending saves flushed, deletes past undo removed from disk
      await search.close()
      release()
    }
  }
}
