import type { SliceCreator } from './app-state'
import { PAGE_SIZE, indexOfId } from './library-rows'

/** Where the user is in the list: the keyboard cursor, the ticked articles, the pending delete confirmation. */
export interface SelectionSlice {
  /** The keyboard cursor in the list: its article, and its position (-1: none). */
  selectedId: string | null
  cursor: number
  /** The article whose inline "Delete? Yes / No" is showing. */
  confirmDeleteId: string | null
  /** Articles ticked for a bulk action (x, the row checkbox, shift+click). */
  markedIds: ReadonlySet<string>

  requestDelete(id: string): void
  cancelDelete(): void
  select(id: string | null): void
  /** Moves the cursor by delta (+1 next, -1 previous), clamped to the list. */
  moveSelection(delta: number): void
  /** Puts the cursor at a position (Home/End), fetching its page if needed. */
  moveTo(index: number): void
  toggleMark(id: string): void
  /** Ticks every loaded article from the last ticked one to this one (shift+click). */
  markRange(id: string): void
  clearMarks(): void
}

const NO_MARKS: ReadonlySet<string> = new Set()

export const createSelectionSlice: SliceCreator<SelectionSlice> = () => (set, get) => {
  // The article a shift+click range starts from: the last one ticked.
  let markAnchor: string | null = null

  return {
    selectedId: null,
    cursor: -1,
    confirmDeleteId: null,
    markedIds: NO_MARKS,

    requestDelete: (id) => set({ confirmDeleteId: id }),
    cancelDelete: () => set({ confirmDeleteId: null }),
    select: (id) => set({ selectedId: id, cursor: indexOfId(get().rows, id) }),

    moveSelection(delta) {
      const { total, cursor } = get()
      if (total === 0) return
      // With nothing selected, "next" starts at the top and "previous" at the bottom.
      get().moveTo(cursor === -1 ? (delta > 0 ? 0 : total - 1) : cursor + delta)
    },

    moveTo(index) {
      const { rows, total } = get()
      if (total === 0) return
      const next = Math.max(0, Math.min(total - 1, index))
      set({ cursor: next, selectedId: rows[next]?.id ?? null, confirmDeleteId: null })
      if (!rows[next]) void get().ensureRows(next - PAGE_SIZE / 2, next + PAGE_SIZE / 2)
    },

    toggleMark(id) {
      const next = new Set(get().markedIds)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      markAnchor = id
      set({ markedIds: next })
    },

    markRange(id) {
      const { rows, markedIds } = get()
      const to = indexOfId(rows, id)
      const anchor = indexOfId(rows, markAnchor)
      if (to === -1) return
      const from = anchor === -1 ? to : anchor
      const next = new Set(markedIds)
      for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
        const article = rows[i]
        if (article) next.add(article.id)
      }
      markAnchor = id
      set({ markedIds: next })
    },

    clearMarks() {
      markAnchor = null
      if (get().markedIds.size > 0) set({ markedIds: NO_MARKS })
    }
  }
}
