/**
 * The reader iframe runs no script (its sandbox has no allow-scripts), so the parent handles its links:
 * every click on an anchor is cancelled (the frame never navigates) and its URL is handed to openExternal,
 * which applies the one http/https/mailto check. Returns a function that detaches the listeners.
 */
export function interceptLinks(doc: Document, openExternal: (url: string) => void): () => void {
  const onClick = (event: MouseEvent): void => {
    const target = event.target as Node | null
    const element = target && target.nodeType === 1 ? (target as Element) : (target?.parentElement ?? null)
    const anchor = element?.closest('a, area')
    if (!anchor) return
    event.preventDefault()
    // Middle clicks (auxclick) are cancelled too, but only a primary click opens the link.
    if (event.type !== 'click') return
    const href = anchor.getAttribute('href')
    // In-page anchors (#notes) stay in the article: scroll to the target instead of leaving.
    if (href?.startsWith('#')) {
      const id = decodeURIComponent(href.slice(1))
      if (id) doc.getElementById(id)?.scrollIntoView?.()
      return
    }
    if (href) openExternal((anchor as HTMLAnchorElement).href || href)
  }
  doc.addEventListener('click', onClick)
  doc.addEventListener('auxclick', onClick)
  return () => {
    doc.removeEventListener('click', onClick)
    doc.removeEventListener('auxclick', onClick)
  }
}
