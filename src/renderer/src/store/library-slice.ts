import type { ArticleMeta, LibraryView } from '../../../shared/types'
import type { AppError } from '../../../shared/result'
import type { AppState, LoadStatus, SliceCreator } from './app-state'
import { matchesView } from './matches-view'

export interface LibrarySlice {
  articles: ArticleMeta[]
  view: LibraryView
  libraryStatus: LoadStatus
  /** Why the list could not be loaded. */
  libraryError: AppError | null
  /** Why the last archive/favorite/delete failed; cleared by the next action. */
  actionError: AppError | null
  /** The keyboard cursor in the list. */
  selectedId: string | null
  /** The article whose inline "Delete? Yes / No" is showing. */
  confirmDeleteId: string | null
  load(): Promise<void>
  setView(view: LibraryView): Promise<void>
  archive(id: string, archived: boolean): Promise<void>
  favorite(id: string, favorite: boolean): Promise<void>
  remove(id: string): Promise<void>
  requestDelete(id: string): void
  cancelDelete(): void
  select(id: string | null): void
  /** Moves the cursor by delta (+1 next, -1 previous), clamped to the list. */
  moveSelection(delta: number): void
  dismissActionError(): void
  /** Puts an updated article into the list (or takes it out if it left the view) and into the reader. */
  applyArticleUpdate(meta: ArticleMeta): void
}

/** Removes one article from the list and keeps the cursor on its neighbour, so j/k/a/# flow naturally. */
function withoutArticle(state: AppState, id: string): Pick<AppState, 'articles' | 'selectedId'> {
  const index = state.articles.findIndex((a) => a.id === id)
  const articles = state.articles.filter((a) => a.id !== id)
  if (state.selectedId !== id) return { articles, selectedId: state.selectedId }
  const neighbour = articles[Math.min(index, articles.length - 1)]
  return { articles, selectedId: neighbour?.id ?? null }
}

export const createLibrarySlice: SliceCreator<LibrarySlice> =
  ({ client }) =>
  (set, get) => {
    // Loads can overlap (a view switch while a libraryChanged reload is in flight): only the newest may land.
    let loadSeq = 0

    /** Puts an updated article into the list (or takes it out if it no longer fits the view) and the reader. */
    const applyUpdate = (meta: ArticleMeta): void => {
      const state = get()
      const listed = state.articles.some((a) => a.id === meta.id)
      const patch: Partial<AppState> = {}
      if (listed) {
        Object.assign(
          patch,
          matchesView(meta, state.view)
            ? { articles: state.articles.map((a) => (a.id === meta.id ? meta : a)) }
            : withoutArticle(state, meta.id)
        )
      }
      if (state.content?.meta.id === meta.id) patch.content = { ...state.content, meta }
      set(patch)
    }

    return {
      articles: [],
      view: 'inbox',
      libraryStatus: 'idle',
      libraryError: null,
      actionError: null,
      selectedId: null,
      confirmDeleteId: null,

      async load() {
        const seq = ++loadSeq
        set({ libraryStatus: 'loading', libraryError: null })
        const result = await client.api.listArticles({ view: get().view })
        if (seq !== loadSeq) return
        if (!result.ok) {
          set({ libraryStatus: 'error', libraryError: result.error })
          return
        }
        const articles = result.value
        const has = (id: string | null): boolean => id !== null && articles.some((a) => a.id === id)
        const { selectedId, confirmDeleteId } = get()
        set({
          articles,
          libraryStatus: 'ready',
          selectedId: has(selectedId) ? selectedId : null,
          confirmDeleteId: has(confirmDeleteId) ? confirmDeleteId : null
        })
      },

      async setView(view) {
        // Choosing a view always returns to the list, like clicking a mailbox in a mail client.
        get().close()
        set({ view, articles: [], selectedId: null, confirmDeleteId: null, actionError: null })
        await get().load()
      },

      async archive(id, archived) {
        set({ actionError: null })
        const result = await client.api.setArchived({ id, archived })
        if (result.ok) applyUpdate(result.value)
        else set({ actionError: result.error })
      },

      async favorite(id, favorite) {
        set({ actionError: null })
        const result = await client.api.setFavorite({ id, favorite })
        if (result.ok) applyUpdate(result.value)
        else set({ actionError: result.error })
      },

      async remove(id) {
        set({ actionError: null, confirmDeleteId: null })
        const result = await client.api.deleteArticle({ id })
        if (!result.ok) {
          set({ actionError: result.error })
          return
        }
        set(withoutArticle(get(), id))
        if (get().openId === id) get().close()
      },

      requestDelete: (id) => set({ confirmDeleteId: id }),
      cancelDelete: () => set({ confirmDeleteId: null }),
      select: (id) => set({ selectedId: id }),

      moveSelection(delta) {
        const { articles, selectedId } = get()
        if (articles.length === 0) return
        const current = articles.findIndex((a) => a.id === selectedId)
        // With nothing selected, "next" starts at the top and "previous" at the bottom.
        const next =
          current === -1
            ? delta > 0
              ? 0
              : articles.length - 1
            : Math.max(0, Math.min(articles.length - 1, current + delta))
        set({ selectedId: articles[next]?.id ?? null, confirmDeleteId: null })
      },

      dismissActionError: () => set({ actionError: null }),
      applyArticleUpdate: applyUpdate
    }
  }
