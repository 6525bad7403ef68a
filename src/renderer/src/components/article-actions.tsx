import { useEffect, useRef, type MouseEvent } from 'react'
import type { ArticleMeta } from '../../../shared/types'
import { useAppStore } from '../store/store-context'

/** Action buttons live inside clickable list items: a click on them must not also open the article. */
const stop =
  (action: () => void) =>
  (event: MouseEvent): void => {
    event.stopPropagation()
    action()
  }

/** Archive / Favorite / Delete for one article, shared by the list and the reader. */
export function ArticleActions({ article }: { article: ArticleMeta }) {
  const archive = useAppStore((s) => s.archive)
  const favorite = useAppStore((s) => s.favorite)
  const requestDelete = useAppStore((s) => s.requestDelete)
  const openTagEditor = useAppStore((s) => s.openTagEditor)
  const confirming = useAppStore((s) => s.confirmDeleteId === article.id)
  const archived = article.state === 'archived'

  return (
    <div className="article-actions">
      <button
        type="button"
        aria-label={archived ? 'Unarchive' : 'Archive'}
        title={archived ? 'Move back to the inbox (a)' : 'Archive (a)'}
        onClick={stop(() => void archive(article.id, !archived))}
        data-testid="action-archive"
      >
        {archived ? 'Unarchive' : 'Archive'}
      </button>
      <button
        type="button"
        aria-label={article.favorite ? 'Unfavorite' : 'Favorite'}
        title={article.favorite ? 'Remove from favorites (f)' : 'Add to favorites (f)'}
        className={article.favorite ? 'is-favorite' : undefined}
        onClick={stop(() => void favorite(article.id, !article.favorite))}
        data-testid="action-favorite"
      >
        {article.favorite ? '★' : '☆'}
      </button>
      <button
        type="button"
        aria-label="Edit tags"
        title="Tags (t)"
        onClick={stop(() => openTagEditor([article.id]))}
        data-testid="action-tags"
      >
        Tags
      </button>
      {confirming ? (
        <ConfirmDelete article={article} />
      ) : (
        <button
          type="button"
          aria-label="Delete"
          title="Delete (# or Delete); can be undone for a while"
          onClick={stop(() => requestDelete(article.id))}
          data-testid="action-delete"
        >
          Delete
        </button>
      )}
    </div>
  )
}

/** Inline "Delete? Yes / No" instead of window.confirm: testable, non-blocking, keyboard friendly. */
function ConfirmDelete({ article }: { article: ArticleMeta }) {
  const remove = useAppStore((s) => s.remove)
  const cancelDelete = useAppStore((s) => s.cancelDelete)
  const yesRef = useRef<HTMLButtonElement>(null)
  // Focus "Yes" so Enter confirms and Escape (handled globally) cancels, without reaching for the mouse.
  useEffect(() => {
    yesRef.current?.focus()
  }, [])
  return (
    <span
      className="confirm-delete"
      role="group"
      aria-label={`Delete “${article.title}”?`}
      data-testid="confirm-delete"
    >
      <span aria-hidden="true">Delete?</span>
      <button
        ref={yesRef}
        type="button"
        className="danger"
        onClick={stop(() => void remove(article.id))}
        data-testid="confirm-delete-yes"
      >
        Yes
      </button>
      <button type="button" onClick={stop(cancelDelete)} data-testid="confirm-delete-no">
        No
      </button>
    </span>
  )
}
