import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportProgress } from '../../src/shared/types'
import { splitUrls } from '../../src/renderer/src/store/split-urls'
import { FakeClient, makeArticle } from './support/fake-client'
import { renderApp } from './support/render-app'

afterEach(cleanup)

const A = 'https://news.example/a'
const B = 'https://news.example/b'
const C = 'https://news.example/c'

function progress(client: FakeClient, patch: Partial<ImportProgress>): ImportProgress {
  return { ...client.batch([A, B, C]), ...patch }
}

describe('splitUrls', () => {
  it('finds the addresses in a pasted list, one a line or separated by spaces and commas', () => {
    expect(splitUrls(`${A}\n${B}\r\n  ${C}`)).toEqual([A, B, C])
    expect(splitUrls(`${A}, ${B} <${C}>`)).toEqual([A, B, C])
    expect(splitUrls(`read this: ${A} today`)).toEqual([A])
  })
})

describe('bulk import from the URL field', () => {
  it('pasting a list starts a bulk import and shows progress, counts, failures and retry', async () => {
    const client = new FakeClient()
    await renderApp(client)
    const input = screen.getByLabelText('Article URL')
    fireEvent.paste(input, { clipboardData: { getData: () => `${A}\n${B}\n${C}` } })
    await waitFor(() => expect(client.callsOf('addUrls')).toEqual([{ urls: [A, B, C] }]))
    expect(await screen.findByTestId('import-counts')).toHaveProperty('textContent', 'Saving 0 of 3… 0 saved.')

    act(() =>
      client.emit(
        'importProgress',
        progress(client, {
          done: 1,
          saved: 1,
          items: [
            { url: A, status: 'saved', title: 'A' },
            { url: B, status: 'saving' },
            { url: C, status: 'queued' }
          ]
        })
      )
    )
    expect(screen.getByTestId('import-counts').textContent).toBe('Saving 1 of 3… 1 saved.')
    expect((screen.getByTestId('import-progress') as HTMLProgressElement).value).toBe(1)

    act(() =>
      client.emit(
        'importProgress',
        progress(client, {
          done: 3,
          saved: 2,
          failed: 1,
          finished: true,
          items: [
            { url: A, status: 'saved' },
            {
              url: B,
              status: 'failed',
              error: { code: 'HTTP_404', message: 'news.example says this page does not exist (HTTP 404).' }
            },
            { url: C, status: 'saved' }
          ]
        })
      )
    )
    expect(screen.getByTestId('import-counts').textContent).toBe('Import finished: 2 saved, 1 failed (of 3).')
    expect(screen.getByTestId('import-failures').textContent).toContain(
      `${B} news.example says this page does not exist (HTTP 404).`
    )

    fireEvent.click(screen.getByRole('button', { name: 'Retry failed (1)' }))
    await waitFor(() => expect(client.callsOf('addUrls')).toEqual([{ urls: [A, B, C] }, { urls: [B] }]))
  })

  it('Cancel asks the core to stop the batch, and the summary says what was cancelled', async () => {
    const client = new FakeClient()
    await renderApp(client)
    const input = screen.getByLabelText('Article URL')
    fireEvent.change(input, { target: { value: `${A} ${B} ${C}` } })
    fireEvent.submit(input.closest('form') as HTMLFormElement)
    await screen.findByTestId('import-panel')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(client.callsOf('cancelImport')).toEqual([{ batchId: 'batch-1' }]))
    act(() =>
      client.emit('importProgress', progress(client, { done: 3, saved: 1, cancelled: 2, finished: true, items: [] }))
    )
    expect(screen.getByTestId('import-counts').textContent).toBe('Import finished: 1 saved, 2 cancelled (of 3).')
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByTestId('import-panel')).toBeNull()
  })

  it('catches up when the batch finished before its reply arrived', async () => {
    const client = new FakeClient()
    const addUrls = client.api.addUrls
    client.api.addUrls = async (input) => {
      const reply = await addUrls(input)
      // The core's events reach the window before the reply does.
      client.emit('importProgress', progress(client, { done: 3, saved: 3, finished: true }))
      return reply
    }
    await renderApp(client)
    fireEvent.paste(screen.getByLabelText('Article URL'), { clipboardData: { getData: () => `${A}\n${B}\n${C}` } })
    await waitFor(() =>
      expect(screen.getByTestId('import-counts').textContent).toBe('Import finished: 3 saved (of 3).')
    )
  })
})

describe('saving an address already in the library', () => {
  it('opens the existing article instead of saving it again', async () => {
    const existing = makeArticle({ url: A, title: 'Already Here' })
    const client = new FakeClient([existing])
    await renderApp(client)
    const input = screen.getByLabelText('Article URL')
    fireEvent.change(input, { target: { value: A } })
    fireEvent.submit(input.closest('form') as HTMLFormElement)
    expect(await screen.findByRole('heading', { level: 1, name: 'Already Here' })).toBeTruthy()
    expect(screen.getByRole('status').textContent).toContain('Already in your library: “Already Here”')
  })
})

describe('re-extract', () => {
  it('asks the core to extract the open article again and shows the new version', async () => {
    const article = makeArticle({ title: 'Old Version' })
    const client = new FakeClient([article])
    await renderApp(client)
    fireEvent.click(await screen.findByRole('button', { name: 'Old Version' }))
    await screen.findByRole('heading', { level: 1, name: 'Old Version' })
    client.bodies.set(article.id, '<p>Better extraction</p>')
    fireEvent.click(screen.getByRole('button', { name: 'Re-extract' }))
    await waitFor(() => expect(client.callsOf('reextractArticle')).toEqual([{ id: article.id }]))
    await waitFor(() => expect(client.callsOf('getArticle')).toHaveLength(2))
  })
})

describe('dropping saved pages on the window', () => {
  it('saves each dropped HTML file through the core, and ignores other files', async () => {
    const client = new FakeClient()
    await renderApp(client)
    const page = new File(['<html><body><p>kept</p></body></html>'], 'kept page.html', { type: 'text/html' })
    const picture = new File(['not html'], 'photo.jpg', { type: 'image/jpeg' })
    fireEvent.drop(screen.getByTestId('file-drop'), { dataTransfer: { types: ['Files'], files: [page, picture] } })
    await waitFor(() => expect(client.callsOf('addHtml')).toHaveLength(1))
    const [call] = client.callsOf('addHtml') as Array<{ base64: string; fileName: string }>
    expect(call?.fileName).toBe('kept page.html')
    expect(atob(call?.base64 ?? '')).toBe('<html><body><p>kept</p></body></html>')
    expect(await screen.findByText('Saved “kept page.html”')).toBeTruthy()
  })
})
