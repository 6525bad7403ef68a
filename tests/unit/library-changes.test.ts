import { mkdirSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { idsToRefresh, type LibraryChange } from '../../src/core/library/library-changes'
import { LibraryStore } from '../../src/core/library/library-store'
import { fixtureArticle } from '../support/library-fixtures'
import { tempDir } from '../support/temp-dir'

let dir: ReturnType<typeof tempDir>
let store: LibraryStore
let heard: LibraryChange[]

beforeEach(async () => {
  dir = tempDir()
  store = await LibraryStore.open(dir.path, { shardCount: 4 })
  heard = []
  store.onChange((change) => heard.push(change))
})
afterEach(async () => {
  await store.close()
  dir.remove()
})

const add = async (n: number) => {
  const article = fixtureArticle(n, { state: 'unread', favorite: false, tags: [] })
  mkdirSync(store.articleDir(article.id), { recursive: true })
  await store.add(article)
  return article.id
}

describe('the library store announces its own changes', () => {
  it('says what each operation added, updated or removed, once per operation', async () => {
    const [a, b, c] = [await add(1), await add(2), await add(3)]
    expect(heard).toEqual([
      { kind: 'added', ids: [a] },
      { kind: 'added', ids: [b] },
      { kind: 'added', ids: [c] }
    ])
    heard = []
    expect(store.updateMany([a, b, c], (x) => (x.id === c ? null : { favorite: true }))).toEqual([a, b])
    expect(store.addTags([a, c], ['  sea   life '])).toEqual([a, c])
    expect(heard).toEqual([
      { kind: 'updated', ids: [a, b], fields: ['favorite'] },
      { kind: 'updated', ids: [a, c], fields: ['tags'] }
    ])
    expect(store.get(a).tags).toEqual(['sea life'])
    heard = []
    const deleted = store.trashMany([a, b, 'not-there'])
    store.undoTrash(deleted.undoToken)
    await store.remove(c)
    expect(heard).toEqual([
      { kind: 'removed', ids: [a, b] },
      { kind: 'added', ids: [a, b] },
      { kind: 'removed', ids: [c] }
    ])
  })

  it('announces nothing for a bulk change that changes nothing, and a progress-only update as quiet', async () => {
    const a = await add(1)
    heard = []
    expect(store.updateMany([a], () => ({ favorite: false }))).toEqual([])
    expect(heard).toEqual([])
    await store.update(a, { progress: 0.3 })
    await store.update(a, { progress: 1, readAt: '2026-01-02T00:00:00.000Z' })
    expect(heard.map(idsToRefresh)).toEqual([[], [a]])
  })

  it('flags an article whose content went missing, once', async () => {
    const a = await add(1)
    heard = []
    await expect(store.readContent(a)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(store.readContent(a)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(heard).toEqual([{ kind: 'updated', ids: [a], fields: ['contentMissing'] }])
    expect(store.get(a).contentMissing).toBe(true)
  })
})
