import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type LecternCore } from '../../src/core/create-core'
import { dispatch } from '../../src/core/dispatch'
import type { DeleteResult, LibraryCounts, LibraryPage, LibraryStatus } from '../../src/shared/types'
import { fixtureArticle } from '../support/library-fixtures'
import { callCore } from '../support/call-core'
import { seedLibrary } from '../support/seed-library'
import { tempDir } from '../support/temp-dir'

let dir: ReturnType<typeof tempDir>
let core: LecternCore
let changes: string[][]

beforeEach(async () => {
  dir = tempDir()
  await seedLibrary(
    dir.path,
    Array.from({ length: 12 }, (_, n) => fixtureArticle(n))
  )
  core = await createCore({ dataDir: dir.path })
  changes = []
  core.events.on('libraryChanged', ({ ids }) => changes.push(ids))
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

const call = <T>(method: string, input: unknown): Promise<T> => callCore<T>(core, method, input)
const id = (n: number) => fixtureArticle(n).id

describe('the library through the contract', () => {
  it('pages a view with its total, and counts the sidebar', async () => {
    const page = await call<LibraryPage>('queryArticles', {
      view: 'inbox',
      sort: 'saved',
      order: 'desc',
      offset: 2,
      limit: 3
    })
    expect(page.total).toBe(8)
    expect(page.items.map((a) => a.id)).toEqual([id(8), id(7), id(5)])
    const counts = await call<LibraryCounts>('libraryCounts', {})
    expect(counts).toMatchObject({ all: 12, inbox: 8, archive: 4 })
    expect(await dispatch(core.handlers, 'queryArticles', { limit: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
    expect(await call<unknown[]>('listArticles', { view: 'archive' })).toHaveLength(4) // the CLI's unpaged list still works
  })

  it('archives, favorites and tags many at once, and announces exactly what changed', async () => {
    expect(await call('setArchivedMany', { ids: [id(1), id(2), id(3)], archived: true })).toEqual({
      ids: [id(1), id(2)]
    }) // 3 was archived
    expect(changes.at(-1)).toEqual([id(1), id(2)])
    expect(await call('setFavoriteMany', { ids: [id(1), id(4)], favorite: true })).toEqual({ ids: [id(1), id(4)] })
    expect(await call('addTags', { ids: [id(1), id(4)], tags: ['to read'] })).toEqual({ ids: [id(1), id(4)] })
    expect(await call('renameTag', { from: 'to read', to: 'sea' })).toEqual({ ids: [id(1), id(4)] })
    expect(await call('removeTags', { ids: [id(4)], tags: ['sea'] })).toEqual({ ids: [id(4)] })
    expect(await call('mergeTags', { tags: ['sea', 'history'], into: 'ocean' })).toMatchObject({
      ids: expect.arrayContaining([id(0), id(1)])
    })
    const counts = await call<LibraryCounts>('libraryCounts', {})
    expect(counts.tags.map((t) => t.tag)).toEqual(['ocean'])
    expect(await dispatch(core.handlers, 'addTags', { ids: [id(1)], tags: ['   '] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
  })

  it('deletes with undo, and removes the files when the undo window ends', async () => {
    const result = await call<DeleteResult>('deleteArticles', { ids: [id(1), id(2)] })
    expect(result.ids).toEqual([id(1), id(2)])
    expect(changes.at(-1)).toEqual([id(1), id(2)])
    expect((await call<LibraryPage>('queryArticles', { view: 'all' })).total).toBe(10)
    expect(await dispatch(core.handlers, 'getArticle', { id: id(1) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
    expect(await call('undoDelete', { token: result.undoToken })).toEqual({ ids: [id(1), id(2)] })
    expect((await call<LibraryPage>('queryArticles', { view: 'all' })).total).toBe(12)
    await call('deleteArticles', { ids: [id(5)] })
    await core.close()
    expect(existsSync(join(dir.path, 'articles', id(5)))).toBe(false)
    core = await createCore({ dataDir: dir.path })
    expect((await call<LibraryPage>('queryArticles', {})).total).toBe(11)
  })

  it('reports how the library opened, and flags an article whose content went missing', async () => {
    await core.close()
    writeFileSync(join(dir.path, 'library.json'), '')
    core = await createCore({ dataDir: dir.path })
    const status = await call<LibraryStatus>('getLibraryStatus', {})
    expect(status).toMatchObject({ schemaVersion: 2, articles: 12, recovered: [{ file: 'library.json', lost: false }] })
    const gone = id(3)
    const fs = await import('node:fs/promises')
    await fs.rm(join(dir.path, 'articles', gone, 'content.html'))
    core.events.on('libraryChanged', ({ ids }) => changes.push(ids))
    expect(await dispatch(core.handlers, 'getArticle', { id: gone })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
    expect(changes.at(-1)).toEqual([gone])
    const page = await call<LibraryPage>('queryArticles', { view: 'all', limit: 500 })
    expect(page.items.find((a) => a.id === gone)?.contentMissing).toBe(true)
  })

  it('lets a second core (CLI, server) on the same data dir fail with LIBRARY_IN_USE', async () => {
    await expect(createCore({ dataDir: dir.path })).rejects.toMatchObject({ code: 'LIBRARY_IN_USE' })
  })
})
