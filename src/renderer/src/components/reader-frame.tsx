import { useEffect, useMemo, useRef } from 'react'
import type { ArticleMeta } from '../../../shared/types'
import { useResolvedTheme } from '../hooks/use-resolved-theme'
import { handleShortcut } from '../keyboard/shortcuts'
import { applyAppearance, readerAppearance } from '../reader/reader-appearance'
import { buildReaderDocument } from '../reader/build-reader-document'
import { printArticle } from '../reader/print-article'
import { readerFonts } from '../reader/reader-fonts'
import { attachReader, type ReaderSession } from '../reader/reader-session'
import { revealMatch } from '../reader/scroll-to-match'
import { useAppStore, useStoreApi } from '../store/store-context'
import { articleDetails } from './format'

/** How long the search match stays highlighted after the article opens. */
const MATCH_HIGHLIGHT_MS = 2500

interface ReaderFrameProps {
  meta: ArticleMeta
  html: string
}

/**
 * The article body in a sandboxed iframe: allow-same-origin only (never allow-scripts), so nothing in the
 * article can run; same-origin lets the parent reach contentDocument for links, keys, scrolling and styles.
 */
export function ReaderFrame({ meta, html }: ReaderFrameProps) {
  const store = useStoreApi()
  const { client } = store
  const settings = useAppStore((s) => s.settings)
  const theme = useResolvedTheme()
  const appearance = useMemo(() => readerAppearance(settings, theme), [settings, theme])
  const frameRef = useRef<HTMLIFrameElement>(null)
  const sessionRef = useRef<ReaderSession | null>(null)
  const appearanceRef = useRef(appearance)
  appearanceRef.current = appearance

  const articleId = meta.id
  // The position to return to is the one saved when the article was opened; later saves of this same
  // article (as it is read) must not move the reader.
  const initialProgress = useMemo(() => meta.progress, [articleId])
  const printHeader = useMemo(
    () => ({ title: meta.title, details: articleDetails(meta), url: meta.canonicalUrl || meta.url }),
    [meta.title, meta.canonicalUrl, meta.url, meta.byline, meta.siteName, meta.publishedAt]
  )

  // Built once per article: settings are applied to the live document below, so changing them never
  // reloads the frame (no flash, no lost place). The appearance at build time only avoids a first-paint jump.
  const srcDoc = useMemo(
    () =>
      buildReaderDocument(html, client.assetBase(articleId), {
        appearance: appearanceRef.current,
        lang: meta.lang,
        fonts: readerFonts(),
        printHeader
      }),
    [html, client, articleId, meta.lang, printHeader]
  )
  const srcDocRef = useRef(srcDoc)
  srcDocRef.current = srcDoc

  const fadeTimerRef = useRef<ReturnType<typeof setTimeout> | null>(null)

  const detach = (): void => {
    sessionRef.current?.detach()
    sessionRef.current = null
    if (fadeTimerRef.current !== null) clearTimeout(fadeTimerRef.current)
    fadeTimerRef.current = null
  }

  // Every (re)load of the srcdoc is a new document: the session is attached to each one as it loads.
  const onLoad = (): void => {
    detach()
    const doc = frameRef.current?.contentDocument
    if (!doc) return
    applyAppearance(doc, appearanceRef.current)
    const state = store.getState()
    // Opened from the search results: the first match, highlighted for a moment, wins over the saved place.
    // (Only once the article's own document is in: a frame may first report its blank initial document.)
    const searchMatch = doc.querySelector('article') ? state.takeSearchMatch(articleId) : null
    const match = searchMatch ? revealMatch(doc, searchMatch.terms) : null
    if (match) fadeTimerRef.current = setTimeout(() => match.fade(), MATCH_HIGHLIGHT_MS)
    sessionRef.current = attachReader(doc, {
      initialProgress,
      initialTop: match ? () => match.top() : null,
      onProgress: (fraction) => state.reportProgress(fraction),
      onKeyDown: (event) => void handleShortcut(store, event),
      openExternal: (url) => void client.openExternal(url)
    })
  }

  useEffect(() => {
    const doc = frameRef.current?.contentDocument
    const session = sessionRef.current
    if (doc && session) session.keepPlace(() => applyAppearance(doc, appearance))
  }, [appearance])

  useEffect(() => {
    const controls = {
      scrollPages: (count: number) => sessionRef.current?.scrollPages(count),
      scrollLines: (count: number) => sessionRef.current?.scrollLines(count),
      print: () => void printArticle(srcDocRef.current)
    }
    store.reader.current = controls
    // Closing the window or reloading the page: save where the reader was.
    const onPageHide = (): void => void store.getState().flushProgress()
    window.addEventListener('pagehide', onPageHide)
    return () => {
      window.removeEventListener('pagehide', onPageHide)
      if (store.reader.current === controls) store.reader.current = null
      detach()
    }
  }, [store])

  return (
    <iframe
      ref={frameRef}
      className="reader-frame"
      title="Article"
      sandbox="allow-same-origin"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      onLoad={onLoad}
      data-testid="reader-frame"
    />
  )
}
