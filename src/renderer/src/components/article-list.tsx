import { useAppStore } from '../store/store-context'
import { ArticleListItem } from './article-list-item'
import { EMPTY_TEXT, VIEW_LABELS } from './format'

/** The articles of the current view, with loading, error and empty states. */
export function ArticleList() {
  const articles = useAppStore((s) => s.articles)
  const view = useAppStore((s) => s.view)
  const status = useAppStore((s) => s.libraryStatus)
  const error = useAppStore((s) => s.libraryError)
  const load = useAppStore((s) => s.load)
  const loading = status === 'loading'

  return (
    <section className="article-list" aria-label={VIEW_LABELS[view]} aria-busy={loading}>
      {status === 'error' && error && (
        <div role="alert" className="notice notice-error" data-testid="library-error">
          <span>{error.message}</span>
          <button type="button" onClick={() => void load()}>
            Retry
          </button>
        </div>
      )}
      {/* Only show "Loading…" when there is nothing yet: background refreshes keep the list in place. */}
      {loading && articles.length === 0 && (
        <p className="list-loading" data-testid="list-loading">
          Loading…
        </p>
      )}
      {status === 'ready' && articles.length === 0 && (
        <p className="empty-state" data-testid="empty-state">
          {EMPTY_TEXT[view]}
        </p>
      )}
      <ul role="list" aria-label="Articles" className="articles">
        {articles.map((article) => (
          <ArticleListItem key={article.id} article={article} />
        ))}
      </ul>
    </section>
  )
}
