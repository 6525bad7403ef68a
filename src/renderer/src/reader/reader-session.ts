import { interceptLinks } from './intercept-links'

/** The scrolling box of the reader document; an interface so tests (jsdom has no layout) can fake it. */
export interface ScrollViewport {
  /** Current scroll offset in px. */
  readonly top: number
  /** Largest possible offset (content height minus viewport height); 0 when everything fits. */
  readonly max: number
  /** Viewport height in px. */
  readonly height: number
  scrollTo(top: number): void
}

export function windowViewport(win: Window): ScrollViewport {
  const root = (): HTMLElement => win.document.documentElement
  return {
    get top() {
      return win.scrollY
    },
    get max() {
      return Math.max(0, root().scrollHeight - root().clientHeight)
    },
    get height() {
      return root().clientHeight
    },
    scrollTo: (top) => win.scrollTo({ top, behavior: 'instant' })
  }
}

/** How far through the article the viewport is, 0..1 (0 when it all fits on one screen). */
export function scrollFraction(viewport: ScrollViewport): number {
  const max = viewport.max
  if (max <= 0) return 0
  return Math.min(1, Math.max(0, viewport.top / max))
}

export function offsetFor(viewport: ScrollViewport, fraction: number): number {
  return Math.round(Math.min(1, Math.max(0, fraction)) * viewport.max)
}

/** A finished article opens at its start again: "restore" means continue, and there is nothing left. */
export const FINISHED = 0.98

export interface ReaderSessionOptions {
  /** Saved progress to return to (0..1). */
  initialProgress: number
  /**
   * A place to open at instead (px from the top; an article opened from search: its first match), asked
   * again whenever late images change the layout. Takes precedence over initialProgress.
   */
  initialTop?: (() => number) | null
  /** The reader scrolled (by the user): the new fraction. */
  onProgress(fraction: number): void
  /** Every key pressed inside the frame, for the app's one shortcut table. */
  onKeyDown(event: KeyboardEvent): void
  openExternal(url: string): void
  viewport?: ScrollViewport
}

export interface ReaderSession {
  /** Scrolls by whole screens (space / shift+space), keeping a line of context. */
  scrollPages(count: number): void
  /** Scrolls by a few lines (j/k, arrows). */
  scrollLines(count: number): void
  /** Runs a change that reflows the text (size, width, font) and keeps the reader at the same place. */
  keepPlace(change: () => void): void
  detach(): void
}

/**
 * Everything the app does with a loaded reader document: link clicks, keys, saving and restoring the
 * reading position. The document runs no script of its own (the sandbox has no allow-scripts), so all of
 * it is done from the parent over same-origin access.
 */
export function attachReader(doc: Document, options: ReaderSessionOptions): ReaderSession {
  const win = doc.defaultView
  const viewport = options.viewport ?? (win ? windowViewport(win) : null)
  const detachLinks = interceptLinks(doc, options.openExternal)
  // While restoring, the target is re-applied as late images change the height; the first scroll that
  // is not ours ends it. Our own scrolls are recognised by where they land.
  let restoreTo: number | null =
    options.initialProgress > 0 && options.initialProgress < FINISHED ? options.initialProgress : null
  let restoreTop: (() => number) | null = options.initialTop ?? null
  if (restoreTop) restoreTo = null
  let expectedTop: number | null = null

  const scrollOurselves = (top: number): void => {
    if (!viewport) return
    expectedTop = Math.min(Math.max(0, top), viewport.max)
    viewport.scrollTo(top)
  }

  const restore = (): void => {
    if (!viewport) return
    if (restoreTop) scrollOurselves(restoreTop())
    else if (restoreTo !== null) scrollOurselves(offsetFor(viewport, restoreTo))
  }

  const onScroll = (): void => {
    if (!viewport) return
    if (expectedTop !== null && Math.abs(viewport.top - expectedTop) <= 2) return
    expectedTop = null
    restoreTo = null
    restoreTop = null
    options.onProgress(scrollFraction(viewport))
  }

  const onKeyDown = (event: KeyboardEvent): void => options.onKeyDown(event)

  const pendingImages = [...doc.images].filter((img) => !img.complete)
  for (const img of pendingImages) {
    img.addEventListener('load', restore)
    img.addEventListener('error', restore)
  }
  doc.addEventListener('scroll', onScroll)
  doc.addEventListener('keydown', onKeyDown)
  restore()

  const lineHeight = (): number => {
    const computed = win && doc.body ? parseFloat(win.getComputedStyle(doc.body).lineHeight) : NaN
    return Number.isFinite(computed) && computed > 0 ? computed : 30
  }

  const userScroll = (delta: number): void => {
    if (!viewport) return
    restoreTo = null
    restoreTop = null
    expectedTop = null
    viewport.scrollTo(viewport.top + delta)
  }

  return {
    scrollPages(count) {
      if (!viewport) return
      // Keep two lines of the previous screen so the eye finds where it was.
      userScroll(count * Math.max(viewport.height - 2 * lineHeight(), viewport.height / 2))
    },
    scrollLines(count) {
      userScroll(count * 2 * lineHeight())
    },
    keepPlace(change) {
      if (restoreTop) {
        change()
        restore()
        return
      }
      const fraction = restoreTo ?? (viewport ? scrollFraction(viewport) : 0)
      change()
      if (viewport && fraction > 0) scrollOurselves(offsetFor(viewport, fraction))
    },
    detach() {
      detachLinks()
      for (const img of pendingImages) {
        img.removeEventListener('load', restore)
        img.removeEventListener('error', restore)
      }
      doc.removeEventListener('scroll', onScroll)
      doc.removeEventListener('keydown', onKeyDown)
    }
  }
}
