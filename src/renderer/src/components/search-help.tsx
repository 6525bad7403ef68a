import { useEffect, useId, useRef, useState } from 'react'

/** The query syntax, as README "Search" documents it. */
export const SEARCH_OPERATORS: readonly { syntax: string; finds: string }[] = [
  { syntax: '"exact phrase"', finds: 'the words in this order' },
  { syntax: '-word', finds: 'articles without the word' },
  { syntax: 'tag:ai', finds: 'with the tag' },
  { syntax: '-tag:ai', finds: 'without the tag' },
  { syntax: 'site:example.com', finds: 'from that site' },
  { syntax: 'author:name', finds: 'byline contains the name' },
  { syntax: 'is:unread | is:archived | is:favorite', finds: 'by state (-is:… inverts)' },
  { syntax: 'saved:>2026-01-01', finds: 'saved after a date (also <, 2026-01, a..b; published: likewise)' },
  { syntax: 'lang:zh', finds: 'by language' },
  { syntax: 'sort:saved | sort:published | sort:relevance', finds: 'order of the results' }
]

/** A small "?" next to the search box that lists the operators. Esc or a click outside closes it. */
export function SearchHelp() {
  const [open, setOpen] = useState(false)
  const id = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent): void => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  return (
    <div
      className="search-help"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return
        // Closing the help is all Escape does here (it must not also clear the search).
        event.preventDefault()
        event.stopPropagation()
        setOpen(false)
        buttonRef.current?.focus()
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="search-help-toggle"
        aria-label="Search help"
        aria-expanded={open}
        aria-controls={id}
        title="Search syntax"
        onClick={() => setOpen((value) => !value)}
        data-testid="search-help-toggle"
      >
        ?
      </button>
      {open && (
        <div id={id} role="dialog" aria-label="Search syntax" className="search-help-popover" data-testid="search-help">
          <p className="search-help-intro">
            All words must match, with or without accents; the last word matches as you type it. Combine any of:
          </p>
          <table>
            <tbody>
              {SEARCH_OPERATORS.map((op) => (
                <tr key={op.syntax}>
                  <th scope="row">
                    <code>{op.syntax}</code>
                  </th>
                  <td>{op.finds}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="search-help-keys">
            <kbd>/</kbd> search · <kbd>↑</kbd>
            <kbd>↓</kbd> move · <kbd>Enter</kbd> open at the match · <kbd>Esc</kbd> clear
          </p>
        </div>
      )}
    </div>
  )
}
