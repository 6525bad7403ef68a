import type { ArticleContent } from '../../../shared/types'
import type { AppError } from '../../../shared/result'
import type { LoadStatus, SliceCreator } from './app-state'
import { indexOfId } from './library-rows'

export interface ReaderSlice {
  /** The article shown in the reader, or null when the list is shown. */
  openId: string | null
  content: ArticleContent | null
  readerStatus: LoadStatus
  readerError: AppError | null
  /** How far the open article has been scrolled (0..1), live, for the progress bar. */
  readingProgress: number
  open(id: string): Promise<void>
  /** Extracts the open article again from its kept page, then shows the new version. */
  reextract(id: string): Promise<void>
  close(): void
  /** Opens the next (+1) or previous (-1) article of the current view; false when there is none. */
  openAdjacent(delta: 1 | -1): boolean
  /** The reader scrolled: shows it at once and saves it once scrolling pauses (debounced). */
  reportProgress(progress: number): void
  /** Saves a pending reading position now (leaving the article, closing the window). */
  flushProgress(): Promise<void>
}

export const createReaderSlice: SliceCreator<ReaderSlice> =
  ({ client, progressSaveDelayMs }) =>
  (set, get) => {
    let pending: { id: string; progress: number } | null = null
    let timer: ReturnType<typeof setTimeout> | null = null
    // Where the open article sat in the list, so n/p still work after it left the view (archived on finish).
    let openIndex = -1

    const flushProgress = async (): Promise<void> => {
      if (timer !== null) clearTimeout(timer)
      timer = null
      const save = pending
      pending = null
      if (!save) return
      const result = await client.api.setProgress(save)
      // A failed save is not worth interrupting reading for; the next scroll tries again.
      if (result.ok) get().applyArticleUpdate(result.value)
    }

    return {
      openId: null,
      content: null,
      readerStatus: 'idle',
      readerError: null,
      readingProgress: 0,

      async open(id) {
        void flushProgress()
        const index = indexOfId(get().rows, id)
        openIndex = index
        // The cursor follows the opened article so Back lands where the reader was.
        set({
          openId: id,
          content: null,
          readerStatus: 'loading',
          readerError: null,
          readingProgress: get().rows[index]?.progress ?? 0,
          selectedId: id,
          cursor: index,
          confirmDeleteId: null
        })
        const result = await client.api.getArticle({ id })
        // The user may have gone back or opened another article while this one loaded.
        if (get().openId !== id) return
        if (result.ok)
          set({ content: result.value, readerStatus: 'ready', readingProgress: result.value.meta.progress })
        else set({ readerStatus: 'error', readerError: result.error })
      },

      async reextract(id) {
        set({ readerStatus: 'loading', readerError: null })
        const result = await client.api.reextractArticle({ id })
        if (!result.ok) {
          set({ readerStatus: 'error', readerError: result.error })
          return
        }
        if (get().openId === id) await get().open(id)
      },

      close() {
        void flushProgress()
        set({
          openId: null,
          content: null,
          readerStatus: 'idle',
          readerError: null,
          confirmDeleteId: null,
          readingProgress: 0
        })
      },

      openAdjacent(delta) {
        const { rows, total, openId } = get()
        if (openId === null) return false
        const index = indexOfId(rows, openId)
        // Gone from the view: the article that slid into its place is "next", the one before it "previous".
        const position = index !== -1 ? index + delta : delta > 0 ? openIndex : openIndex - 1
        if (position < 0 || position >= total) return false
        const target = rows[position]
        if (target) {
          void get().open(target.id)
          return true
        }
        // The list is paged: fetch the page it is on, then open it (unless the reader moved on meanwhile).
        void get()
          .ensureRows(position, position)
          .then(() => {
            const loaded = get().rows[position]
            if (loaded && get().openId === openId) void get().open(loaded.id)
          })
        return true
      },

      reportProgress(progress) {
        const id = get().openId
        if (id === null) return
        const value = Math.min(1, Math.max(0, progress))
        set({ readingProgress: value })
        pending = { id, progress: value }
        if (timer !== null) clearTimeout(timer)
        timer = setTimeout(() => void flushProgress(), progressSaveDelayMs)
      },

      flushProgress
    }
  }
