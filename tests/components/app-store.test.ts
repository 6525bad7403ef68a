import { describe, expect, it } from 'vitest'
import { ok } from '../../src/shared/result'
import type { ArticleMeta } from '../../src/shared/types'
import { createAppStore } from '../../src/renderer/src/store/create-app-store'
import { FakeClient, makeArticle } from './support/fake-client'

describe('createAppStore', () => {
  it('keeps only the newest list when loads overlap', async () => {
    const client = new FakeClient([
      makeArticle({ title: 'Inbox item' }),
      makeArticle({ title: 'Old', state: 'archived' })
    ])
    const original = client.api.queryArticles
    let releaseSlow: () => void = () => {}
    // The first (inbox) request is slow; the archive request that follows it answers first.
    client.api.queryArticles = async (input) => {
      if ((input.view ?? 'inbox') === 'inbox') await new Promise<void>((resolve) => (releaseSlow = resolve))
      return original(input)
    }
    const store = createAppStore(client)
    const slow = store.getState().load()
    await store.getState().setView('archive')
    releaseSlow()
    await slow
    expect(store.getState().rows.map((a: ArticleMeta | undefined) => a?.title)).toEqual(['Old'])
    expect(store.getState().libraryStatus).toBe('ready')
  })

  it('keeps {status, error} for a failed load instead of throwing', async () => {
    const client = new FakeClient()
    client.api.queryArticles = async () => ({ ok: false, error: { code: 'LIBRARY_IN_USE', message: 'In use.' } })
    const store = createAppStore(client)
    await store.getState().load()
    expect(store.getState().libraryStatus).toBe('error')
    expect(store.getState().libraryError).toEqual({ code: 'LIBRARY_IN_USE', message: 'In use.' })
    client.api.queryArticles = async () => ok({ items: [], total: 0, offset: 0 })
    await store.getState().load()
    expect(store.getState().libraryError).toBeNull()
  })

  it('stops listening to events after dispose', async () => {
    const client = new FakeClient()
    const store = createAppStore(client)
    store.dispose()
    client.emit('libraryChanged', { ids: [] })
    expect(client.callsOf('queryArticles')).toHaveLength(0)
  })
})
