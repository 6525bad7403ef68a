import { mkdir } from 'node:fs/promises'
import type { Handlers } from '../shared/contract'
import { LecternError } from '../shared/errors'
import { isSafeExternalUrl } from '../shared/external-url'
import type { ArticleMeta, LibraryView } from '../shared/types'
import { acquireDataLock } from './data-lock'
import { EventBus } from './event-bus'
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import-limits'
import { ImportQueue } from './import-queue'
import { importHtml, reextractArticle } from './import-html'
import { importUrl } from './import-url'
import { LibraryStore } from './library-store'
import { SettingsStore } from './settings-store'

export interface CoreOptions {
  dataDir: string
  /** How this host opens a checked external link (Electron: shell.openExternal). Absent: not supported. */
  openExternal?: (url: string) => Promise<void>
  /** Fetch limits; tests shrink them. */
  importLimits?: ImportLimits
  /** Pages fetched at once in a bulk import (default BULK_CONCURRENCY); the benchmark compares values. */
  bulkConcurrency?: number
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

const VIEW_FILTERS: Record<LibraryView, (a: ArticleMeta) => boolean> = {
  inbox: (a) => a.state === 'unread',
  favorites: (a) => a.favorite,
  archive: (a) => a.state === 'archived',
  all: () => true
}

/** Opens the library in a data dir (taking its one-writer lock) and builds the contract's handlers on it. */
export async function createCore(options: CoreOptions): Promise<LecternCore> {
  const { dataDir } = options
  await mkdir(dataDir, { recursive: true })
  const release = acquireDataLock(dataDir)
  let store: LibraryStore
  let settings: SettingsStore
  try {
    store = await LibraryStore.open(dataDir)
    settings = await SettingsStore.open(dataDir)
  } catch (error) {
    release()
    throw error
  }
  const events = new EventBus()
  const limits = options.importLimits ?? DEFAULT_IMPORT_LIMITS
  const changed = (...ids: string[]) => events.emit('libraryChanged', { ids })
  const imports = new ImportQueue({
    concurrency: options.bulkConcurrency ?? BULK_CONCURRENCY,
    importOne: async (url, cancel) => {
      const result = await importUrl(store, url, limits, cancel)
      if (!result.existed) changed(result.article.id)
      return result
    },
    onProgress: (progress) => events.emit('importProgress', progress)
  })

  const handlers: Handlers = {
    async listArticles({ view }) {
      return store
        .all()
        .filter(VIEW_FILTERS[view ?? 'all'])
        .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
    },
    async getArticle({ id }) {
      return { meta: store.get(id), html: await store.readContent(id) }
    },
    async addUrl({ url }) {
      const result = await importUrl(store, url, limits)
      if (!result.existed) changed(result.article.id)
      return result
    },
    async addUrls({ urls }) {
      return imports.start(urls)
    },
    async cancelImport({ batchId }) {
      return imports.cancel(batchId)
    },
    async addHtml({ html, fileName }) {
      const result = await importHtml(store, html, fileName, limits)
      if (!result.existed) changed(result.article.id)
      return result
    },
    async reextractArticle({ id }) {
      const article = await reextractArticle(store, id, limits)
      changed(id)
      return article
    },
    async deleteArticle({ id }) {
      await store.remove(id)
      changed(id)
      return { id }
    },
    async setArchived({ id, archived }) {
      const article = await store.update(id, archived ? { state: 'archived', readAt: new Date().toISOString() } : { state: 'unread' })
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
      if (!options.openExternal) throw new LecternError('NOT_SUPPORTED', 'Opening links is done by the browser in browser mode.')
      await options.openExternal(url)
      return { opened: true }
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
      release()
    }
  }
}
