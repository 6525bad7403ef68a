import { useEffect, useMemo, useRef } from 'react'
import { buildReaderDocument } from '../reader/build-reader-document'
import { interceptLinks } from '../reader/intercept-links'
import { useAppStore, useClient } from '../store/store-context'

interface ReaderFrameProps {
  articleId: string
  html: string
}

/**
 * The article body in a sandboxed iframe: allow-same-origin only (never allow-scripts), so nothing in the
 * article can run; same-origin lets the parent reach contentDocument to handle link clicks.
 */
export function ReaderFrame({ articleId, html }: ReaderFrameProps) {
  const client = useClient()
  const theme = useAppStore((s) => s.theme)
  const close = useAppStore((s) => s.close)
  const frameRef = useRef<HTMLIFrameElement>(null)
  const detachRef = useRef<(() => void) | null>(null)

  const srcDoc = useMemo(
    () => buildReaderDocument(html, client.assetBase(articleId), theme),
    [html, client, articleId, theme]
  )

  // Every (re)load of the srcdoc is a new document: listeners are attached to each one as it loads.
  const onLoad = (): void => {
    detachRef.current?.()
    detachRef.current = null
    const doc = frameRef.current?.contentDocument
    if (!doc) return
    detachRef.current = interceptLinks(doc, (url) => void client.openExternal(url), close)
  }

  useEffect(
    () => () => {
      detachRef.current?.()
      detachRef.current = null
    },
    []
  )

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
