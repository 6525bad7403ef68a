import { afterEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { Result } from '../../src/shared/result'
import { ok } from '../../src/shared/result'
import type { SearchHit, SearchResult } from '../../src/shared/types'
import { createAppStore } from '../../src/renderer/src/store/create-app-store'
import { FakeClient, makeArticle } from './support/fake-client'
import { loadReaderFrame, renderApp } from './support/render-app'

afterEach(cleanup)

const searchBox = () => screen.getByRole('searchbox', { name: 'Search articles' }) as HTMLInputElement
const results = () => screen.getByRole('list', { name: 'Search results' })
const hits = () => within(results()).queryAllByRole('listitem')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function type(text: string): void {
  fireEvent.change(searchBox(), { target: { value: text } })
}

function library(): FakeClient {
  return new FakeClient([
    {
      meta: makeArticle({ id: 'lighthouse', title: 'The Last Lighthouse Keeper', siteName: 'Harbour Gazette' }),
      html: '<p>The keeper climbed the stairs.</p><p>Later the <em>zephyr</em> arrived from the north.</p>'
    },
    { meta: makeArticle({ id: 'tides', title: 'Tide Tables', favorite: true }), html: '<p>High water at noon.</p>' },
    { meta: makeArticle({ id: 'ferries', title: 'Ferry Times' }), html: '<p>The ferry leaves at dawn.</p>' }
  ])
}

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const result = (hitList: SearchHit[]): SearchResult => ({
  hits: hitList,
  total: hitList.length,
  totalIsEstimate: false,
  tookMs: 1,
  sort: 'relevance'
})
const hit = (id: string, title: string, snippet = ''): SearchHit => ({
  id,
  title,
  url: `https://example.test/${id}`,
  siteName: 'Example',
  savedAt: new Date(2026, 0, 2).toISOString(),
  score: 1,
  titleHighlights: [],
  snippet: { text: snippet, highlights: [] }
})

describe('search store', () => {
  it('debounces typing: one request for the last query once typing pauses', async () => {
    const client = library()
    const store = createAppStore(client, { searchDebounceMs: 60 })
    for (const query of ['l', 'li', 'lig', 'ligh']) store.getState().runSearch(query)
    expect(store.getState().searchQuery).toBe('ligh')
    expect(client.callsOf('search')).toEqual([])
    await waitFor(() => expect(store.getState().searchStatus).toBe('ready'))
    expect(client.callsOf('search')).toEqual([{ query: 'ligh', limit: 50 }])
    expect(store.getState().searchResult?.hits.map((h) => h.id)).toEqual(['lighthouse'])
    store.dispose()
  })

  it('ignores an answer for an older query that arrives after the newer one', async () => {
    const client = library()
    const pending = new Map<string, ReturnType<typeof deferred<Result<SearchResult>>>>()
    client.searchResponder = (input) => {
      const d = deferred<Result<SearchResult>>()
      pending.set(input.query, d)
      return d.promise
    }
    const store = createAppStore(client, { searchDebounceMs: 5 })
    store.getState().runSearch('old')
    await waitFor(() => expect(pending.has('old')).toBe(true))
    store.getState().runSearch('new')
    await waitFor(() => expect(pending.has('new')).toBe(true))

    pending.get('new')!.resolve(ok(result([hit('n', 'New answer')])))
    await waitFor(() => expect(store.getState().searchStatus).toBe('ready'))
    pending.get('old')!.resolve(ok(result([hit('o', 'Old answer')])))
    await sleep(20)
    expect(store.getState().searchResult?.hits.map((h) => h.title)).toEqual(['New answer'])
    expect(store.getState().searchResultQuery).toBe('new')
    store.dispose()
  })

  it('a cleared search drops answers still on the way', async () => {
    const client = library()
    const d = deferred<Result<SearchResult>>()
    client.searchResponder = () => d.promise
    const store = createAppStore(client, { searchDebounceMs: 5 })
    void store.getState().searchNow('keeper')
    await waitFor(() => expect(client.callsOf('search')).toHaveLength(1))
    store.getState().clearSearch()
    d.resolve(ok(result([hit('x', 'Late')])))
    await sleep(10)
    expect(store.getState().searchResult).toBeNull()
    expect(store.getState().searchStatus).toBe('idle')
    store.dispose()
  })
})

describe('search in the app', () => {
  it('shows results instead of the list as you type, with matches marked in title and snippet', async () => {
    await renderApp(library(), { searchDebounceMs: 10 })
    type('zephyr')
    await waitFor(() => expect(hits()).toHaveLength(1))
    expect(screen.queryByRole('list', { name: 'Articles' })).toBeNull()
    const item = hits()[0]!
    expect(item.textContent).toContain('The Last Lighthouse Keeper')
    expect(item.textContent).toContain('Harbour Gazette')
    const marks = [...item.querySelectorAll('.search-snippet mark')].map((m) => m.textContent)
    expect(marks).toEqual(['zephyr'])
    expect(screen.getByTestId('search-count').textContent).toBe('1 result for “zephyr”')

    type('keeper')
    await waitFor(() =>
      expect([...hits()[0]!.querySelectorAll('h2 mark')].map((m) => m.textContent)).toEqual(['Keeper'])
    )
  })

  it('renders hostile snippet text as text: no element is made from it', async () => {
    const client = library()
    const snippet = 'before <img src=x onerror="window.pwned=1"> lighthouse <script>alert(1)</script> after'
    const start = snippet.indexOf('lighthouse')
    client.searchResponder = async () =>
      ok(
        result([
          {
            ...hit('lighthouse', '<b>Bold</b> Lighthouse'),
            titleHighlights: [
              [12, 22],
              [999, 1200],
              [3, 1]
            ],
            snippet: {
              text: snippet,
              highlights: [
                [start, start + 10],
                [start + 2, start + 5]
              ]
            }
          }
        ])
      )
    await renderApp(client, { searchDebounceMs: 5 })
    type('lighthouse')
    await waitFor(() => expect(hits()).toHaveLength(1))
    const item = hits()[0]!
    expect(item.querySelector('img, script, b')).toBeNull()
    const text = within(item).getByTestId('search-snippet')
    expect(text.textContent).toBe(snippet)
    expect([...text.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['lighthouse'])
    expect([...item.querySelectorAll('h2 mark')].map((m) => m.textContent)).toEqual(['Lighthouse'])
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined()
  })

  it('/ focuses the search box from the list', async () => {
    await renderApp(library())
    expect(document.activeElement).not.toBe(searchBox())
    const event = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true })
    act(() => void document.body.dispatchEvent(event))
    expect(event.defaultPrevented).toBe(true)
    await waitFor(() => expect(document.activeElement).toBe(searchBox()))
    expect(searchBox().value).toBe('')
  })

  it('/ focuses the search box from the reader, where the key is pressed inside the article frame', async () => {
    const client = library()
    const { store } = await renderApp(client)
    await act(async () => store.getState().open('tides'))
    const frame = (await screen.findByTitle('Article')) as HTMLIFrameElement
    loadReaderFrame(frame)
    const doc = frame.contentDocument!
    const event = new (frame.contentWindow as unknown as typeof window).KeyboardEvent('keydown', {
      key: '/',
      bubbles: true,
      cancelable: true
    })
    act(() => void doc.body.dispatchEvent(event))
    await waitFor(() => expect(document.activeElement).toBe(searchBox()))
    // Focusing does not leave the article; typing a query does.
    expect(screen.getByRole('heading', { level: 1, name: 'Tide Tables' })).toBeTruthy()
    type('ferry')
    await waitFor(() => expect(hits()).toHaveLength(1))
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull()
  })

  it('Esc in the search box clears the search and returns to the list', async () => {
    await renderApp(library(), { searchDebounceMs: 5 })
    act(() => searchBox().focus())
    type('ferry')
    await waitFor(() => expect(hits()).toHaveLength(1))
    fireEvent.keyDown(searchBox(), { key: 'Escape' })
    expect(searchBox().value).toBe('')
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull()
    expect(screen.getByRole('list', { name: 'Articles' })).toBeTruthy()
  })

  it('Esc clears the search when the focus is elsewhere too, and arrows and j/k move in the results', async () => {
    const { store } = await renderApp(library(), { searchDebounceMs: 5 })
    type('the')
    await waitFor(() => expect(hits().length).toBeGreaterThan(1))
    act(() => searchBox().blur())
    const first = store.getState().searchSelectedId
    expect(first).toBe(hits()[0]!.dataset.articleId)
    fireEvent.keyDown(document.body, { key: 'j' })
    expect(store.getState().searchSelectedId).toBe(hits()[1]!.dataset.articleId)
    expect(hits()[1]!.getAttribute('aria-current')).toBe('true')
    fireEvent.keyDown(document.body, { key: 'ArrowUp' })
    expect(store.getState().searchSelectedId).toBe(first)
    fireEvent.keyDown(document.body, { key: 'Escape' })
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull()
    expect(searchBox().value).toBe('')
  })

  it('Enter opens the selected result, scrolled to the first match rather than the saved place', async () => {
    const client = library()
    client.articles.set('lighthouse', { ...client.articles.get('lighthouse')!, progress: 0.5 })
    await renderApp(client, { searchDebounceMs: 5 })
    act(() => searchBox().focus())
    type('zephyr')
    await waitFor(() => expect(hits()).toHaveLength(1))
    fireEvent.keyDown(searchBox(), { key: 'Enter' })
    expect(await screen.findByRole('heading', { level: 1, name: 'The Last Lighthouse Keeper' })).toBeTruthy()

    const frame = (await screen.findByTitle('Article')) as HTMLIFrameElement
    // jsdom has no layout: the match's mark says it is 2600 px down the document.
    const proto = (frame.contentWindow as unknown as typeof window).Element.prototype
    const original = proto.getBoundingClientRect
    proto.getBoundingClientRect = function (this: Element) {
      return this.tagName === 'MARK'
        ? ({ top: 2600, bottom: 2620, left: 0, right: 50, width: 50, height: 20 } as DOMRect)
        : original.call(this)
    }
    const layout = loadReaderFrame(frame, { contentHeight: 5000, viewportHeight: 900 })
    const mark = frame.contentDocument!.querySelector('mark[data-search-match]')
    expect(mark?.textContent).toBe('zephyr')
    expect(mark?.parentElement?.tagName).toBe('EM')
    // A third of the way down the viewport: 2600 - 900 / 3; not 50% of the article.
    expect(layout.top).toBe(2300)

    // Back goes to the results, still there.
    fireEvent.keyDown(document.body, { key: 'Escape' })
    expect(hits()).toHaveLength(1)
    expect(searchBox().value).toBe('zephyr')
  })

  it('opening an article from the list still restores its saved place', async () => {
    const client = library()
    client.articles.set('tides', { ...client.articles.get('tides')!, progress: 0.5 })
    const { store } = await renderApp(client, { searchDebounceMs: 5 })
    await act(async () => store.getState().open('tides'))
    const frame = (await screen.findByTitle('Article')) as HTMLIFrameElement
    const layout = loadReaderFrame(frame, { contentHeight: 5000, viewportHeight: 1000 })
    expect(layout.top).toBe(2000)
    expect(frame.contentDocument!.querySelector('mark')).toBeNull()
  })

  it('clicking a result opens it; the match is found without case or accents', async () => {
    const client = new FakeClient([
      { meta: makeArticle({ id: 'cafe', title: 'Coffee' }), html: '<p>Intro.</p><p>A CRÈME brûlée at the café.</p>' }
    ])
    client.searchResponder = async () =>
      ok(result([{ ...hit('cafe', 'Coffee'), snippet: { text: 'A CRÈME brûlée', highlights: [] } }]))
    await renderApp(client, { searchDebounceMs: 5 })
    type('creme')
    await waitFor(() => expect(hits()).toHaveLength(1))
    fireEvent.click(within(hits()[0]!).getByRole('button', { name: 'Coffee' }))
    const frame = (await screen.findByTitle('Article')) as HTMLIFrameElement
    loadReaderFrame(frame)
    expect(frame.contentDocument!.querySelector('mark[data-search-match]')?.textContent).toBe('CRÈME')
  })

  it('saves a search, lists it in the sidebar, runs it from there, and deletes it', async () => {
    const client = library()
    await renderApp(client, { searchDebounceMs: 5 })
    const sidebar = screen.getByRole('navigation', { name: 'Library views' })
    expect(within(sidebar).getByRole('heading', { name: 'Saved searches' })).toBeTruthy()

    type('is:favorite')
    await waitFor(() => expect(hits()).toHaveLength(1))
    fireEvent.click(screen.getByRole('button', { name: 'Save search' }))
    const name = screen.getByRole('textbox', { name: 'Name for this search' }) as HTMLInputElement
    expect(name.value).toBe('is:favorite')
    fireEvent.change(name, { target: { value: 'Loved' } })
    fireEvent.submit(name.form!)
    const link = await within(sidebar).findByRole('link', { name: 'Loved' })
    expect(client.savedSearches).toMatchObject([{ name: 'Loved', query: 'is:favorite' }])
    expect(link.getAttribute('aria-current')).toBe('page')
    expect(screen.getByTestId('search-saved-note').textContent).toBe('Saved as “Loved”')

    fireEvent.keyDown(searchBox(), { key: 'Escape' })
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull()
    fireEvent.click(within(sidebar).getByRole('link', { name: 'Loved' }))
    await waitFor(() => expect(hits()).toHaveLength(1))
    expect(searchBox().value).toBe('is:favorite')
    expect(hits()[0]!.textContent).toContain('Tide Tables')

    fireEvent.click(within(sidebar).getByRole('button', { name: 'Delete saved search “Loved”' }))
    await waitFor(() => expect(within(sidebar).queryByRole('link', { name: 'Loved' })).toBeNull())
    expect(client.savedSearches).toEqual([])
    expect(client.callsOf('deleteSavedSearch')).toEqual([{ id: 'saved-1' }])
  })

  it('saved searches made elsewhere are listed when the app starts', async () => {
    const client = library()
    client.savedSearches.push({
      id: 's1',
      name: 'Ferries',
      query: 'ferry',
      createdAt: new Date(2026, 0, 1).toISOString()
    })
    await renderApp(client, { searchDebounceMs: 5 })
    const sidebar = screen.getByRole('navigation', { name: 'Library views' })
    fireEvent.click(await within(sidebar).findByRole('link', { name: 'Ferries' }))
    await waitFor(() => expect(hits()).toHaveLength(1))
    // The views are still there and choosing one leaves the search.
    fireEvent.click(within(sidebar).getByRole('link', { name: 'All' }))
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull())
    expect(searchBox().value).toBe('')
  })

  it('the ? next to the search box lists the query operators', async () => {
    await renderApp(library())
    expect(screen.queryByRole('dialog', { name: 'Search syntax' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Search help' }))
    const help = screen.getByRole('dialog', { name: 'Search syntax' })
    for (const operator of [
      '"exact phrase"',
      '-word',
      'tag:',
      '-tag:',
      'site:',
      'author:',
      'is:unread',
      'is:archived',
      'is:favorite',
      'saved:>2026-01-01',
      'lang:zh',
      'sort:saved',
      'sort:published',
      'sort:relevance'
    ]) {
      expect(help.textContent).toContain(operator)
    }
    fireEvent.keyDown(help, { key: 'Escape' })
    expect(screen.queryByRole('dialog', { name: 'Search syntax' })).toBeNull()
  })

  it('shows the index rebuild progress the core reports, until it is ready', async () => {
    const client = library()
    await renderApp(client)
    expect(screen.queryByTestId('index-progress')).toBeNull()
    act(() => client.emit('indexProgress', { phase: 'rebuilding', done: 64, total: 200 }))
    expect(screen.getByTestId('index-progress').textContent).toContain('Building search index… 64 of 200')
    act(() => client.emit('indexProgress', { phase: 'ready', done: 200, total: 200 }))
    expect(screen.queryByTestId('index-progress')).toBeNull()
  })

  it('shows a failed search as an alert with Retry', async () => {
    const client = library()
    let fail = true
    client.searchResponder = async (input) =>
      fail
        ? { ok: false, error: { code: 'INTERNAL', message: 'The index is damaged.' } }
        : ok(client.fakeSearch(input.query, 50, 0))
    await renderApp(client, { searchDebounceMs: 5 })
    type('ferry')
    expect((await screen.findByTestId('search-error')).textContent).toContain('The index is damaged.')
    fail = false
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(hits()).toHaveLength(1))
    expect(screen.queryByTestId('search-error')).toBeNull()
  })
})
