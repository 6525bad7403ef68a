/**
 * Prints an article the way the reader shows it. The reading frame cannot print itself: print() counts as a
 * modal dialog, and its sandbox grants nothing but same-origin. So a second, invisible frame is made with
 * the same document (same CSP, same sanitized body, its @media print rules) and allow-modals added. It still
 * has no allow-scripts: only this code, in the app, can call print() on it; the article itself cannot.
 */
export function printArticle(srcDoc: string, host: HTMLElement = document.body): HTMLIFrameElement {
  const frame = host.ownerDocument.createElement('iframe')
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals')
  frame.setAttribute('aria-hidden', 'true')
  frame.setAttribute('tabindex', '-1')
  frame.title = 'Article (print)'
  frame.className = 'print-frame'
  frame.dataset.testid = 'print-frame'
  let removed = false
  const remove = (): void => {
    if (removed) return
    removed = true
    frame.remove()
  }
  frame.addEventListener(
    'load',
    () => {
      const win = frame.contentWindow
      if (!win) return remove()
      win.addEventListener('afterprint', remove)
      win.print()
      // Where print() does not block until the dialog closes and afterprint never comes, tidy up later.
      setTimeout(remove, 60_000)
    },
    { once: true }
  )
  frame.srcdoc = srcDoc
  host.append(frame)
  return frame
}
