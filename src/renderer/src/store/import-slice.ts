import type { AddUrlResult, ImportProgress } from '../../../shared/types'
import type { AppError } from '../../../shared/result'
import { toBase64 } from '../api/to-base64'
import type { SliceCreator } from './app-state'
import { indexOfId } from './library-rows'

export type ImportStatus = 'idle' | 'saving' | 'done' | 'error'

/** A file the user dropped on the window. */
export interface DroppedFile {
  name: string
  bytes: ArrayBuffer
}

export interface ImportSlice {
  importStatus: ImportStatus
  importError: AppError | null
  /** A sentence for the user after a successful save. */
  importMessage: string | null
  lastResult: AddUrlResult | null
  /** The bulk import being shown (running, or finished until dismissed). */
  bulk: ImportProgress | null
  /** Saves a URL; resolves true on success so the form knows to clear its input. */
  addUrl(url: string): Promise<boolean>
  /** Saves a page from a local HTML file. */
  addFile(file: DroppedFile): Promise<boolean>
  /** Starts saving many addresses; progress arrives through receiveImportProgress. */
  startBulk(urls: string[]): Promise<boolean>
  cancelBulk(): Promise<void>
  /** Starts a new batch with the addresses that failed in the shown one. */
  retryFailed(): Promise<void>
  dismissBulk(): void
  receiveImportProgress(progress: ImportProgress): void
}

export const createImportSlice: SliceCreator<ImportSlice> =
  ({ client }) =>
  (set, get) => {
    // Progress events can outrun the reply that names the batch (SSE and the POST answer race, and a small
    // batch may finish before its reply arrives): keep the newest snapshot of recent batches to catch up.
    const recent = new Map<string, ImportProgress>()
    const newest = (a: ImportProgress, b: ImportProgress | undefined) =>
      b && b.done >= a.done && (b.finished || !a.finished) ? b : a

    /** After a single save: reload, select it, and open it when it was already there (no duplicate is made). */
    async function afterSave(result: AddUrlResult): Promise<void> {
      const { article, existed } = result
      // Reload rather than splice it in: the server decides where it sorts and which views it belongs to.
      // The success message comes after the reload, so "Saved" always means "and it is in the list".
      await get().load()
      if (indexOfId(get().rows, article.id) !== -1) get().select(article.id)
      set({
        importStatus: 'done',
        lastResult: result,
        importMessage: existed ? `Already in your library: “${article.title}”` : `Saved “${article.title}”`
      })
      if (existed) void get().open(article.id)
    }

    return {
      importStatus: 'idle',
      importError: null,
      importMessage: null,
      lastResult: null,
      bulk: null,

      async addUrl(raw) {
        const url = raw.trim()
        if (get().importStatus === 'saving') return false
        if (url === '') {
          set({
            importStatus: 'error',
            importMessage: null,
            importError: { code: 'INVALID_URL', message: 'Paste the address of an article (https://…) to save it.' }
          })
          return false
        }
        set({ importStatus: 'saving', importError: null, importMessage: null })
        const result = await client.api.addUrl({ url })
        if (!result.ok) {
          set({ importStatus: 'error', importError: result.error })
          return false
        }
        await afterSave(result.value)
        return true
      },

      async addFile(file) {
        set({ importStatus: 'saving', importError: null, importMessage: null })
        const result = await client.api.addHtml({ base64: toBase64(file.bytes), fileName: file.name })
        if (!result.ok) {
          set({
            importStatus: 'error',
            importError: { ...result.error, message: `${file.name}: ${result.error.message}` }
          })
          return false
        }
        await afterSave(result.value)
        return true
      },

      async startBulk(urls) {
        const result = await client.api.addUrls({ urls })
        if (!result.ok) {
          set({ importStatus: 'error', importError: result.error })
          return false
        }
        set({
          bulk: newest(result.value, recent.get(result.value.batchId)),
          importStatus: 'idle',
          importError: null,
          importMessage: null
        })
        return true
      },

      async cancelBulk() {
        const bulk = get().bulk
        if (!bulk || bulk.finished) return
        const result = await client.api.cancelImport({ batchId: bulk.batchId })
        if (result.ok) get().receiveImportProgress(result.value)
      },

      async retryFailed() {
        const failed =
          get()
            .bulk?.items.filter((item) => item.status === 'failed')
            .map((item) => item.url) ?? []
        if (failed.length > 0) await get().startBulk(failed)
      },

      dismissBulk() {
        if (get().bulk?.finished) set({ bulk: null })
      },

      receiveImportProgress(progress) {
        recent.set(progress.batchId, progress)
        if (recent.size > 8) recent.delete(recent.keys().next().value as string)
        const shown = get().bulk
        // Only the batch on screen (another window may run its own); a stale snapshot never rolls back.
        if (!shown || shown.batchId !== progress.batchId || progress.done < shown.done) return
        set({ bulk: progress })
      }
    }
  }
