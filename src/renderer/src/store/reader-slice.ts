import type { ArticleContent } from '../../../shared/types'
import type { AppError } from '../../../shared/result'
import type { LoadStatus, SliceCreator } from './app-state'

export interface ReaderSlice {
  /** The article shown in the reader, or null when the list is shown. */
  openId: string | null
  content: ArticleContent | null
  readerStatus: LoadStatus
  readerError: AppError | null
  open(id: string): Promise<void>
  close(): void
}

export const createReaderSlice: SliceCreator<ReaderSlice> =
  ({ client }) =>
  (set, get) => ({
    openId: null,
    content: null,
    readerStatus: 'idle',
    readerError: null,

    async open(id) {
      // The cursor follows the opened article so Back lands where the reader was.
      set({ openId: id, content: null, readerStatus: 'loading', readerError: null, selectedId: id, confirmDeleteId: null })
      const result = await client.api.getArticle({ id })
      // The user may have gone back or opened another article while this one loaded.
      if (get().openId !== id) return
      if (result.ok) set({ content: result.value, readerStatus: 'ready' })
      else set({ readerStatus: 'error', readerError: result.error })
    },

    close() {
      set({ openId: null, content: null, readerStatus: 'idle', readerError: null, confirmDeleteId: null })
    }
  })
