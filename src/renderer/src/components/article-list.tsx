import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useAppStore } from '../store/store-context'
import { ArticleListItem, ArticlePlaceholder, ROW_HEIGHT } from './article-list-item'
import { BulkBar } from './bulk-bar'
import { EMPTY_TEXT, listTitle } from './format'
import { SortControl } from './sort-control'

/** Rows rendered above and below the visible ones, so fast scrolling and j/k never show a blank. */
const OVERSCAN = 6
/** Before layout (and in jsdom, which has none), assume a window this tall. */
const FALLBACK_HEIGHT = 800

/**
 * The articles of the current view, virtualized: the list is as tall as all of them, but only the rows on
 * screen (plus a few) are in the DOM, each absolutely placed. Pages of 200 are fetched as they come into
 * view. Rows carry aria-setsize/aria-posinset, since most of the list is not in the DOM.
 */
export function ArticleList() {
  const total = useAppStore((s) => s.total)
  const rows = useAppStore((s) => s.rows)
  const cursor = useAppStore((s) => s.cursor)
  const view = useAppStore((s) => s.view)
  const tag = useAppStore((s) => s.tag)
  const site = useAppStore((s) => s.site)
  const sort = useAppStore((s) => s.sort)
  const order = useAppStore((s) => s.order)
  const status = useAppStore((s) => s.libraryStatus)
  const error = useAppStore((s) => s.libraryError)
  const load = useAppStore((s) => s.load)
  const setVisibleRange = useAppStore((s) => s.setVisibleRange)
  const scroller = useRef<HTMLDivElement>(null)
  const [viewport, setViewport] = useState({ top: 0, height: 0 })
  const loading = status === 'loading'

  const measure = useCallback(() => {
    const element = scroller.current
    if (!element) return
    setViewport((previous) => {
      const next = { top: element.scrollTop, height: element.clientHeight || FALLBACK_HEIGHT }
      return next.top === previous.top && next.height === previous.height ? previous : next
    })
  }, [])

  // Follow the scroller's size (window resized, notices above it appearing).
  useLayoutEffect(() => {
    measure()
    const element = scroller.current
    if (!element || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [measure])

  // Another list (view, tag, site, order): start at its top.
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0
    setViewport((previous) => (previous.top === 0 ? previous : { ...previous, top: 0 }))
  }, [view, tag, site, sort, order])

  const height = viewport.height || FALLBACK_HEIGHT
  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(total - 1, Math.ceil((viewport.top + height) / ROW_HEIGHT) + OVERSCAN)

  useEffect(() => {
    if (total > 0) setVisibleRange(first, last)
  }, [first, last, total, setVisibleRange])

  // Keep the keyboard cursor on screen: scroll just enough to show its row (also on coming back from the reader).
  useLayoutEffect(() => {
    const element = scroller.current
    if (!element || cursor < 0) return
    const rowTop = cursor * ROW_HEIGHT
    const top = element.scrollTop
    const visibleHeight = element.clientHeight || FALLBACK_HEIGHT
    let next = top
    if (rowTop < top) next = rowTop
    else if (rowTop + ROW_HEIGHT > top + visibleHeight) next = rowTop + ROW_HEIGHT - visibleHeight
    if (next === top && viewport.top === top) return
    element.scrollTop = next
    // jsdom (and a scroller not laid out yet) keeps scrollTop at 0: render the window for `next` anyway.
    setViewport((previous) => ({ top: next, height: previous.height }))
    // Only when the cursor moves: re-running on scroll would pull the user back to the cursor.
  }, [cursor])

  const items = []
  for (let index = first; index <= last; index++) {
    const article = rows[index]
    items.push(
      article ? (
        <ArticleListItem key={article.id} article={article} index={index} total={total} />
      ) : (
        <ArticlePlaceholder key={`row-${index}`} index={index} total={total} />
      )
    )
  }

  return (
    <section className="article-list" aria-label={listTitle({ view, tag, site })} aria-busy={loading}>
      <div className="list-toolbar">
        <h1 className="list-title">
          {listTitle({ view, tag, site })}
          <span className="list-total" data-testid="list-total">
            {status !== 'idle' && `${total.toLocaleString()} ${total === 1 ? 'article' : 'articles'}`}
          </span>
        </h1>
        <SortControl />
      </div>
      <BulkBar />
      {status === 'error' && error && (
        <div role="alert" className="notice notice-error" data-testid="library-error">
          <span>{error.message}</span>
          <button type="button" onClick={() => void load()}>
            Retry
          </button>
        </div>
      )}
      {/* Only show "Loading…" when there is nothing yet: background refreshes keep the list in place. */}
      {loading && total === 0 && (
        <p className="list-loading" data-testid="list-loading">
          Loading…
        </p>
      )}
      {status === 'ready' && total === 0 && (
        <p className="empty-state" data-testid="empty-state">
          {tag !== null || site !== null ? 'No articles here.' : EMPTY_TEXT[view]}
        </p>
      )}
      <div className="list-scroller" ref={scroller} onScroll={measure} data-testid="list-scroller">
        <ul role="list" aria-label="Articles" className="articles" style={{ height: total * ROW_HEIGHT }}>
          {items}
        </ul>
      </div>
    </section>
  )
}
