import type { IndexProgress, SavedSearch, SearchHit, SearchResult } from '../../../shared/types'
import type { AppError } from '../../../shared/result'
import type { LoadStatus, SliceCreator } from './app-state'
import { matchTerms } from './match-terms'

/** Hits asked for at a time; "Show more" asks for the next page. */
export const SEARCH_PAGE = 50

/** What the reader should scroll to when an article opened from the search results loads. */
export interface SearchMatch {
  id: string
  /** Words to look for in the article, best first (the snippet's highlighted words, then the query's). */
  terms: string[]
}

export interface SearchSlice {
  /** What is in the search box; the results are shown instead of the list while it is not blank. */
  searchQuery: string
  searchStatus: LoadStatus
  searchError: AppError | null
  /** The newest answer, for `searchResultQuery` (kept on screen while the next query runs). */
  searchResult: SearchResult | null
  searchResultQuery: string
  /** The keyboard cursor in the results. */
  searchSelectedId: string | null
  /** Bumped by `/`: the search box focuses itself when it changes. */
  searchFocusRequest: number
  /** Set when a hit is opened; the reader frame takes it once the article has loaded. */
  searchMatch: SearchMatch | null
  savedSearches: SavedSearch[]
  savedSearchesError: AppError | null
  /** Loading or rebuilding the index; null once it is ready (or was never reported). */
  indexProgress: IndexProgress | null

  /** Sets the query at once and searches after a short pause in typing; a blank query clears. */
  runSearch(query: string): void
  /** Searches for the query now (a saved search, a retry). */
  searchNow(query: string): Promise<void>
  /** Runs the current query again (the library changed); the shown results stay until the answer comes. */
  refreshSearch(): void
  /** Fetches the next page of hits for the shown query. */
  loadMoreResults(): Promise<void>
  clearSearch(): void
  requestSearchFocus(): void
  selectSearchHit(id: string | null): void
  moveSearchSelection(delta: number): void
  /** Opens a hit in the reader, scrolled to its first match. */
  openSearchHit(id: string): Promise<void>
  /** The reader takes the pending match when an article loads: this article's, or null (and it is gone). */
  takeSearchMatch(id: string): SearchMatch | null
  loadSavedSearches(): Promise<void>
  saveCurrentSearch(name: string): Promise<boolean>
  deleteSavedSearch(id: string): Promise<void>
  runSavedSearch(id: string): Promise<void>
  receiveIndexProgress(progress: IndexProgress): void
}

const blank = (query: string): boolean => query.trim() === ''

export const createSearchSlice: SliceCreator<SearchSlice> =
  ({ client, searchDebounceMs }) =>
  (set, get) => {
    let timer: ReturnType<typeof setTimeout> | null = null
    // Every request gets a number; an answer lands only if no newer request was made (typing outruns the core).
    let seq = 0

    const cancelTimer = (): void => {
      if (timer !== null) clearTimeout(timer)
      timer = null
    }

    /** The cursor stays on its hit when it is still there, otherwise goes to the first one. */
    const keepSelection = (hits: SearchHit[]): string | null => {
      const selected = get().searchSelectedId
      return hits.some((h) => h.id === selected) ? selected : (hits[0]?.id ?? null)
    }

    const execute = async (query: string): Promise<void> => {
      cancelTimer()
      const mine = ++seq
      set({ searchStatus: 'loading', searchError: null })
      const result = await client.api.search({ query, limit: SEARCH_PAGE })
      if (mine !== seq || get().searchQuery !== query) return
      if (!result.ok) {
        set({ searchStatus: 'error', searchError: result.error })
        return
      }
      set({
        searchStatus: 'ready',
        searchResult: result.value,
        searchResultQuery: query,
        searchSelectedId: keepSelection(result.value.hits)
      })
    }

    const schedule = (query: string): void => {
      cancelTimer()
      timer = setTimeout(() => void execute(query), searchDebounceMs)
    }

    return {
      searchQuery: '',
      searchStatus: 'idle',
      searchError: null,
      searchResult: null,
      searchResultQuery: '',
      searchSelectedId: null,
      searchFocusRequest: 0,
      searchMatch: null,
      savedSearches: [],
      savedSearchesError: null,
      indexProgress: null,

      runSearch(query) {
        if (blank(query)) {
          get().clearSearch()
          set({ searchQuery: query })
          return
        }
        // Typing a query leaves the reader: the results are what the user now wants to see.
        if (get().openId !== null) get().close()
        set({ searchQuery: query })
        schedule(query)
      },

      async searchNow(query) {
        if (blank(query)) {
          get().clearSearch()
          return
        }
        if (get().openId !== null) get().close()
        set({ searchQuery: query })
        await execute(query)
      },

      refreshSearch() {
        const query = get().searchQuery
        if (!blank(query)) schedule(query)
      },

      async loadMoreResults() {
        const { searchResult, searchResultQuery, searchQuery } = get()
        if (!searchResult || searchResultQuery !== searchQuery || searchResult.hits.length >= searchResult.total) return
        const mine = ++seq
        set({ searchStatus: 'loading', searchError: null })
        const result = await client.api.search({
          query: searchQuery,
          limit: SEARCH_PAGE,
          offset: searchResult.hits.length
        })
        if (mine !== seq || get().searchQuery !== searchQuery) return
        if (!result.ok) {
          set({ searchStatus: 'error', searchError: result.error })
          return
        }
        const seen = new Set(searchResult.hits.map((h) => h.id))
        set({
          searchStatus: 'ready',
          searchResult: {
            ...result.value,
            hits: [...searchResult.hits, ...result.value.hits.filter((h) => !seen.has(h.id))]
          }
        })
      },

      clearSearch() {
        cancelTimer()
        seq++
        set({
          searchQuery: '',
          searchStatus: 'idle',
          searchError: null,
          searchResult: null,
          searchResultQuery: '',
          searchSelectedId: null
        })
      },

      requestSearchFocus: () => set({ searchFocusRequest: get().searchFocusRequest + 1 }),
      selectSearchHit: (id) => set({ searchSelectedId: id }),

      moveSearchSelection(delta) {
        const hits = get().searchResult?.hits ?? []
        if (hits.length === 0) return
        const current = hits.findIndex((h) => h.id === get().searchSelectedId)
        const next =
          current === -1 ? (delta > 0 ? 0 : hits.length - 1) : Math.max(0, Math.min(hits.length - 1, current + delta))
        set({ searchSelectedId: hits[next]?.id ?? null })
      },

      async openSearchHit(id) {
        const { searchResult, searchResultQuery } = get()
        const hit = searchResult?.hits.find((h) => h.id === id)
        set({ searchSelectedId: id, searchMatch: { id, terms: hit ? matchTerms(hit, searchResultQuery) : [] } })
        await get().open(id)
      },

      takeSearchMatch(id) {
        const match = get().searchMatch
        if (!match) return null
        // Taken once: a later load (or another article) opens at its saved place as usual.
        set({ searchMatch: null })
        return match.id === id ? match : null
      },

      async loadSavedSearches() {
        const result = await client.api.listSavedSearches({})
        if (result.ok) set({ savedSearches: result.value, savedSearchesError: null })
        else set({ savedSearchesError: result.error })
      },

      async saveCurrentSearch(name) {
        const query = get().searchQuery.trim()
        if (query === '') return false
        const result = await client.api.saveSearch({ name: name.trim() || query, query })
        if (!result.ok) {
          set({ savedSearchesError: result.error })
          return false
        }
        set({ savedSearchesError: null })
        await get().loadSavedSearches()
        return true
      },

      async deleteSavedSearch(id) {
        const result = await client.api.deleteSavedSearch({ id })
        if (!result.ok) {
          set({ savedSearchesError: result.error })
          return
        }
        set({ savedSearches: get().savedSearches.filter((s) => s.id !== id), savedSearchesError: null })
      },

      async runSavedSearch(id) {
        const saved = get().savedSearches.find((s) => s.id === id)
        if (saved) await get().searchNow(saved.query)
      },

      receiveIndexProgress(progress) {
        set({ indexProgress: progress.phase === 'ready' ? null : progress })
        // The index finished building: the query that waited for it (or got partial answers) runs again.
        if (progress.phase === 'ready') get().refreshSearch()
      }
    }
  }
