import { useEffect, useRef, type MouseEvent } from 'react'
import type { ArticleMeta } from '../../../shared/types'
import { useAppStore, useClient } from '../store/store-context'
import { ArticleActions } from './article-actions'
import { readingTime } from './format'
import { ReaderFrame } from './reader-frame'

/** The open article: a header with its details and actions, then the sandboxed body. Esc goes back. */
export function ReaderView() {
  const openId = useAppStore((s) => s.openId)
  const content = useAppStore((s) => s.content)
  const status = useAppStore((s) => s.readerStatus)
  const error = useAppStore((s) => s.readerError)
  const close = useAppStore((s) => s.close)

  return (
    <section className="reader" aria-label="Reader" data-testid="reader">
      <div className="reader-toolbar">
        <button type="button" onClick={close} aria-label="Back to list" title="Back to list (Esc)" data-testid="reader-back">
          ← Back
        </button>
        {content && <ArticleActions article={content.meta} />}
      </div>
      {status === 'loading' && <p className="reader-loading">Loading article…</p>}
      {status === 'error' && error && (
        <div role="alert" className="notice notice-error" data-testid="reader-error">
          {error.message}
        </div>
      )}
      {content && content.meta.id === openId && (
        <>
          <ReaderHeader meta={content.meta} />
          <ReaderFrame articleId={content.meta.id} html={content.html} />
        </>
      )}
    </section>
  )
}

function ReaderHeader({ meta }: { meta: ArticleMeta }) {
  const client = useClient()
  const titleRef = useRef<HTMLHeadingElement>(null)
  const original = meta.canonicalUrl || meta.url

  // Move focus to the title when an article opens, so screen readers start there and the list's focus is gone.
  useEffect(() => {
    titleRef.current?.focus()
  }, [meta.id])

  const openOriginal = (event: MouseEvent<HTMLAnchorElement>): void => {
    // Never navigate the app window: the original opens in the system browser (or a new tab in browser mode).
    event.preventDefault()
    void client.openExternal(original)
  }

  return (
    <header className="reader-header">
      <h1 ref={titleRef} tabIndex={-1} data-testid="reader-title">
        {meta.title}
      </h1>
      <p className="reader-meta">
        {meta.byline && <span className="reader-byline">{meta.byline}</span>}
        {meta.siteName && <span className="reader-site">{meta.siteName}</span>}
        <span className="reader-time">{readingTime(meta.readingMinutes)}</span>
        <a href={original} target="_blank" rel="noopener noreferrer" onClick={openOriginal} data-testid="reader-original">
          Open original
        </a>
      </p>
    </header>
  )
}
