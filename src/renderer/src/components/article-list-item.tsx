import { memo, type ChangeEvent, type MouseEvent } from 'react'
import type { ArticleMeta } from '../../../shared/types'
import { useAppStore } from '../store/store-context'
import { ArticleActions } from './article-actions'
import { percent, readingTime } from './format'

/** Every row has this height, so a row's place is index × height (the list is virtualized). */
export const ROW_HEIGHT = 132

/** Where a row sits in the virtualized list, and its place in the whole list for assistive technology. */
const placement = (index: number, total: number) => ({
  style: { top: index * ROW_HEIGHT, height: ROW_HEIGHT },
  'aria-setsize': total,
  'aria-posinset': index + 1
})

/**
 * One entry: the whole row opens the article; its action buttons and checkbox do not. Memoized: scrolling
 * re-renders the list on every frame, and rows that stay on screen need not render again.
 */
export const ArticleListItem = memo(function ArticleListItem({
  article,
  index,
  total
}: {
  article: ArticleMeta
  index: number
  total: number
}) {
  const selected = useAppStore((s) => s.selectedId === article.id)
  const marked = useAppStore((s) => s.markedIds.has(article.id))
  const open = useAppStore((s) => s.open)
  const select = useAppStore((s) => s.select)
  const toggleMark = useAppStore((s) => s.toggleMark)
  const markRange = useAppStore((s) => s.markRange)

  const archived = article.state === 'archived'
  const read = article.readAt !== null
  const progress = percent(article.progress)
  // A started article shows how far it got; a finished one is marked read instead.
  const started = !read && progress > 0

  const onClick = (event: MouseEvent<HTMLLIElement>): void => {
    // Shift+click ticks a range, Ctrl/⌘+click one article, as in a file manager; a plain click opens.
    if (event.shiftKey) {
      event.preventDefault()
      markRange(article.id)
      select(article.id)
    } else if (event.ctrlKey || event.metaKey) {
      toggleMark(article.id)
      select(article.id)
    } else void open(article.id)
  }

  const onCheck = (event: ChangeEvent<HTMLInputElement>): void => {
    const native = event.nativeEvent as globalThis.MouseEvent
    if (native.shiftKey) markRange(article.id)
    else toggleMark(article.id)
    select(article.id)
  }

  return (
    <li
      role="listitem"
      {...placement(index, total)}
      className={['article-item', selected && 'is-selected', read && 'is-read', marked && 'is-marked']
        .filter(Boolean)
        .join(' ')}
      aria-current={selected ? 'true' : undefined}
      data-testid="article-item"
      data-article-id={article.id}
      onClick={onClick}
    >
      <input
        type="checkbox"
        className="item-check"
        checked={marked}
        aria-label={`Select “${article.title}”`}
        title="Select for a bulk action (x; shift+click for a range)"
        onClick={(event) => event.stopPropagation()}
        onChange={onCheck}
        data-testid="article-check"
      />
      <div className="item-body">
        <h2 className="item-title">
          {/* A real button gives the row a tab stop and Enter/Space for free; its click bubbles to the row. */}
          <button type="button" className="item-open" data-testid="article-open">
            {article.title}
          </button>
        </h2>
        <p className="item-meta">
          {article.siteName && <span className="item-site">{article.siteName}</span>}
          <span className="item-time">{readingTime(article.readingMinutes)}</span>
          {read && (
            <span className="badge badge-read" data-testid="read-indicator">
              ✓ Read
            </span>
          )}
          {started && (
            <span className="item-progress" data-testid="progress-indicator">
              {progress}% read
            </span>
          )}
          {article.favorite && (
            <span className="badge badge-favorite" data-testid="favorite-indicator">
              ★ Favorite
            </span>
          )}
          {archived && (
            <span className="badge badge-archived" data-testid="archived-indicator">
              Archived
            </span>
          )}
          {article.tags.map((tag) => (
            <span key={tag} className="item-tag" data-testid="item-tag">
              #{tag}
            </span>
          ))}
        </p>
        {article.excerpt && <p className="item-excerpt">{article.excerpt}</p>}
        <ArticleActions article={article} />
      </div>
      {started && (
        <div className="item-progress-bar" aria-hidden="true">
          <div style={{ width: `${progress}%` }} />
        </div>
      )}
    </li>
  )
})

/** A row whose page is still being fetched: it holds its place (and its position for screen readers). */
export function ArticlePlaceholder({ index, total }: { index: number; total: number }) {
  return (
    <li
      role="listitem"
      {...placement(index, total)}
      className="article-item is-placeholder"
      aria-busy="true"
      data-testid="article-placeholder"
    >
      <span className="placeholder-line">Loading…</span>
    </li>
  )
}
