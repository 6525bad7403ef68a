import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { SearchHit, SearchResult } from '../../../shared/types'
import { useAppStore } from '../store/store-context'
import { formatDate } from './format'
import { Highlight } from './highlight'

/** Shown in the main area instead of the list while the search box holds a query. */
export function SearchResults() {
  const query = useAppStore((s) => s.searchQuery)
  const status = useAppStore((s) => s.searchStatus)
  const error = useAppStore((s) => s.searchError)
  const result = useAppStore((s) => s.searchResult)
  const resultQuery = useAppStore((s) => s.searchResultQuery)
  const searchNow = useAppStore((s) => s.searchNow)
  const loadMore = useAppStore((s) => s.loadMoreResults)
  const loading = status === 'loading'
  const hits = result?.hits ?? []

  return (
    <section className="search-results" aria-label="Search" aria-busy={loading} data-testid="search-results">
      <div className="search-summary">
        <p className="search-count" aria-live="polite" data-testid="search-count">
          {summary(result, resultQuery, loading)}
        </p>
        <SaveSearch key={query} />
      </div>
      {status === 'error' && error && (
        <div role="alert" className="notice notice-error" data-testid="search-error">
          <span>{error.message}</span>
          <button type="button" onClick={() => void searchNow(query)}>
            Retry
          </button>
        </div>
      )}
      <ul role="list" aria-label="Search results" className="search-hits">
        {hits.map((hit) => (
          <SearchResultItem key={hit.id} hit={hit} />
        ))}
      </ul>
      {result && hits.length < result.total && resultQuery === query && (
        <button
          type="button"
          className="search-more"
          disabled={loading}
          onClick={() => void loadMore()}
          data-testid="search-more"
        >
          Show more results
        </button>
      )}
    </section>
  )
}

function summary(result: SearchResult | null, query: string, loading: boolean): string {
  if (!result) return loading ? 'Searching…' : ''
  if (result.total === 0) return `No articles match “${query}”.`
  const count = `${result.totalIsEstimate ? 'About ' : ''}${result.total} ${result.total === 1 ? 'result' : 'results'}`
  return `${count} for “${query}”${loading ? ' (searching…)' : ''}`
}

function SearchResultItem({ hit }: { hit: SearchHit }) {
  const selected = useAppStore((s) => s.searchSelectedId === hit.id)
  const openHit = useAppStore((s) => s.openSearchHit)
  const ref = useRef<HTMLLIElement>(null)

  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' })
  }, [selected])

  const saved = formatDate(hit.savedAt)
  return (
    <li
      ref={ref}
      role="listitem"
      className={['search-hit', selected && 'is-selected'].filter(Boolean).join(' ')}
      aria-current={selected ? 'true' : undefined}
      data-testid="search-hit"
      data-article-id={hit.id}
      onClick={() => void openHit(hit.id)}
    >
      <h2 className="search-hit-title">
        {/* A real button: a tab stop, Enter and Space; its click bubbles to the row, which opens the hit. */}
        <button type="button" className="search-hit-open" data-testid="search-hit-open">
          <Highlight text={hit.title} ranges={hit.titleHighlights} />
        </button>
      </h2>
      <p className="search-hit-meta">
        {hit.siteName && <span className="search-hit-site">{hit.siteName}</span>}
        {saved && <span className="search-hit-saved">Saved {saved}</span>}
      </p>
      {hit.snippet.text && (
        <p className="search-snippet" data-testid="search-snippet">
          <Highlight text={hit.snippet.text} ranges={hit.snippet.highlights} />
        </p>
      )}
    </li>
  )
}

/** "Save search": names the current query and keeps it as a sidebar view. */
function SaveSearch() {
  const query = useAppStore((s) => s.searchQuery)
  const existing = useAppStore((s) => s.savedSearches.find((saved) => saved.query === s.searchQuery.trim()))
  const save = useAppStore((s) => s.saveCurrentSearch)
  const error = useAppStore((s) => s.savedSearchesError)
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)

  if (existing) {
    return (
      <span className="search-saved-note" data-testid="search-saved-note">
        Saved as “{existing.name}”
      </span>
    )
  }
  if (!naming) {
    return (
      <button
        type="button"
        onClick={() => {
          setName(query.trim())
          setNaming(true)
        }}
        data-testid="save-search"
      >
        Save search
      </button>
    )
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    setBusy(true)
    void save(name).then((saved) => {
      setBusy(false)
      if (saved) setNaming(false)
    })
  }

  return (
    <form className="save-search-form" aria-label="Save search" onSubmit={onSubmit}>
      <input
        type="text"
        aria-label="Name for this search"
        value={name}
        autoFocus
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            setNaming(false)
          }
        }}
        data-testid="save-search-name"
      />
      <button type="submit" disabled={busy} data-testid="save-search-confirm">
        Save
      </button>
      <button type="button" onClick={() => setNaming(false)}>
        Cancel
      </button>
      {error && (
        <span role="alert" className="save-search-error">
          {error.message}
        </span>
      )}
    </form>
  )
}
