import { useEffect, useRef } from 'react'
import type { ArticleMeta } from '../../../shared/types'
import { useAppStore } from '../store/store-context'
import { ArticleActions } from './article-actions'
import { percent, readingTime } from './format'

/** One entry: the whole row opens the article; its action buttons do not. */
export function ArticleListItem({ article }: { article: ArticleMeta }) {
  const selected = useAppStore((s) => s.selectedId === article.id)
  const open = useAppStore((s) => s.open)
  const ref = useRef<HTMLLIElement>(null)

  // Keep the keyboard cursor visible while j/k walk a long list (scrollIntoView is absent in jsdom).
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' })
  }, [selected])

  const archived = article.state === 'archived'
  const read = article.readAt !== null
  const progress = percent(article.progress)
  // A started article shows how far it got; a finished one is marked read instead.
  const started = !read && progress > 0
  return (
    <li
      ref={ref}
      role="listitem"
      className={['article-item', selected && 'is-selected', read && 'is-read'].filter(Boolean).join(' ')}
      aria-current={selected ? 'true' : undefined}
      data-testid="article-item"
      data-article-id={article.id}
      onClick={() => void open(article.id)}
    >
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
      </p>
      {article.excerpt && <p className="item-excerpt">{article.excerpt}</p>}
      <ArticleActions article={article} />
      {started && (
        <div className="item-progress-bar" aria-hidden="true">
          <div style={{ width: `${progress}%` }} />
        </div>
      )}
    </li>
  )
}
