import type { AddUrlResult } from '../../../shared/types'
import type { AppError } from '../../../shared/result'
import type { SliceCreator } from './app-state'

export type ImportStatus = 'idle' | 'saving' | 'done' | 'error'

export interface ImportSlice {
  importStatus: ImportStatus
  importError: AppError | null
  /** A sentence for the user after a successful save. */
  importMessage: string | null
  lastResult: AddUrlResult | null
  /** Saves a URL; resolves true on success so the form knows to clear its input. */
  addUrl(url: string): Promise<boolean>
}

export const createImportSlice: SliceCreator<ImportSlice> =
  ({ client }) =>
  (set, get) => ({
    importStatus: 'idle',
    importError: null,
    importMessage: null,
    lastResult: null,

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
      const { article, existed } = result.value
      // Reload rather than splice it in: the server decides where it sorts and which views it belongs to.
      // The success message comes after the reload, so "Saved" always means "and it is in the list".
      await get().load()
      if (get().articles.some((a) => a.id === article.id)) get().select(article.id)
      set({
        importStatus: 'done',
        lastResult: result.value,
        importMessage: existed ? `Already in your library: “${article.title}”` : `Saved “${article.title}”`
      })
      return true
    }
  })
