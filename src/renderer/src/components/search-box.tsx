import { useEffect, useRef, type KeyboardEvent } from 'react'
import { useAppStore, useStoreApi } from '../store/store-context'
import { IndexProgressBar } from './index-progress'
import { SearchHelp } from './search-help'
import './search.css'

/**
 * The search field in the top bar: results follow the typing (the store debounces), arrows move in the
 * results, Enter opens the selected one at its first match, Esc clears. `/` anywhere focuses it.
 */
export function SearchBox() {
  const store = useStoreApi()
  const query = useAppStore((s) => s.searchQuery)
  const focusRequest = useAppStore((s) => s.searchFocusRequest)
  const runSearch = useAppStore((s) => s.runSearch)
  const clearSearch = useAppStore((s) => s.clearSearch)
  const moveSelection = useAppStore((s) => s.moveSearchSelection)
  const openHit = useAppStore((s) => s.openSearchHit)
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (focusRequest === 0) return
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [focusRequest])

  // Read at key time rather than render time: an answer may have arrived since.
  const selectedOrFirst = (): string | undefined => {
    const { searchSelectedId, searchResult } = store.getState()
    return searchSelectedId ?? searchResult?.hits[0]?.id
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    // Keys that compose a character (Chinese, Japanese, Korean input methods) belong to the input method.
    if (event.nativeEvent.isComposing) return
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        moveSelection(1)
        break
      case 'ArrowUp':
        event.preventDefault()
        moveSelection(-1)
        break
      case 'Enter': {
        event.preventDefault()
        const id = selectedOrFirst()
        if (id) void openHit(id)
        break
      }
      case 'Escape':
        // The browser's own Escape on a search field would clear only the text, not the results.
        event.preventDefault()
        if (query !== '') clearSearch()
        else event.currentTarget.blur()
        break
    }
  }

  return (
    <div className="search" role="search">
      <div className="search-row">
        <input
          ref={inputRef}
          className="text-field"
          type="search"
          aria-label="Search articles"
          placeholder="Search (press /)"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => runSearch(event.target.value)}
          onKeyDown={onKeyDown}
          data-testid="search-input"
        />
        <SearchHelp />
      </div>
      <IndexProgressBar />
    </div>
  )
}
