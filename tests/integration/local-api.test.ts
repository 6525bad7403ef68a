import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type LecternCore } from '../../src/core/create-core'
import { createLocalApi } from '../../src/core/local-api'
import { METHOD_NAMES, type LecternApi } from '../../src/shared/contract'
import { fixtureArticle } from '../support/library-fixtures'
import { seedLibrary } from '../support/seed-library'
import { tempDir } from '../support/temp-dir'

let dir: ReturnType<typeof tempDir>
let core: LecternCore
let api: LecternApi
const id = fixtureArticle(1).id

beforeEach(async () => {
  dir = tempDir()
  await seedLibrary(dir.path, [fixtureArticle(1, { tags: [] })])
  core = await createCore({ dataDir: dir.path })
  api = createLocalApi(core)
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

describe('the in-process API (createLocalApi)', () => {
  it('has every method of the contract, and answers with Results, never a rejection', async () => {
    expect(METHOD_NAMES.filter((name) => typeof api[name] !== 'function')).toEqual([])
    expect(await api.getArticle({ id: '../etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await api.getArticle({ id: 'not-there' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('normalizes tags in the schema, and forwards the library events the store announces', async () => {
    const heard: string[][] = []
    const off = api.on('libraryChanged', ({ ids }) => heard.push(ids))
    expect(await api.addTags({ ids: [id], tags: ['  Deep   sea '] })).toEqual({ ok: true, value: { ids: [id] } })
    expect(await api.renameTag({ from: 'Deep sea', to: ' deep  sea' })).toEqual({ ok: true, value: { ids: [id] } })
    off()
    await api.setFavorite({ id, favorite: true })
    expect(heard).toEqual([[id], [id]])
    const page = await api.queryArticles({ tag: 'deep   sea ' })
    expect(page.ok && page.value.items.map((a) => [a.id, a.tags])).toEqual([[id, ['deep sea']]])
  })

  it("reads an article's text, and says so clearly when content.txt is missing", async () => {
    rmSync(join(dir.path, 'articles', id, 'content.txt'), { force: true })
    const result = await api.getArticleText({ id })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('content.txt') }
    })
  })
})
