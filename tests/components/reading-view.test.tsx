import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { ArticleMeta } from '../../src/shared/types'
import { DEFAULT_SETTINGS } from '../../src/shared/types'
import { SHORTCUTS } from '../../src/renderer/src/keyboard/shortcuts'
import { FakeClient, makeArticle } from './support/fake-client'
import { loadReaderFrame, renderApp, type FakeLayout } from './support/render-app'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const items = () => within(screen.getByRole('list', { name: 'Articles' })).queryAllByRole('listitem')
const itemFor = (title: string) => {
  const item = items().find((li) => li.textContent?.includes(title))
  if (!item) throw new Error(`no list item for ${title}`)
  return item
}
const frame = () => screen.getByTitle('Article') as HTMLIFrameElement
const frameDoc = () => frame().contentDocument!
const rootStyle = (name: string) => frameDoc().documentElement.style.getPropertyValue(name)

/** Opens an article from the list and "loads" its frame with a fake layout. */
async function openArticle(
  title: string,
  layout?: { contentHeight?: number; viewportHeight?: number }
): Promise<FakeLayout> {
  fireEvent.click(itemFor(title))
  await screen.findByTitle('Article')
  return loadReaderFrame(frame(), layout)
}

/** A key pressed inside the reader frame (focus in the article): the frame forwards it to the one table. */
function pressInFrame(key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new (frame().contentWindow as unknown as typeof globalThis).KeyboardEvent('keydown', {
    key,
    bubbles: true,
    cancelable: true,
    ...init
  })
  act(() => {
    frameDoc().body.dispatchEvent(event)
  })
  return event
}

describe('reader settings in the reader document', () => {
  it('applies font size, family, line height, width and justification as CSS, live and without reloading', async () => {
    const client = new FakeClient([makeArticle({ id: 's1', title: 'Styled' })])
    client.settings = { ...DEFAULT_SETTINGS, fontSize: 20, lineHeight: 1.5, contentWidth: 40, theme: 'sepia' }
    const { store } = await renderApp(client)
    await openArticle('Styled')

    // The first paint already has the saved settings (no jump from defaults).
    const srcdoc = frame().getAttribute('srcdoc')!
    expect(srcdoc).toContain('--reader-size: 20px;')
    expect(srcdoc).toContain('data-theme="sepia"')
    expect(rootStyle('--reader-size')).toBe('20px')
    expect(rootStyle('--reader-line-height')).toBe('1.5')
    expect(rootStyle('--reader-width')).toBe('40em')
    expect(rootStyle('--reader-align')).toBe('start')
    expect(rootStyle('--reader-font')).toContain('serif')

    const docBefore = frameDoc()
    await act(() =>
      store.getState().updateSettings({
        fontSize: 24,
        fontFamily: 'dyslexic',
        lineHeight: 2,
        contentWidth: 30,
        justify: true,
        theme: 'dark'
      })
    )
    expect(frameDoc()).toBe(docBefore)
    expect(frame().getAttribute('srcdoc')).toBe(srcdoc)
    expect(rootStyle('--reader-size')).toBe('24px')
    expect(rootStyle('--reader-font')).toContain('OpenDyslexic')
    expect(rootStyle('--reader-line-height')).toBe('2')
    expect(rootStyle('--reader-width')).toBe('30em')
    expect(rootStyle('--reader-align')).toBe('justify')
    expect(frameDoc().documentElement.dataset.theme).toBe('dark')
    expect(client.callsOf('updateSettings')).toEqual([
      { fontSize: 24, fontFamily: 'dyslexic', lineHeight: 2, contentWidth: 30, justify: true, theme: 'dark' }
    ])
  })

  it('keeps the reading place when a change reflows the text', async () => {
    const { store } = await renderApp(new FakeClient([makeArticle({ id: 's2', title: 'Reflow' })]))
    const layout = await openArticle('Reflow', { contentHeight: 5000, viewportHeight: 1000 })
    layout.userScrollTo(2000) // half way: 2000 of 4000
    // Larger text makes the article taller (here: as soon as the new size is applied); the reader stays
    // half way through it.
    const style = frameDoc().documentElement.style
    const setProperty = style.setProperty.bind(style)
    style.setProperty = (name: string, value: string | null, priority?: string) => {
      if (name === '--reader-size' && value === '26px') layout.setContentHeight(9000)
      setProperty(name, value, priority)
    }
    await act(() => store.getState().updateSettings({ fontSize: 26 }))
    expect(layout.top).toBe(4000)
  })

  it('changes settings from the reading settings panel', async () => {
    const client = new FakeClient([makeArticle({ id: 's3', title: 'Panel' })])
    await renderApp(client)
    await openArticle('Panel')
    fireEvent.click(screen.getByRole('button', { name: 'Reading settings' }))
    const panel = screen.getByRole('group', { name: 'Reading settings' })
    fireEvent.click(within(panel).getByRole('radio', { name: 'Dark' }))
    fireEvent.click(within(panel).getByRole('radio', { name: 'OpenDyslexic' }))
    fireEvent.click(within(panel).getByRole('button', { name: 'Larger text' }))
    fireEvent.click(within(panel).getByRole('checkbox', { name: 'Justify text' }))
    fireEvent.click(within(panel).getByRole('checkbox', { name: /Archive articles when I reach the end/ }))
    await waitFor(() =>
      expect(client.settings).toMatchObject({
        theme: 'dark',
        fontFamily: 'dyslexic',
        fontSize: 20,
        justify: true,
        archiveOnFinish: true
      })
    )
    expect(within(panel).getByTestId('font-size').textContent).toBe('20 px')
    expect(frameDoc().documentElement.dataset.theme).toBe('dark')
    // Escape closes the panel, not the article.
    fireEvent.keyDown(within(panel).getByRole('checkbox', { name: 'Justify text' }), { key: 'Escape' })
    expect(screen.queryByRole('group', { name: 'Reading settings' })).toBeNull()
    expect(screen.getByTitle('Article')).toBeTruthy()
  })

  it('shows the previous value again when saving a setting fails', async () => {
    const client = new FakeClient()
    const { store } = await renderApp(client)
    client.api.updateSettings = async () => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'No.' } })
    await act(() => store.getState().updateSettings({ fontSize: 30 }))
    expect(store.getState().settings.fontSize).toBe(DEFAULT_SETTINGS.fontSize)
    expect(store.getState().settingsError?.message).toBe('No.')
  })

  it('follows settings changed in another window', async () => {
    const client = new FakeClient()
    const { store } = await renderApp(client)
    act(() => client.emit('settingsChanged', { ...DEFAULT_SETTINGS, theme: 'sepia', fontSize: 25 }))
    expect(store.getState().settings.fontSize).toBe(25)
    expect(document.documentElement.dataset.theme).toBe('sepia')
  })
})

describe('theme "system"', () => {
  /** A controllable prefers-color-scheme. */
  function stubColorScheme(dark: boolean) {
    const listeners = new Set<() => void>()
    const query = {
      get matches() {
        return dark
      },
      media: '(prefers-color-scheme: dark)',
      addEventListener: (_: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => listeners.delete(listener)
    }
    vi.stubGlobal('matchMedia', () => query)
    return {
      set(next: boolean) {
        dark = next
        act(() => listeners.forEach((listener) => listener()))
      }
    }
  }

  it('follows prefers-color-scheme in the app and the reader, and switches when the system does', async () => {
    const scheme = stubColorScheme(true)
    await renderApp(new FakeClient([makeArticle({ id: 't1', title: 'Night' })]))
    expect(document.documentElement.dataset.themeSetting).toBe('system')
    expect(document.documentElement.dataset.theme).toBe('dark')
    await openArticle('Night')
    expect(frameDoc().documentElement.dataset.theme).toBe('dark')

    scheme.set(false)
    expect(document.documentElement.dataset.theme).toBe('light')
    expect(frameDoc().documentElement.dataset.theme).toBe('light')
  })

  it('is ignored once a fixed theme is chosen', async () => {
    stubColorScheme(true)
    const client = new FakeClient()
    client.settings = { ...DEFAULT_SETTINGS, theme: 'sepia' }
    await renderApp(client)
    expect(document.documentElement.dataset.theme).toBe('sepia')
  })
})

describe('keyboard shortcuts (one table for list and reader)', () => {
  const three = (): ArticleMeta[] => [
    makeArticle({ id: 'k1', title: 'One', canonicalUrl: 'https://news.test/one' }),
    makeArticle({ id: 'k2', title: 'Two' }),
    makeArticle({ id: 'k3', title: 'Three' })
  ]

  it('has each key once', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys)
    expect(new Set(keys).size).toBe(keys.length)
    for (const key of [
      'Space',
      'Shift+Space',
      'j',
      'k',
      'ArrowDown',
      'ArrowUp',
      'n',
      'p',
      '+',
      '-',
      'o',
      'a',
      'f',
      'Escape'
    ]) {
      expect(keys).toContain(key)
    }
  })

  it('space / shift+space page, j/k and arrows scroll the article', async () => {
    await renderApp(new FakeClient(three()))
    const layout = await openArticle('One', { contentHeight: 10_000, viewportHeight: 1000 })
    const space = pressInFrame(' ')
    expect(space.defaultPrevented).toBe(true)
    const afterPage = layout.top
    expect(afterPage).toBeGreaterThan(800)
    expect(afterPage).toBeLessThan(1000) // a little overlap keeps the eye's place
    pressInFrame(' ', { shiftKey: true })
    expect(layout.top).toBe(0)
    pressInFrame('j')
    const line = layout.top
    expect(line).toBeGreaterThan(0)
    pressInFrame('ArrowDown')
    expect(layout.top).toBe(2 * line)
    pressInFrame('k')
    pressInFrame('ArrowUp')
    expect(layout.top).toBe(0)
    // The same keys work with focus outside the frame (on the title, a button, ...).
    fireEvent.keyDown(screen.getByTestId('reader-title'), { key: ' ' })
    expect(layout.top).toBe(afterPage)
  })

  it('n / p walk through the articles of the current view, Escape goes back to the list', async () => {
    await renderApp(new FakeClient(three()))
    await openArticle('One')
    pressInFrame('n')
    expect((await screen.findByTestId('reader-title')).textContent).toBe('Two')
    loadReaderFrame(frame())
    pressInFrame('n')
    await waitFor(() => expect(screen.getByTestId('reader-title').textContent).toBe('Three'))
    loadReaderFrame(frame())
    pressInFrame('n') // the end: stays
    expect(screen.getByTestId('reader-title').textContent).toBe('Three')
    pressInFrame('p')
    await waitFor(() => expect(screen.getByTestId('reader-title').textContent).toBe('Two'))
    loadReaderFrame(frame())
    pressInFrame('Escape')
    expect(screen.queryByTitle('Article')).toBeNull()
    expect(items().find((li) => li.getAttribute('aria-current') === 'true')?.textContent).toContain('Two')
  })

  it('+ / - change the text size, o opens the original, a archives, f favorites', async () => {
    const client = new FakeClient(three())
    const { store } = await renderApp(client)
    await openArticle('One')
    pressInFrame('+')
    pressInFrame('+')
    pressInFrame('-')
    await waitFor(() => expect(client.settings.fontSize).toBe(DEFAULT_SETTINGS.fontSize + 1))
    expect(rootStyle('--reader-size')).toBe(`${DEFAULT_SETTINGS.fontSize + 1}px`)
    pressInFrame('o')
    expect(client.opened).toEqual(['https://news.test/one'])
    pressInFrame('f')
    await waitFor(() => expect(store.getState().content?.meta.favorite).toBe(true))
    pressInFrame('a')
    await waitFor(() => expect(store.getState().content?.meta.state).toBe('archived'))
    expect(client.callsOf('setFavorite')).toEqual([{ id: 'k1', favorite: true }])
    expect(client.callsOf('setArchived')).toEqual([{ id: 'k1', archived: true }])
  })

  it('clamps the text size to the allowed range', async () => {
    const client = new FakeClient()
    client.settings = { ...DEFAULT_SETTINGS, fontSize: 32 }
    const { store } = await renderApp(client)
    fireEvent.keyDown(document.body, { key: '+' })
    expect(store.getState().settings.fontSize).toBe(32)
    expect(client.callsOf('updateSettings')).toHaveLength(0)
  })

  it('leaves Space on a focused button to the button', async () => {
    await renderApp(new FakeClient(three()))
    const layout = await openArticle('One', { contentHeight: 10_000 })
    const event = fireEvent.keyDown(screen.getByRole('button', { name: 'Back to list' }), { key: ' ' })
    expect(event).toBe(true) // not prevented
    expect(layout.top).toBe(0)
  })
})

describe('reading position', () => {
  it('is saved debounced while scrolling, at once on leaving, and restored on reopening', async () => {
    const client = new FakeClient([makeArticle({ id: 'p1', title: 'Long read' })])
    const { store } = await renderApp(client, { progressSaveDelayMs: 40 })
    const layout = await openArticle('Long read', { contentHeight: 5000, viewportHeight: 1000 })
    layout.userScrollTo(1000)
    layout.userScrollTo(1500)
    layout.userScrollTo(2000)
    // Shown at once, saved once scrolling pauses: one call for three scroll events.
    expect(screen.getByRole('progressbar', { name: 'Reading progress' }).getAttribute('aria-valuenow')).toBe('50')
    expect(client.callsOf('setProgress')).toHaveLength(0)
    await waitFor(() => expect(client.callsOf('setProgress')).toEqual([{ id: 'p1', progress: 0.5 }]))

    layout.userScrollTo(3000)
    pressInFrame('Escape') // leaving saves without waiting
    expect(client.callsOf('setProgress')).toEqual([
      { id: 'p1', progress: 0.5 },
      { id: 'p1', progress: 0.75 }
    ])
    await waitFor(() =>
      expect(within(itemFor('Long read')).getByTestId('progress-indicator').textContent).toBe('75% read')
    )

    const reopened = await openArticle('Long read', { contentHeight: 5000, viewportHeight: 1000 })
    expect(reopened.top).toBe(3000)
    expect(store.getState().readingProgress).toBe(0.75)
    // Restoring is not reading: it saves nothing.
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(client.callsOf('setProgress')).toHaveLength(2)
  })

  it('is restored again after images load and change the height', async () => {
    const client = new FakeClient([
      {
        meta: makeArticle({ id: 'p2', title: 'Pictures', progress: 0.5 }),
        html: `<p>Text</p><img src="assets/${'a'.repeat(64)}.png" alt="A picture">`
      }
    ])
    await renderApp(client)
    fireEvent.click(itemFor('Pictures'))
    await screen.findByTitle('Article')
    // The image has not loaded when the frame does.
    const layout = loadReaderFrame(frame(), { contentHeight: 3000, viewportHeight: 1000 })
    expect(layout.top).toBe(1000)
    layout.setContentHeight(5000)
    act(() => {
      frameDoc()
        .querySelector('img')!
        .dispatchEvent(new (frame().contentWindow as unknown as typeof globalThis).Event('load'))
    })
    expect(layout.top).toBe(2000)
  })

  it('reaching the end marks the article read (the core decides; archiving follows the setting)', async () => {
    const client = new FakeClient([makeArticle({ id: 'p3', title: 'Short story' })])
    client.settings = { ...DEFAULT_SETTINGS, archiveOnFinish: true }
    await renderApp(client, { progressSaveDelayMs: 10 })
    const layout = await openArticle('Short story', { contentHeight: 3000, viewportHeight: 1000 })
    layout.userScrollTo(2000)
    await waitFor(() => expect(client.callsOf('setProgress')).toEqual([{ id: 'p3', progress: 1 }]))
    await waitFor(() => expect(client.articles.get('p3')?.state).toBe('archived'))
    pressInFrame('Escape')
    fireEvent.click(screen.getByTestId('view-archive'))
    expect(await within(await waitFor(() => itemFor('Short story'))).findByTestId('read-indicator')).toBeTruthy()
  })

  it('a finished article opens at its start', async () => {
    const client = new FakeClient([
      makeArticle({ id: 'p4', title: 'Done', progress: 1, readAt: '2024-01-01T00:00:00.000Z' })
    ])
    await renderApp(client)
    expect(within(itemFor('Done')).getByTestId('read-indicator').textContent).toContain('Read')
    expect(within(itemFor('Done')).queryByTestId('progress-indicator')).toBeNull()
    const layout = await openArticle('Done')
    expect(layout.top).toBe(0)
  })
})

describe('header and layout', () => {
  it('shows title, byline, site, date, reading time, original link and tags', async () => {
    const meta = makeArticle({
      id: 'h1',
      title: 'Tides',
      byline: 'Ada Marsh',
      siteName: 'Harbour Gazette',
      publishedAt: '2026-03-14T09:00:00Z',
      readingMinutes: 4,
      tags: ['sea', 'history']
    })
    await renderApp(new FakeClient([meta]))
    await openArticle('Tides')
    const header = screen.getByTestId('reader-title').closest('header')!
    expect(within(header).getByText('Ada Marsh')).toBeTruthy()
    expect(within(header).getByText('Harbour Gazette')).toBeTruthy()
    expect(within(header).getByTestId('reader-date').getAttribute('datetime')).toBe('2026-03-14T09:00:00Z')
    expect(within(header).getByTestId('reader-date').textContent).toMatch(/2026/)
    expect(within(header).getByText('4 min read')).toBeTruthy()
    expect(within(header).getByRole('list', { name: 'Tags' }).textContent).toBe('seahistory')
    expect(screen.getByRole('button', { name: 'Favorite' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Archive' })).toBeTruthy()
    expect(screen.getByRole('progressbar', { name: 'Reading progress' })).toBeTruthy()
    // Printed copies carry the header too (the app's header is outside the frame).
    expect(frameDoc().querySelector('.print-header h1')?.textContent).toBe('Tides')
  })

  it('lays right-to-left articles out right to left', async () => {
    await renderApp(
      new FakeClient([{ meta: makeArticle({ id: 'ar', title: 'مقال', lang: 'ar' }), html: '<p>نص عربي</p>' }])
    )
    await openArticle('مقال')
    expect(frameDoc().documentElement.getAttribute('dir')).toBe('rtl')
    expect(frameDoc().documentElement.getAttribute('lang')).toBe('ar')
    expect(screen.getByTestId('reader-title').closest('header')!.getAttribute('dir')).toBe('rtl')
  })

  it('keeps left-to-right for other languages and lets the browser decide when the language is unknown', async () => {
    await renderApp(
      new FakeClient([
        makeArticle({ id: 'en', title: 'English', lang: 'en-GB' }),
        { meta: makeArticle({ id: 'xx', title: 'Unknown', lang: null }), html: '<p dir="rtl">שלום</p>' }
      ])
    )
    await openArticle('English')
    expect(frameDoc().documentElement.getAttribute('dir')).toBe('ltr')
    pressInFrame('Escape')
    await openArticle('Unknown')
    expect(frameDoc().documentElement.getAttribute('dir')).toBe('auto')
    // The article's own dir attributes are kept by the sanitizer.
    expect(frameDoc().querySelector('p[dir="rtl"]')?.textContent).toBe('שלום')
  })

  it('Print prints a copy of the article in a frame that still cannot run scripts', async () => {
    await renderApp(new FakeClient([makeArticle({ id: 'pr', title: 'Paper' })]))
    await openArticle('Paper')
    fireEvent.click(screen.getByRole('button', { name: 'Print' }))
    const printFrame = document.querySelector('iframe.print-frame') as HTMLIFrameElement
    expect(printFrame).toBeTruthy()
    expect(printFrame.getAttribute('sandbox')).toBe('allow-same-origin allow-modals')
    expect(printFrame.getAttribute('sandbox')).not.toContain('allow-scripts')
    expect(printFrame.srcdoc).toBe(frame().getAttribute('srcdoc'))
    printFrame.remove()
  })
})
