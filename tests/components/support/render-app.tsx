import { act, fireEvent, render, type RenderResult } from '@testing-library/react'
import { App } from '../../../src/renderer/src/components/app'
import { createAppStore, type AppStore, type AppStoreOptions } from '../../../src/renderer/src/store/create-app-store'
import { StoreProvider } from '../../../src/renderer/src/store/store-context'
import type { FakeClient } from './fake-client'

/** Renders the whole app over a fake client, the way main.tsx does, and waits for the first load. */
export async function renderApp(
  client: FakeClient,
  options: AppStoreOptions = {}
): Promise<RenderResult & { store: AppStore }> {
  const store = createAppStore(client, options)
  const result = render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  )
  await act(async () => {
    await Promise.all([
      store.getState().loadSettings(),
      store.getState().load(),
      store.getState().loadCounts(),
      store.getState().loadLibraryStatus()
    ])
  })
  return Object.assign(result, { store })
}

export interface FakeLayout {
  /** Current scroll offset of the reader document. */
  readonly top: number
  /** Scrolls as the user would (fires a scroll event). */
  userScrollTo(top: number): void
  /** Changes the content height, as late images or a larger font would. */
  setContentHeight(height: number): void
}

/**
 * jsdom neither loads srcdoc nor lays anything out. This writes the srcdoc into the frame's document,
 * gives it a fake scroll box (content `contentHeight` px tall in a `viewportHeight` px window), then fires
 * the load event the app waits for.
 */
export function loadReaderFrame(
  frame: HTMLIFrameElement,
  { contentHeight = 5000, viewportHeight = 1000 }: { contentHeight?: number; viewportHeight?: number } = {}
): FakeLayout {
  const doc = frame.contentDocument!
  const win = frame.contentWindow!
  doc.open()
  doc.write(frame.getAttribute('srcdoc') ?? '')
  doc.close()
  let top = 0
  let height = contentHeight
  const max = () => Math.max(0, height - viewportHeight)
  const scrollTo = (target: number) => {
    top = Math.min(max(), Math.max(0, target))
    const event = doc.createEvent('Event')
    event.initEvent('scroll', false, false)
    doc.dispatchEvent(event)
  }
  Object.defineProperty(win, 'scrollY', { configurable: true, get: () => top })
  Object.defineProperty(win, 'scrollTo', {
    configurable: true,
    value: (arg: number | ScrollToOptions) => scrollTo(typeof arg === 'number' ? arg : (arg.top ?? top))
  })
  Object.defineProperty(doc.documentElement, 'scrollHeight', { configurable: true, get: () => height })
  Object.defineProperty(doc.documentElement, 'clientHeight', { configurable: true, get: () => viewportHeight })
  act(() => {
    fireEvent.load(frame)
  })
  return {
    get top() {
      return top
    },
    userScrollTo: (target) => act(() => scrollTo(target)),
    setContentHeight: (next) => {
      height = next
    }
  }
}
