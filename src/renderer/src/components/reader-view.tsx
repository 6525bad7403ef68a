import { useEffect, useRef, useState, type CSSProperties, type MouseEvent } from 'react'
import type { ArticleMeta } from '../../../shared/types'
import { FONT_STACKS } from '../reader/reader-appearance'
import { textDirection } from '../reader/text-direction'
import { useAppStore, useStoreApi } from '../store/store-context'
import { ArticleActions } from './article-actions'
import { formatDate, percent, readingTime } from './format'
import { ReaderFrame } from './reader-frame'
import { ReaderSettings } from './reader-settings'

/** The open article: a toolbar, a header with its details, a progress bar, then the sandboxed body. */
export function ReaderView() {
  const store = useStoreApi()
  const openId = useAppStore((s) => s.openId)
  const content = useAppStore((s) => s.content)
  const status = useAppStore((s) => s.readerStatus)
  const error = useAppStore((s) => s.readerError)
  const close = useAppStore((s) => s.close)
  const reextract = useAppStore((s) => s.reextract)
  const [settingsOpen, setSettingsOpen] = useState(false)

  return (
    <section className="reader" aria-label="Reader" data-testid="reader">
      <div className="reader-toolbar">
        <button
          type="button"
          onClick={close}
          aria-label="Back to list"
          title="Back to list (Esc)"
          data-testid="reader-back"
        >
          ← Back
        </button>
        <div className="reader-tools">
          <button
            type="button"
            aria-label="Reading settings"
            aria-expanded={settingsOpen}
            aria-controls="reader-settings"
            title="Font, size, spacing, width and theme"
            onClick={() => setSettingsOpen((open) => !open)}
            data-testid="reader-settings-toggle"
          >
            Aa
          </button>
          <button
            type="button"
            aria-label="Print"
            title="Print or save as PDF (Ctrl+P)"
            disabled={!content}
            onClick={() => store.reader.current?.print()}
            data-testid="reader-print"
          >
            Print
          </button>
          <button
            type="button"
            title="Extract the article again from the page kept when it was saved (works offline)"
            disabled={!content || status === 'loading'}
            onClick={() => content && void reextract(content.meta.id)}
            data-testid="reader-reextract"
          >
            Re-extract
          </button>
          {content && <ArticleActions article={content.meta} />}
        </div>
      </div>
      {settingsOpen && <ReaderSettings onClose={() => setSettingsOpen(false)} />}
      <ReadingProgress />
      {status === 'loading' && <p className="reader-loading">Loading article…</p>}
      {status === 'error' && error && (
        <div role="alert" className="notice notice-error" data-testid="reader-error">
          {error.message}
        </div>
      )}
      {content && content.meta.id === openId && (
        <>
          <ReaderHeader meta={content.meta} />
          <ReaderFrame meta={content.meta} html={content.html} />
        </>
      )}
    </section>
  )
}

/** A thin bar showing how far the open article has been read. */
function ReadingProgress() {
  const progress = useAppStore((s) => s.readingProgress)
  const value = percent(progress)
  return (
    <div
      className="reading-progress"
      role="progressbar"
      aria-label="Reading progress"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      data-testid="reading-progress"
    >
      <div className="reading-progress-fill" style={{ transform: `scaleX(${progress})` }} />
    </div>
  )
}

function ReaderHeader({ meta }: { meta: ArticleMeta }) {
  const { client } = useStoreApi()
  const settings = useAppStore((s) => s.settings)
  const titleRef = useRef<HTMLHeadingElement>(null)
  const original = meta.canonicalUrl || meta.url
  const published = formatDate(meta.publishedAt)

  // Move focus to the title when an article opens, so screen readers start there and the list's focus is gone.
  useEffect(() => {
    titleRef.current?.focus()
  }, [meta.id])

  const openOriginal = (event: MouseEvent<HTMLAnchorElement>): void => {
    // Never navigate the app window: the original opens in the system browser (or a new tab in browser mode).
    event.preventDefault()
    void client.openExternal(original)
  }

  // The header shares the column's font, size and width so title and text line up.
  const style = {
    '--reader-font': FONT_STACKS[settings.fontFamily],
    fontSize: `${settings.fontSize}px`,
    maxWidth: `calc(${settings.contentWidth}em + 2.5rem)`
  } as CSSProperties

  return (
    <header className="reader-header" style={style} dir={textDirection(meta.lang)} lang={meta.lang ?? undefined}>
      <h1 ref={titleRef} tabIndex={-1} data-testid="reader-title">
        {meta.title}
      </h1>
      <p className="reader-meta">
        {meta.byline && <span className="reader-byline">{meta.byline}</span>}
        {meta.siteName && <span className="reader-site">{meta.siteName}</span>}
        {published && meta.publishedAt && (
          <time className="reader-date" dateTime={meta.publishedAt} data-testid="reader-date">
            {published}
          </time>
        )}
        <span className="reader-time">{readingTime(meta.readingMinutes)}</span>
        <a
          href={original}
          target="_blank"
          rel="noopener noreferrer"
          onClick={openOriginal}
          data-testid="reader-original"
        >
          Open original
        </a>
      </p>
      {meta.tags.length > 0 && (
        <ul className="reader-tags" aria-label="Tags" data-testid="reader-tags">
          {meta.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
    </header>
  )
}
