import { useEffect, type MouseEvent } from 'react'
import type { SavedSearch } from '../../../shared/types'
import { useAppStore } from '../store/store-context'

/** The sidebar's "Saved searches": each runs its query when clicked; × deletes it. */
export function SavedSearches() {
  const saved = useAppStore((s) => s.savedSearches)
  const load = useAppStore((s) => s.loadSavedSearches)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <section className="saved-searches" aria-labelledby="saved-searches-heading" data-testid="saved-searches">
      <h2 id="saved-searches-heading" className="sidebar-heading">
        Saved searches
      </h2>
      {saved.length === 0 ? (
        <p className="saved-searches-empty">Search, then “Save search” to keep it here.</p>
      ) : (
        <ul aria-label="Saved searches">
          {saved.map((item) => (
            <SavedSearchItem key={item.id} item={item} />
          ))}
        </ul>
      )}
    </section>
  )
}

function SavedSearchItem({ item }: { item: SavedSearch }) {
  const active = useAppStore((s) => s.searchQuery.trim() !== '' && s.searchQuery.trim() === item.query.trim())
  const run = useAppStore((s) => s.runSavedSearch)
  const remove = useAppStore((s) => s.deleteSavedSearch)

  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault()
    void run(item.id)
  }

  return (
    <li className="saved-search">
      <a
        href={`#search-${item.id}`}
        className="view-link saved-search-link"
        aria-current={active ? 'page' : undefined}
        title={item.query}
        onClick={onClick}
        data-testid="saved-search-link"
      >
        {item.name}
      </a>
      <button
        type="button"
        className="saved-search-delete"
        aria-label={`Delete saved search “${item.name}”`}
        title="Delete this saved search"
        onClick={() => void remove(item.id)}
        data-testid="saved-search-delete"
      >
        ×
      </button>
    </li>
  )
}
