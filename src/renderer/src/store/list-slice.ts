import type {
  ArticleMeta,
  LibraryCounts,
  LibraryQuery,
  LibrarySort,
  LibraryView,
  SortOrder
} from '../../../shared/types'
import type { AppError } from '../../../shared/result'
import type { AppState, LoadStatus, SliceCreator } from './app-state'
import { PAGE_SIZE, firstHole, indexOfId, withPage, type Rows } from './library-rows'

/** The library list as a paged cache: which list (view, tag, site, order), the pages loaded, the counts. */
export interface ListSlice {
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
  /** The sidebar's numbers; null until loaded. */
  counts: LibraryCounts | null

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
}

const NO_MARKS: ReadonlySet<string> = new Set()
const pageOf = (index: number): number => Math.floor(Math.max(0, index) / PAGE_SIZE)

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

export const createListSlice: SliceCreator<ListSlice> =
  ({ client }) =>
  (set, get) => {
    // Every change of what the list shows (and every reload) starts a generation; answers for an older
    // one are dropped, so overlapping loads never mix two lists.
    let generation = 0
    const inflight = new Map<number, number>()
    // Positions on screen, as the list last reported them (kept while the reader is open).
    let visible = { start: 0, end: 0 }
    let countsSeq = 0
    let eventRefresh: Promise<void> | null = null
    let refreshAgain = false

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
      get().clearMarks() // and the anchor of shift+click ranges
      await refresh()
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
      counts: null,

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
      }
    }
  }
