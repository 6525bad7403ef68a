import { afterEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { App } from '../../src/renderer/src/components/app'
import { createAppStore } from '../../src/renderer/src/store/create-app-store'
import { StoreProvider } from '../../src/renderer/src/store/store-context'
import { START_QUERY, type ArticleMeta } from '../../src/shared/types'
import { FakeClient, makeArticle } from './support/fake-client'
import { renderApp } from './support/render-app'

afterEach(cleanup)

const articleList = () => screen.getByRole('list', { name: 'Articles' })
const items = () => within(articleList()).queryAllByRole('listitem')
const itemTitles = () => items().map((li) => li.querySelector('.item-open')?.textContent)
const itemFor = (title: string) => {
  const item = items().find((li) => li.querySelector('.item-open')?.textContent === title)
  if (!item) throw new Error(`no list item for ${title}`)
  return item
}
const current = () => items().find((li) => li.getAttribute('aria-current') === 'true')
const press = (key: string, init: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(document.body, { key, ...init })
const views = () => screen.getByRole('navigation', { name: 'Library views' })
const lastQuery = (client: FakeClient) => client.callsOf('queryArticles').at(-1) as Record<string, unknown>

/** n articles, "Story 00001" first in the newest-first list. */
function many(n: number): ArticleMeta[] {
  return Array.from({ length: n }, (_, i) =>
    makeArticle({ id: `s${i + 1}`, title: `Story ${String(i + 1).padStart(5, '0')}` })
  )
}

describe('a virtualized, paged list', () => {
  it('renders only a window of rows at 50,000 articles, fetches pages, and keeps the keyboard cursor on screen', async () => {
    const client = new FakeClient(many(50_000))
    await renderApp(client)

    const rows = items()
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThan(40)
    expect(rows[0]?.getAttribute('aria-setsize')).toBe('50000')
    expect(rows[0]?.getAttribute('aria-posinset')).toBe('1')
    // One page, not the library.
    expect(client.callsOf('queryArticles')).toEqual([
      { view: 'inbox', sort: 'saved', order: 'desc', offset: 0, limit: 200 }
    ])
    expect(screen.getByTestId('list-total').textContent).toBe('50,000 articles')

    press('j')
    press('j')
    expect(current()?.getAttribute('aria-posinset')).toBe('2')

    // End jumps to the last article: its page is fetched and its row is rendered and current.
    press('End')
    await waitFor(() => expect(current()?.getAttribute('aria-posinset')).toBe('50000'))
    expect(current()?.querySelector('.item-open')?.textContent).toBe('Story 50000')
    expect(client.callsOf('queryArticles')).toContainEqual({
      view: 'inbox',
      sort: 'saved',
      order: 'desc',
      offset: 49_800,
      limit: 200
    })
    expect(items().length).toBeLessThan(40)

    press('k')
    expect(current()?.getAttribute('aria-posinset')).toBe('49999')
    press('Home')
    await waitFor(() => expect(current()?.getAttribute('aria-posinset')).toBe('1'))
  })

  it('n in the reader goes on to an article on a page not loaded yet', async () => {
    const client = new FakeClient(many(250))
    const { store } = await renderApp(client)
    expect(store.getState().rows[200]).toBeUndefined()
    await act(async () => {
      await store.getState().open('s200')
    })
    act(() => {
      expect(store.getState().openAdjacent(1)).toBe(true)
    })
    await waitFor(() => expect(store.getState().openId).toBe('s201'))
    expect((await screen.findByTestId('reader-title')).textContent).toBe('Story 00201')
  })

  it('asks for the chosen order, and reverses it', async () => {
    const client = new FakeClient([
      makeArticle({ title: 'Banana', readingMinutes: 9 }),
      makeArticle({ title: 'apple', readingMinutes: 2 }),
      makeArticle({ title: 'Cherry', readingMinutes: 5 })
    ])
    await renderApp(client)
    expect(itemTitles()).toEqual(['Banana', 'apple', 'Cherry'])

    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'title' } })
    await waitFor(() => expect(itemTitles()).toEqual(['Cherry', 'Banana', 'apple']))
    expect(lastQuery(client)).toEqual({ view: 'inbox', sort: 'title', order: 'desc', offset: 0, limit: 200 })

    fireEvent.click(screen.getByRole('button', { name: 'Order: Z to A' }))
    await waitFor(() => expect(itemTitles()).toEqual(['apple', 'Banana', 'Cherry']))
    expect(lastQuery(client)).toMatchObject({ sort: 'title', order: 'asc' })

    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'readingTime' } })
    await waitFor(() => expect(itemTitles()).toEqual(['apple', 'Cherry', 'Banana']))
    expect(screen.getByRole('button', { name: 'Order: Shortest first' })).toBeTruthy()
  })
})

describe('sidebar', () => {
  it('shows counts per view, tag and site, without changing the links’ names', async () => {
    const client = new FakeClient([
      makeArticle({ title: 'One', tags: ['sea'], siteName: 'Gazette' }),
      makeArticle({ title: 'Two', tags: ['sea', 'boats'], siteName: 'Gazette', favorite: true }),
      makeArticle({ title: 'Three', state: 'archived', siteName: 'Weekly' })
    ])
    await renderApp(client)
    const inbox = within(views()).getByRole('link', { name: 'Inbox' })
    expect(inbox.textContent).toBe('Inbox2')
    expect(inbox.getAttribute('aria-current')).toBe('page')
    expect(screen.getByTestId('count-favorites').textContent).toBe('1')
    expect(screen.getByTestId('count-archive').textContent).toBe('1')
    expect(screen.getByTestId('count-all').textContent).toBe('3')

    const tags = screen.getByRole('list', { name: 'Tags' })
    expect(within(tags).getByRole('link', { name: 'sea' }).textContent).toBe('#sea2')
    expect(within(tags).getByRole('link', { name: 'boats' }).textContent).toBe('#boats1')
    const sites = screen.getByRole('list', { name: 'Sites' })
    expect(
      within(sites)
        .getAllByRole('link')
        .map((a) => a.getAttribute('aria-label'))
    ).toEqual(['Gazette', 'Weekly'])

    // A site is a view of its own, across inbox and archive.
    fireEvent.click(within(sites).getByRole('link', { name: 'Weekly' }))
    await waitFor(() => expect(itemTitles()).toEqual(['Three']))
    expect(lastQuery(client)).toMatchObject({ view: 'all', site: 'Weekly' })
    expect(inbox.getAttribute('aria-current')).toBeNull()

    // Counts follow changes the core reports.
    fireEvent.click(within(views()).getByRole('link', { name: 'Inbox' }))
    await waitFor(() => expect(itemTitles()).toEqual(['One', 'Two']))
    await act(async () => {
      await client.api.setArchivedMany({ ids: [...client.articles.keys()].slice(0, 1), archived: true })
    })
    await waitFor(() => expect(screen.getByTestId('count-inbox').textContent).toBe('1'))
    expect(screen.getByTestId('count-archive').textContent).toBe('2')
  })
})

describe('tags', () => {
  it('t adds tags with suggestions; a tag is a view; renaming, and renaming onto another tag merges', async () => {
    const client = new FakeClient([
      makeArticle({ id: 't1', title: 'Lighthouse', tags: ['old'] }),
      makeArticle({ id: 't2', title: 'Harbour' }),
      makeArticle({ id: 't3', title: 'Market', tags: ['boats'] })
    ])
    await renderApp(client)
    press('j')
    press('t')
    const editor = screen.getByRole('dialog', { name: 'Tags for “Lighthouse”' })
    const input = within(editor).getByRole('combobox', { name: 'Add tags' }) as HTMLInputElement
    expect(document.activeElement).toBe(input)
    // Existing tags are offered as suggestions.
    const suggestions = [...document.querySelectorAll('#tag-suggestions option')].map((o) => o.getAttribute('value'))
    expect(suggestions).toEqual(['boats', 'old'])
    expect(within(editor).getByRole('button', { name: 'Remove tag old' })).toBeTruthy()

    fireEvent.change(input, { target: { value: 'sea, long reads' } })
    fireEvent.submit(input.form!)
    await waitFor(() => expect(input.value).toBe(''))
    expect(client.callsOf('addTags')).toEqual([{ ids: ['t1'], tags: ['sea', 'long reads'] }])
    expect(
      within(itemFor('Lighthouse'))
        .getAllByTestId('item-tag')
        .map((t) => t.textContent)
    ).toEqual(['#old', '#sea', '#long reads'])
    fireEvent.click(within(editor).getByRole('button', { name: 'Remove tag old' }))
    await waitFor(() => expect(client.articles.get('t1')?.tags).toEqual(['sea', 'long reads']))
    fireEvent.click(within(editor).getByRole('button', { name: 'Done' }))
    expect(screen.queryByRole('dialog')).toBeNull()

    const tags = () => screen.getByRole('list', { name: 'Tags' })
    await waitFor(() => expect(within(tags()).getByRole('link', { name: 'sea' })).toBeTruthy())
    fireEvent.click(within(tags()).getByRole('link', { name: 'sea' }))
    await waitFor(() => expect(itemTitles()).toEqual(['Lighthouse']))
    expect(lastQuery(client)).toMatchObject({ view: 'all', tag: 'sea' })

    // Rename the tag being shown: the list follows it.
    fireEvent.click(within(tags()).getByRole('button', { name: 'Rename tag sea' }))
    const rename = screen.getByRole('combobox', { name: 'New name for tag sea' }) as HTMLInputElement
    fireEvent.change(rename, { target: { value: 'ocean' } })
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }))
    await waitFor(() =>
      expect(within(tags()).getByRole('link', { name: 'ocean' }).getAttribute('aria-current')).toBe('page')
    )
    expect(client.callsOf('renameTag')).toEqual([{ from: 'sea', to: 'ocean' }])
    expect(itemTitles()).toEqual(['Lighthouse'])

    // Renaming onto an existing tag merges them; the button says so.
    fireEvent.click(within(tags()).getByRole('button', { name: 'Rename tag boats' }))
    fireEvent.change(screen.getByRole('combobox', { name: 'New name for tag boats' }), { target: { value: 'ocean' } })
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }))
    await waitFor(() => expect(within(tags()).queryByRole('link', { name: 'boats' })).toBeNull())
    expect(client.callsOf('mergeTags')).toEqual([{ tags: ['boats'], into: 'ocean' }])
    await waitFor(() => expect(within(tags()).getByRole('link', { name: 'ocean' }).textContent).toBe('#ocean2'))
    await waitFor(() => expect(itemTitles()).toEqual(['Lighthouse', 'Market']))
  })
})

describe('multi-select', () => {
  it('x ticks rows, shift+click ticks a range, and the bulk bar archives them all', async () => {
    const client = new FakeClient([
      makeArticle({ id: 'm1', title: 'First' }),
      makeArticle({ id: 'm2', title: 'Second' }),
      makeArticle({ id: 'm3', title: 'Third' }),
      makeArticle({ id: 'm4', title: 'Fourth' })
    ])
    await renderApp(client)
    press('j')
    press('x')
    press('j')
    press('j')
    press('x')
    const bar = screen.getByRole('toolbar', { name: 'Selected articles' })
    expect(within(bar).getByText('2 articles selected')).toBeTruthy()
    expect((within(itemFor('First')).getByRole('checkbox') as HTMLInputElement).checked).toBe(true)
    expect((within(itemFor('Second')).getByRole('checkbox') as HTMLInputElement).checked).toBe(false)

    // Escape unticks all; shift+click ticks from the last ticked row to the clicked one.
    press('Escape')
    expect(screen.queryByRole('toolbar', { name: 'Selected articles' })).toBeNull()
    fireEvent.click(within(itemFor('Second')).getByRole('checkbox', { name: 'Select “Second”' }))
    fireEvent.click(itemFor('Fourth'), { shiftKey: true })
    expect(screen.getByText('3 articles selected')).toBeTruthy()
    expect(screen.queryByTestId('reader')).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Archive selected' }))
    await waitFor(() => expect(itemTitles()).toEqual(['First']))
    expect(client.callsOf('setArchivedMany')).toEqual([{ ids: ['m2', 'm3', 'm4'], archived: true }])
    expect(screen.queryByRole('toolbar', { name: 'Selected articles' })).toBeNull()
    await waitFor(() => expect(screen.getByTestId('count-archive').textContent).toBe('3'))
  })

  it('a and f act on the ticked articles', async () => {
    const client = new FakeClient([makeArticle({ id: 'b1', title: 'One' }), makeArticle({ id: 'b2', title: 'Two' })])
    await renderApp(client)
    press('j')
    press('x')
    press('j')
    press('x')
    press('f')
    await waitFor(() => expect(client.callsOf('setFavoriteMany')).toEqual([{ ids: ['b1', 'b2'], favorite: true }]))
    await waitFor(() => expect(within(itemFor('Two')).queryByTestId('favorite-indicator')).toBeTruthy())
  })
})

describe('delete with undo', () => {
  it('shows "Deleted N articles. Undo" after a delete; Undo brings them back', async () => {
    const client = new FakeClient([
      makeArticle({ id: 'd1', title: 'Keep' }),
      makeArticle({ id: 'd2', title: 'Gone one' }),
      makeArticle({ id: 'd3', title: 'Gone two' })
    ])
    await renderApp(client)
    press('j')
    press('j')
    press('x')
    press('j')
    press('x')
    press('#') // with ticked articles: at once, undoable
    await waitFor(() => expect(itemTitles()).toEqual(['Keep']))
    expect(client.callsOf('deleteArticles')).toEqual([{ ids: ['d2', 'd3'] }])
    const toast = screen.getByTestId('undo-toast')
    expect(toast.getAttribute('role')).toBe('status')
    expect(toast.textContent).toMatch(/^Deleted 2 articles\./)
    await waitFor(() => expect(screen.getByTestId('count-all').textContent).toBe('1'))

    fireEvent.click(within(toast).getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(itemTitles()).toEqual(['Keep', 'Gone one', 'Gone two']))
    expect(client.callsOf('undoDelete')).toHaveLength(1)
    expect(screen.queryByTestId('undo-toast')).toBeNull()
    await waitFor(() => expect(screen.getByTestId('count-all').textContent).toBe('3'))
  })

  it('the toast goes away when the undo window the core reports ends', async () => {
    const client = new FakeClient([makeArticle({ id: 'w1', title: 'Brief' })])
    client.undoWindowMs = 150
    await renderApp(client)
    fireEvent.click(within(itemFor('Brief')).getByRole('button', { name: 'Delete' }))
    fireEvent.click(within(itemFor('Brief')).getByRole('button', { name: 'Yes' }))
    expect((await screen.findByTestId('undo-toast')).textContent).toMatch(/Deleted 1 article\./)
    await waitFor(() => expect(screen.queryByTestId('undo-toast')).toBeNull(), { timeout: 2000 })
  })
})

describe('shortcuts dialog and start-up notices', () => {
  it('? lists the shortcut table; Escape closes it', async () => {
    await renderApp(new FakeClient([makeArticle({ title: 'Any' })]))
    press('?', { shiftKey: true })
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    const row = (key: string) =>
      within(dialog)
        .getAllByRole('row')
        .find((r) => within(r).queryAllByText(key, { selector: 'kbd' }).length > 0)
    expect(row('x')?.textContent).toContain('Tick / untick')
    expect(row('t')?.textContent).toContain('Edit tags')
    expect(row('j')?.textContent).toContain('Next article')
    expect(row('Ctrl/⌘+P')?.textContent).toContain('Print the article')
    // Other keys wait while it is open.
    press('j')
    expect(current()).toBeUndefined()
    press('Escape')
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('says when a damaged library file was restored, and where the damaged file is', async () => {
    const client = new FakeClient()
    client.recovered = [
      {
        file: 'library/meta-07.json',
        problem: 'invalid',
        movedTo: '/data/corrupt/meta-07.json.2026-03-01T10-00-00Z',
        restoredFrom: '/data/backups/2026-03-01T09-50-00Z',
        lost: true,
        message: 'library/meta-07.json could not be read; the copy from the last backup was restored.'
      }
    ]
    await renderApp(client)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('library/meta-07.json could not be read')
    expect(within(alert).getByTestId('recovery-path').textContent).toBe(
      '/data/corrupt/meta-07.json.2026-03-01T10-00-00Z'
    )
    expect(alert.textContent).toContain('Some recent changes could not be recovered.')
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss the repair notice' }))
    expect(screen.queryByRole('alert')).toBeNull()
    // The core is told, so the next start does not show it again.
    await waitFor(() => expect(client.calls.map((c) => c.method)).toContain('dismissRepairs'))
  })
})

describe('start-up', () => {
  it('shows the list as soon as its first page is here, before the sidebar numbers and the rest', async () => {
    const client = new FakeClient([makeArticle({ title: 'First thing' }), makeArticle({ title: 'Second thing' })])
    // Everything but the list is held back, as while a large library is still opening.
    const held: Array<() => void> = []
    for (const name of ['libraryCounts', 'getLibraryStatus', 'getSettings', 'listSavedSearches'] as const) {
      const call = client.api[name] as (input: unknown) => Promise<unknown>
      ;(client.api as unknown as Record<string, unknown>)[name] = (input: unknown) =>
        new Promise((resolve) => held.push(() => resolve(call(input))))
    }
    const store = createAppStore(client)
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    )
    // As main.tsx starts it: the list's first call is the start page's query (lectern serve may answer it early).
    void store.getState().loadSettings()
    void store.getState().load()
    void store.getState().loadCounts()
    void store.getState().loadLibraryStatus()
    expect(client.callsOf('queryArticles')[0]).toEqual(START_QUERY)
    expect(await screen.findByText('First thing')).toBeTruthy()
    expect(itemTitles()).toEqual(['First thing', 'Second thing'])
    expect(screen.queryByTestId('count-inbox')).toBeNull()
    await act(async () => {
      for (const release of held.splice(0)) release()
    })
    expect((await screen.findByTestId('count-inbox')).textContent).toBe('2')
  })
})
