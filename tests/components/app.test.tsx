import { afterEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { FakeClient, makeArticle } from './support/fake-client'
import { renderApp } from './support/render-app'

afterEach(cleanup)

const articleList = () => screen.getByRole('list', { name: 'Articles' })
const items = () => within(articleList()).queryAllByRole('listitem')
const itemTitles = () => items().map((li) => li.querySelector('.item-open')?.textContent)
const itemFor = (title: string) => {
  const item = items().find((li) => li.textContent?.includes(title))
  if (!item) throw new Error(`no list item for ${title}`)
  return item
}
const urlInput = () => screen.getByLabelText('Article URL') as HTMLInputElement

function submitUrl(url: string): void {
  fireEvent.change(urlInput(), { target: { value: url } })
  fireEvent.submit(urlInput().form!)
}

describe('adding a URL', () => {
  it('saves it, shows it in the list, reports success and clears the input', async () => {
    const client = new FakeClient()
    client.pages.set('https://news.test/story', { title: 'A Quiet Story', html: '<p>Once upon a time</p>' })
    await renderApp(client)
    expect(screen.getByText('No articles yet. Paste a URL above to save one.')).toBeTruthy()

    submitUrl('https://news.test/story')
    expect(screen.getByRole('button', { name: 'Saving…' })).toBeTruthy()

    expect(await screen.findByText('Saved “A Quiet Story”')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe('Saved “A Quiet Story”')
    expect(itemTitles()).toEqual(['A Quiet Story'])
    await waitFor(() => expect(urlInput().value).toBe(''))
    expect(client.callsOf('addUrl')).toEqual([{ url: 'https://news.test/story' }])
  })

  it('says so when the article is already in the library, and opens it instead of saving a copy', async () => {
    const existing = makeArticle({ url: 'https://news.test/old', title: 'Old News' })
    const client = new FakeClient([existing])
    await renderApp(client)
    submitUrl('https://news.test/old')
    expect(await screen.findByText('Already in your library: “Old News”')).toBeTruthy()
    expect(await screen.findByRole('heading', { level: 1, name: 'Old News' })).toBeTruthy()
    expect(client.articles.size).toBe(1)
  })

  it('shows an error in an alert and keeps the typed URL so it can be fixed', async () => {
    const client = new FakeClient()
    client.failures.set('https://news.test/missing', {
      code: 'HTTP_404',
      message: 'The page was not found (HTTP 404).'
    })
    await renderApp(client)
    submitUrl('https://news.test/missing')

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe('The page was not found (HTTP 404).')
    expect(urlInput().value).toBe('https://news.test/missing')
    expect(items()).toHaveLength(0)
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy()
  })

  it('reloads the list when the server reports a library change', async () => {
    const client = new FakeClient()
    await renderApp(client)
    client.articles.set('from-cli', makeArticle({ id: 'from-cli', title: 'Saved from the CLI' }))
    act(() => client.emit('libraryChanged', { ids: ['from-cli'] }))
    expect(await screen.findByText('Saved from the CLI')).toBeTruthy()
  })
})

describe('views and actions', () => {
  const unread = makeArticle({
    title: 'Unread piece',
    excerpt: 'An excerpt to read',
    siteName: 'Daily',
    readingMinutes: 7
  })
  const archived = makeArticle({ title: 'Finished piece', state: 'archived' })
  const favorite = makeArticle({ title: 'Loved piece', favorite: true })

  it('shows title, site, excerpt and reading time, and filters by view', async () => {
    await renderApp(new FakeClient([unread, archived, favorite]))
    expect(itemTitles()).toEqual(['Unread piece', 'Loved piece'])
    const item = itemFor('Unread piece')
    expect(within(item).getByText('Daily')).toBeTruthy()
    expect(within(item).getByText('An excerpt to read')).toBeTruthy()
    expect(within(item).getByText('7 min read')).toBeTruthy()

    fireEvent.click(screen.getByTestId('view-archive'))
    await waitFor(() => expect(itemTitles()).toEqual(['Finished piece']))
    expect(within(itemFor('Finished piece')).getByTestId('archived-indicator')).toBeTruthy()

    fireEvent.click(screen.getByTestId('view-favorites'))
    await waitFor(() => expect(itemTitles()).toEqual(['Loved piece']))
    expect(screen.getByTestId('view-favorites').getAttribute('aria-current')).toBe('page')

    fireEvent.click(screen.getByTestId('view-all'))
    await waitFor(() => expect(itemTitles()).toHaveLength(3))
  })

  it('shows an empty-state sentence per view', async () => {
    await renderApp(new FakeClient([unread]))
    fireEvent.click(screen.getByTestId('view-favorites'))
    expect(await screen.findByText(/No favorites yet/)).toBeTruthy()
  })

  it('archives from the list: calls the api and the item leaves the inbox', async () => {
    const client = new FakeClient([makeArticle({ id: 'a1', title: 'To archive' }), makeArticle({ title: 'Stays' })])
    await renderApp(client)
    fireEvent.click(within(itemFor('To archive')).getByRole('button', { name: 'Archive' }))
    await waitFor(() => expect(itemTitles()).toEqual(['Stays']))
    expect(client.callsOf('setArchived')).toEqual([{ id: 'a1', archived: true }])
    // Clicking an action button must not open the article.
    expect(screen.queryByTestId('reader')).toBeNull()
  })

  it('favorites and unfavorites from the list', async () => {
    const client = new FakeClient([makeArticle({ id: 'f1', title: 'Nice one' })])
    await renderApp(client)
    fireEvent.click(within(itemFor('Nice one')).getByRole('button', { name: 'Favorite' }))
    const unfavorite = await within(itemFor('Nice one')).findByRole('button', { name: 'Unfavorite' })
    expect(within(itemFor('Nice one')).getByTestId('favorite-indicator')).toBeTruthy()
    fireEvent.click(unfavorite)
    await within(itemFor('Nice one')).findByRole('button', { name: 'Favorite' })
    expect(client.callsOf('setFavorite')).toEqual([
      { id: 'f1', favorite: true },
      { id: 'f1', favorite: false }
    ])
  })

  it('deletes only after the inline confirmation', async () => {
    const client = new FakeClient([makeArticle({ id: 'd1', title: 'Doomed' })])
    await renderApp(client)
    fireEvent.click(within(itemFor('Doomed')).getByRole('button', { name: 'Delete' }))
    expect(client.callsOf('deleteArticles')).toHaveLength(0)
    fireEvent.click(within(itemFor('Doomed')).getByRole('button', { name: 'No' }))
    expect(within(itemFor('Doomed')).getByRole('button', { name: 'Delete' })).toBeTruthy()

    fireEvent.click(within(itemFor('Doomed')).getByRole('button', { name: 'Delete' }))
    fireEvent.click(within(itemFor('Doomed')).getByRole('button', { name: 'Yes' }))
    await waitFor(() => expect(items()).toHaveLength(0))
    expect(client.callsOf('deleteArticles')).toEqual([{ ids: ['d1'] }])
  })

  it('shows a failed action in an alert', async () => {
    const client = new FakeClient([makeArticle({ id: 'gone', title: 'Ghost' })])
    await renderApp(client)
    client.articles.delete('gone') // deleted elsewhere, the list is stale
    fireEvent.click(within(itemFor('Ghost')).getByRole('button', { name: 'Archive' }))
    expect((await screen.findByRole('alert')).textContent).toContain('That article is not in your library.')
  })
})

describe('reader', () => {
  const article = makeArticle({
    id: 'r1',
    title: 'The Long Read',
    byline: 'Ada Writer',
    siteName: 'Quarterly',
    readingMinutes: 12,
    canonicalUrl: 'https://quarterly.test/long-read'
  })

  it('opens an article with its header and a sandboxed iframe holding the text', async () => {
    const client = new FakeClient([{ meta: article, html: '<p>The first paragraph of the story.</p>' }])
    await renderApp(client)
    fireEvent.click(itemFor('The Long Read'))

    const heading = await screen.findByRole('heading', { level: 1 })
    expect(heading.textContent).toBe('The Long Read')
    expect(screen.getByText('Ada Writer')).toBeTruthy()
    expect(within(screen.getByTestId('reader')).getByText('Quarterly')).toBeTruthy() // the sidebar lists it too, as a site
    expect(screen.getByText('12 min read')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Open original' }).getAttribute('href')).toBe(
      'https://quarterly.test/long-read'
    )

    const frame = screen.getByTitle('Article') as HTMLIFrameElement
    expect(frame.tagName).toBe('IFRAME')
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin')
    expect(frame.getAttribute('srcdoc')).toContain('The first paragraph of the story.')
    expect(frame.getAttribute('srcdoc')).toContain('<base href="lectern://articles/r1/"')
  })

  it('opens the original through openExternal, never by navigating the app', async () => {
    const client = new FakeClient([article])
    await renderApp(client)
    fireEvent.click(itemFor('The Long Read'))
    const link = await screen.findByRole('link', { name: 'Open original' })
    const notPrevented = fireEvent.click(link)
    expect(notPrevented).toBe(false)
    expect(client.opened).toEqual(['https://quarterly.test/long-read'])
  })

  it('goes back to the list with the Back button and with Escape', async () => {
    await renderApp(new FakeClient([article]))
    fireEvent.click(itemFor('The Long Read'))
    await screen.findByTitle('Article')
    fireEvent.click(screen.getByRole('button', { name: 'Back to list' }))
    expect(screen.queryByTitle('Article')).toBeNull()
    expect(itemTitles()).toEqual(['The Long Read'])

    fireEvent.click(itemFor('The Long Read'))
    await screen.findByTitle('Article')
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByTitle('Article')).toBeNull()
  })

  it('archives from the reader and updates its button', async () => {
    const client = new FakeClient([article])
    await renderApp(client)
    fireEvent.click(itemFor('The Long Read'))
    fireEvent.click(await screen.findByRole('button', { name: 'Archive' }))
    expect(await screen.findByRole('button', { name: 'Unarchive' })).toBeTruthy()
    expect(client.callsOf('setArchived')).toEqual([{ id: 'r1', archived: true }])
  })

  it('deleting from the reader returns to the list', async () => {
    const client = new FakeClient([article])
    await renderApp(client)
    fireEvent.click(itemFor('The Long Read'))
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }))
    fireEvent.click(screen.getByRole('button', { name: 'Yes' }))
    expect(await screen.findByText('No articles yet. Paste a URL above to save one.')).toBeTruthy()
    expect(screen.queryByTitle('Article')).toBeNull()
  })

  it('shows a load failure in an alert', async () => {
    const client = new FakeClient([article])
    await renderApp(client)
    client.articles.delete('r1')
    fireEvent.click(itemFor('The Long Read'))
    expect((await screen.findByRole('alert')).textContent).toBe('That article is not in your library.')
  })
})

describe('keyboard', () => {
  const first = makeArticle({ id: 'k1', title: 'First' })
  const second = makeArticle({ id: 'k2', title: 'Second' })
  const third = makeArticle({ id: 'k3', title: 'Third' })
  const selected = () =>
    items()
      .find((li) => li.getAttribute('aria-current') === 'true')
      ?.querySelector('.item-open')?.textContent
  const press = (key: string, target: Element | Window = document.body) => fireEvent.keyDown(target, { key })

  it('j/k and arrows move the selection, Enter opens', async () => {
    await renderApp(new FakeClient([first, second, third]))
    expect(selected()).toBeUndefined()
    press('j')
    expect(selected()).toBe('First')
    press('j')
    press('ArrowDown')
    expect(selected()).toBe('Third')
    press('j') // clamped at the end
    expect(selected()).toBe('Third')
    press('k')
    press('ArrowUp')
    expect(selected()).toBe('First')
    press('j')
    press('Enter')
    const heading = await screen.findByRole('heading', { level: 1 })
    expect(heading.textContent).toBe('Second')
    press('Escape')
    expect(selected()).toBe('Second')
  })

  it('a archives, f favorites, # asks before deleting', async () => {
    const client = new FakeClient([first, second, third])
    await renderApp(client)
    press('j')
    press('f')
    await waitFor(() => expect(within(itemFor('First')).queryByTestId('favorite-indicator')).toBeTruthy())
    press('a')
    await waitFor(() => expect(itemTitles()).toEqual(['Second', 'Third']))
    // The cursor moves to the neighbour so the next key acts on it.
    expect(selected()).toBe('Second')
    press('#')
    expect(within(itemFor('Second')).getByRole('group', { name: 'Delete “Second”?' })).toBeTruthy()
    press('Escape')
    expect(within(itemFor('Second')).queryByRole('group')).toBeNull()
    press('Delete')
    fireEvent.click(within(itemFor('Second')).getByRole('button', { name: 'Yes' }))
    await waitFor(() => expect(itemTitles()).toEqual(['Third']))
  })

  it('does not steal keys while typing in the URL field', async () => {
    const client = new FakeClient([first, second])
    await renderApp(client)
    press('j', urlInput())
    press('a', urlInput())
    expect(selected()).toBeUndefined()
    expect(client.callsOf('setArchived')).toHaveLength(0)
    // Escape leaves the field, after which the shortcuts work again.
    urlInput().focus()
    press('Escape', urlInput())
    expect(document.activeElement).not.toBe(urlInput())
    press('j')
    expect(selected()).toBe('First')
  })

  it('number keys switch views', async () => {
    await renderApp(new FakeClient([first, makeArticle({ title: 'Old', state: 'archived' })]))
    press('3')
    await waitFor(() => expect(itemTitles()).toEqual(['Old']))
    expect(screen.getByTestId('view-archive').getAttribute('aria-current')).toBe('page')
  })
})

describe('theme', () => {
  it('cycles system → light → sepia → dark on <html data-theme> and saves it in the core', async () => {
    const client = new FakeClient()
    const { store } = await renderApp(client)
    // jsdom has no matchMedia: "system" resolves to light.
    expect(document.documentElement.dataset.theme).toBe('light')
    expect(document.documentElement.dataset.themeSetting).toBe('system')
    const toggle = screen.getByRole('button', { name: 'Change theme' })
    fireEvent.click(toggle)
    expect(document.documentElement.dataset.theme).toBe('light')
    fireEvent.click(toggle)
    expect(document.documentElement.dataset.theme).toBe('sepia')
    fireEvent.click(toggle)
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(store.getState().settings.theme).toBe('dark')
    await waitFor(() => expect(client.settings.theme).toBe('dark'))
    expect(client.callsOf('updateSettings')).toEqual([{ theme: 'light' }, { theme: 'sepia' }, { theme: 'dark' }])
  })
})
