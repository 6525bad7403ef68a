import type {
  ArticleMeta,
  DeleteResult,
  LibraryCounts,
  LibraryQuery,
  LibrarySort,
  LibraryView,
  RecoveryNotice,
  SortOrder
} from '../../../shared/types'
import type { AppError } from '../../../shared/result'
import type { AppState, LoadStatus, SliceCreator } from './app-state'
import { PAGE_SIZE, firstHole, indexOfId, withPage, withoutIds, type Rows } from './library-rows'
import { matchesFilter, type ListFilter } from './matches-view'

/** A delete that can still be taken back: the toast shows it until `until` (ms since the epoch). */
export interface PendingUndo {
  token: string
  count: number
  until: number
}

export interface LibrarySlice {
  view: LibraryView
  /** The list narrowed to one tag (within the view), or null. */
  tag: string | null
  /** The list narrowed to one site (siteName), or null. */
  site: string | null
  sort: LibrarySort
  order: SortOrder
  /** The whole list by position: pages fetched so far, holes elsewhere (see library-rows). Length = total. */
  rows: Rows
  /** How many articles the list has in all. */
  total: number
  libraryStatus: LoadStatus
  /** Why the list could not be loaded. */
  libraryError: AppError | null
  /** Why the last archive/favorite/tag/delete failed; cleared by the next action. */
  actionError: AppError | null
  /** The keyboard cursor in the list: its article, and its position (-1: none). */
  selectedId: string | null
  cursor: number
  /** The article whose inline "Delete? Yes / No" is showing. */
  confirmDeleteId: string | null
  /** Articles ticked for a bulk action (x, the row checkbox, shift+click). */
  markedIds: ReadonlySet<string>
  /** The sidebar's numbers; null until loaded. */
  counts: LibraryCounts | null
  /** The last delete, while it can be undone. */
  undo: PendingUndo | null
  /** Library files that were damaged at start, and what was done; shown until dismissed. */
  recovery: RecoveryNotice[]
  /** The articles the tag editor is open for, or null. */
  tagEditorIds: string[] | null
  /** Whether the keyboard shortcuts dialog (?) is showing. */
  shortcutsOpen: boolean

  /** Reloads the pages on screen (and the cursor's), keeping the place; the list stays up meanwhile. */
  load(): Promise<void>
  /** A libraryChanged event: reload list and counts, coalescing bursts (a bulk import sends many). */
  libraryChanged(): void
  setView(view: LibraryView): Promise<void>
  /** Shows one tag (in All) or one site; null goes back to the plain view. */
  showTag(tag: string | null): Promise<void>
  showSite(site: string | null): Promise<void>
  setSort(sort: LibrarySort): Promise<void>
  setOrder(order: SortOrder): Promise<void>
  /** The virtualized list reports which positions are on screen; missing pages are fetched. */
  setVisibleRange(start: number, end: number): void
  /** Fetches the pages covering [start, end] that are not loaded yet. */
  ensureRows(start: number, end: number): Promise<void>
  loadCounts(): Promise<void>
  loadLibraryStatus(): Promise<void>
  /** Hides the repair notice and tells the core it was read (it is shown at every start until then). */
  dismissRecovery(): Promise<void>

  archive(id: string, archived: boolean): Promise<void>
  favorite(id: string, favorite: boolean): Promise<void>
  archiveMany(ids: string[], archived: boolean): Promise<void>
  favoriteMany(ids: string[], favorite: boolean): Promise<void>
  /** Resolves true on success (so a form can clear its input). */
  addTags(ids: string[], tags: string[]): Promise<boolean>
  removeTags(ids: string[], tags: string[]): Promise<boolean>
  /** Renames a tag everywhere; onto an existing tag, the two are merged. */
  renameTag(from: string, to: string): Promise<boolean>
  /** Deletes one article (after the inline confirmation), undoable. */
  remove(id: string): Promise<void>
  /** Deletes articles at once, undoable for the window the core reports. */
  deleteMany(ids: string[]): Promise<void>
  undoDelete(): Promise<void>
  dismissUndo(): void

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
  openTagEditor(ids: string[]): void
  closeTagEditor(): void
  setShortcutsOpen(open: boolean): void
  dismissActionError(): void
  /** Puts an updated article into the list (or takes it out if it left the view) and into the reader. */
  applyArticleUpdate(meta: ArticleMeta): void
  /** Stops the undo timer (the store is being disposed). */
  stopLibraryTimers(): void
}

const NO_MARKS: ReadonlySet<string> = new Set()
const pageOf = (index: number): number => Math.floor(Math.max(0, index) / PAGE_SIZE)
const filterOf = (state: AppState): ListFilter => ({ view: state.view, tag: state.tag, site: state.site })

function queryOf(state: AppState, page: number): LibraryQuery {
  const query: LibraryQuery = {
    view: state.view,
    sort: state.sort,
    order: state.order,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE
  }
  if (state.tag !== null) query.tag = state.tag
  if (state.site !== null) query.site = state.site
  return query
}

/** Takes loaded articles out of the list; the cursor stays in place, on the article that slid into it. */
function withoutArticles(state: AppState, ids: ReadonlySet<string>): Partial<AppState> {
  const { rows, removedBefore } = withoutIds(state.rows, ids)
  const removed = state.rows.length - rows.length
  if (removed === 0) return {}
  let { cursor, selectedId } = state
  if (cursor >= 0) {
    cursor = Math.min(cursor - removedBefore(cursor), rows.length - 1)
    if (selectedId === null || ids.has(selectedId)) selectedId = rows[cursor]?.id ?? null
  } else if (selectedId !== null && ids.has(selectedId)) {
    selectedId = null
  }
  const markedIds = [...state.markedIds].some((id) => ids.has(id))
    ? new Set([...state.markedIds].filter((id) => !ids.has(id)))
    : state.markedIds
  return {
    rows,
    total: Math.max(0, state.total - removed),
    cursor,
    selectedId,
    markedIds,
    confirmDeleteId: state.confirmDeleteId !== null && ids.has(state.confirmDeleteId) ? null : state.confirmDeleteId
  }
}

export const createLibrarySlice: SliceCreator<LibrarySlice> =
  ({ client }) =>
  (set, get) => {
    // Every change of what the list shows (and every reload) starts a generation; answers for an older
    // one are dropped, so overlapping loads never mix two lists.
    let generation = 0
    const inflight = new Map<number, number>()
    // Positions on screen, as the list last reported them (kept while the reader is open).
    let visible = { start: 0, end: 0 }
    let countsSeq = 0
    let undoTimer: ReturnType<typeof setTimeout> | null = null
    let markAnchor: string | null = null
    let eventRefresh: Promise<void> | null = null
    let refreshAgain = false

    /** Applies `change` to loaded articles of `ids`; ones that no longer fit the list leave it. */
    const patchLoaded = (ids: ReadonlySet<string>, change: (a: ArticleMeta) => ArticleMeta): void => {
      const state = get()
      const filter = filterOf(state)
      const rows = state.rows.slice() as (ArticleMeta | undefined)[]
      const leaving = new Set<string>()
      let touched = false
      rows.forEach((article, i) => {
        if (!article || !ids.has(article.id)) return
        const updated = change(article)
        rows[i] = updated
        touched = true
        if (!matchesFilter(updated, filter)) leaving.add(updated.id)
      })
      const patch: Partial<AppState> = {}
      if (touched)
        Object.assign(patch, withoutArticles({ ...state, rows }, leaving), leaving.size === 0 ? { rows } : {})
      if (state.content && ids.has(state.content.meta.id))
        patch.content = { ...state.content, meta: change(state.content.meta) }
      set(patch)
    }

    const applyUpdate = (meta: ArticleMeta): void => patchLoaded(new Set([meta.id]), () => meta)

    /** Reloads the pages on screen and the cursor's page as one new list. */
    const refresh = async (): Promise<void> => {
      const mine = ++generation
      inflight.clear()
      set({ libraryStatus: 'loading', libraryError: null })
      const state = get()
      const pages = new Set<number>()
      for (let p = pageOf(visible.start); p <= pageOf(visible.end); p++) pages.add(p)
      if (state.cursor >= 0) pages.add(pageOf(state.cursor))
      const results = await Promise.all(
        [...pages].map(async (page) => ({ page, result: await client.api.queryArticles(queryOf(state, page)) }))
      )
      if (mine !== generation) return
      let rows: (ArticleMeta | undefined)[] = []
      let total = 0
      for (const { page, result } of results) {
        if (!result.ok) {
          set({ libraryStatus: 'error', libraryError: result.error })
          return
        }
        total = result.value.total
        rows = withPage(rows, total, page * PAGE_SIZE, result.value.items)
      }
      const now = get()
      let { cursor, selectedId } = now
      const found = indexOfId(rows, selectedId)
      if (found !== -1) cursor = found
      else if (cursor >= 0) {
        cursor = Math.min(cursor, total - 1)
        selectedId = rows[cursor]?.id ?? null
      }
      set({
        rows,
        total,
        cursor,
        selectedId,
        libraryStatus: 'ready',
        confirmDeleteId: indexOfId(rows, now.confirmDeleteId) === -1 ? null : now.confirmDeleteId
      })
      // The list shrank below the place on screen: fetch what is now there.
      if (total > 0 && firstHole(rows, visible.start, visible.end) !== -1)
        void get().ensureRows(visible.start, visible.end)
    }

    const fetchPage = async (page: number, mine: number): Promise<void> => {
      const result = await client.api.queryArticles(queryOf(get(), page))
      if (inflight.get(page) === mine) inflight.delete(page)
      if (mine !== generation) return
      if (!result.ok) {
        set({ libraryStatus: 'error', libraryError: result.error })
        return
      }
      const { items, total } = result.value
      const rows = withPage(get().rows, total, page * PAGE_SIZE, items)
      const { cursor, selectedId } = get()
      const patch: Partial<AppState> = { rows, total }
      // The cursor moved onto a row that was still loading (j at a page edge, End): it lands now.
      if (cursor >= 0 && selectedId === null) patch.selectedId = rows[cursor]?.id ?? null
      set(patch)
    }

    /** Shows another list (view, tag, site or order): back to the top, nothing ticked. */
    const requery = async (patch: Partial<AppState>): Promise<void> => {
      generation++
      inflight.clear()
      visible = { start: 0, end: 0 }
      markAnchor = null
      set({
        ...patch,
        rows: [],
        total: 0,
        cursor: -1,
        selectedId: null,
        confirmDeleteId: null,
        actionError: null,
        markedIds: NO_MARKS
      })
      await refresh()
    }

    const showUndo = (deleted: DeleteResult): void => {
      if (undoTimer !== null) clearTimeout(undoTimer)
      undoTimer = null
      if (deleted.ids.length === 0) return
      const until = Date.parse(deleted.undoUntil)
      set({ undo: { token: deleted.undoToken, count: deleted.ids.length, until } })
      undoTimer = setTimeout(
        () => {
          undoTimer = null
          if (get().undo?.token === deleted.undoToken) set({ undo: null })
        },
        Math.max(0, until - Date.now())
      )
    }

    /** Runs a bulk call; on success applies it to what is loaded and clears the ticks. */
    const bulk = async <T extends { ids: string[] }>(
      call: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>,
      apply: (changed: ReadonlySet<string>) => void
    ): Promise<boolean> => {
      set({ actionError: null })
      const result = await call()
      if (!result.ok) {
        set({ actionError: result.error })
        return false
      }
      apply(new Set(result.value.ids))
      return true
    }

    return {
      view: 'inbox',
      tag: null,
      site: null,
      sort: 'saved',
      order: 'desc',
      rows: [],
      total: 0,
      libraryStatus: 'idle',
      libraryError: null,
      actionError: null,
      selectedId: null,
      cursor: -1,
      confirmDeleteId: null,
      markedIds: NO_MARKS,
      counts: null,
      undo: null,
      recovery: [],
      tagEditorIds: null,
      shortcutsOpen: false,

      load: refresh,

      libraryChanged() {
        if (eventRefresh) {
          refreshAgain = true
          return
        }
        eventRefresh = (async () => {
          do {
            refreshAgain = false
            await Promise.all([refresh(), get().loadCounts()])
          } while (refreshAgain)
          eventRefresh = null
        })()
      },

      async setView(view) {
        // Choosing a view always returns to the list, like clicking a mailbox in a mail client.
        get().close()
        await requery({ view, tag: null, site: null })
      },

      async showTag(tag) {
        get().close()
        await requery({ view: 'all', tag, site: null })
      },

      async showSite(site) {
        get().close()
        await requery({ view: 'all', tag: null, site })
      },

      setSort: (sort) => requery({ sort }),
      setOrder: (order) => requery({ order }),

      setVisibleRange(start, end) {
        visible = { start, end }
        void get().ensureRows(start, end)
      },

      async ensureRows(start, end) {
        const { rows, total } = get()
        const mine = generation
        const tasks: Promise<void>[] = []
        const last = Math.min(end, total - 1)
        for (let page = pageOf(start); page * PAGE_SIZE <= last; page++) {
          const from = Math.max(page * PAGE_SIZE, start)
          if (firstHole(rows, from, Math.min(last, (page + 1) * PAGE_SIZE - 1)) === -1) continue
          if (inflight.get(page) === mine) continue
          inflight.set(page, mine)
          tasks.push(fetchPage(page, mine))
        }
        await Promise.all(tasks)
      },

      async loadCounts() {
        const mine = ++countsSeq
        const result = await client.api.libraryCounts({})
        // Counts are a side show: a failure leaves the last numbers up rather than an error.
        if (mine === countsSeq && result.ok) set({ counts: result.value })
      },

      async loadLibraryStatus() {
        const result = await client.api.getLibraryStatus({})
        if (result.ok) set({ recovery: result.value.recovered })
      },

      async dismissRecovery() {
        set({ recovery: [] })
        await client.api.dismissRepairs({})
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

      async archiveMany(ids, archived) {
        await bulk(
          () => client.api.setArchivedMany({ ids, archived }),
          (changed) => {
            patchLoaded(changed, (a) => ({ ...a, state: archived ? 'archived' : 'unread' }))
            get().clearMarks()
          }
        )
      },

      async favoriteMany(ids, favorite) {
        await bulk(
          () => client.api.setFavoriteMany({ ids, favorite }),
          (changed) => {
            patchLoaded(changed, (a) => ({ ...a, favorite }))
            get().clearMarks()
          }
        )
      },

      addTags: (ids, tags) =>
        bulk(
          () => client.api.addTags({ ids, tags }),
          (changed) =>
            patchLoaded(changed, (a) => ({ ...a, tags: [...a.tags, ...tags.filter((t) => !a.tags.includes(t))] }))
        ),

      removeTags: (ids, tags) =>
        bulk(
          () => client.api.removeTags({ ids, tags }),
          (changed) => patchLoaded(changed, (a) => ({ ...a, tags: a.tags.filter((t) => !tags.includes(t)) }))
        ),

      async renameTag(from, to) {
        const target = to.trim().replace(/\s+/g, ' ')
        if (target === '' || target === from) return target !== ''
        // Onto a tag that exists, renaming is merging: the core does both with one rule.
        const exists = get().counts?.tags.some((t) => t.tag === target) ?? false
        const done = await bulk(
          () =>
            exists ? client.api.mergeTags({ tags: [from], into: target }) : client.api.renameTag({ from, to: target }),
          (changed) =>
            patchLoaded(changed, (a) => ({ ...a, tags: [...new Set(a.tags.map((t) => (t === from ? target : t)))] }))
        )
        if (!done) return false
        if (get().tag === from) await get().showTag(target)
        void get().loadCounts()
        return true
      },

      async remove(id) {
        await get().deleteMany([id])
      },

      async deleteMany(ids) {
        set({ actionError: null, confirmDeleteId: null })
        const result = await client.api.deleteArticles({ ids })
        if (!result.ok) {
          set({ actionError: result.error })
          return
        }
        const gone = new Set(result.value.ids)
        set(withoutArticles(get(), gone))
        const openId = get().openId
        if (openId !== null && gone.has(openId)) get().close()
        showUndo(result.value)
      },

      async undoDelete() {
        const undo = get().undo
        if (!undo) return
        if (undoTimer !== null) clearTimeout(undoTimer)
        undoTimer = null
        set({ undo: null, actionError: null })
        const result = await client.api.undoDelete({ token: undo.token })
        if (!result.ok) {
          set({ actionError: result.error })
          return
        }
        await refresh()
        const [first] = result.value.ids
        if (first !== undefined && indexOfId(get().rows, first) !== -1) get().select(first)
      },

      dismissUndo() {
        if (undoTimer !== null) clearTimeout(undoTimer)
        undoTimer = null
        set({ undo: null })
      },

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
      },

      openTagEditor: (ids) => set({ tagEditorIds: ids.length > 0 ? ids : null }),
      closeTagEditor: () => set({ tagEditorIds: null }),
      setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
      dismissActionError: () => set({ actionError: null }),
      applyArticleUpdate: applyUpdate,

      stopLibraryTimers() {
        if (undoTimer !== null) clearTimeout(undoTimer)
        undoTimer = null
      }
    }
  }
