import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/core/library/library-store'
import { shardFile } from '../../src/core/library/shards'
import { START_PAGE_FILE, type StartPage } from '../../src/core/library/start-page'
import { START_QUERY } from '../../src/shared/types'
import { fixtureArticle } from '../support/library-fixtures'
import { tempDir } from '../support/temp-dir'

let dir: ReturnType<typeof tempDir>

beforeEach(async () => {
  dir = tempDir()
  const store = await LibraryStore.open(dir.path, { shardCount: 4 })
  for (let n = 0; n < 300; n++) {
    const article = fixtureArticle(n)
    mkdirSync(store.articleDir(article.id))
    void store.add(article)
  }
  await store.close()
})
afterEach(() => dir.remove())

/** Opens the library, noting the start page it was handed; the store stays open for the test to use. */
async function reopen(): Promise<{ store: LibraryStore; start: StartPage | null }> {
  let start: StartPage | null | undefined
  const store = await LibraryStore.open(dir.path, {}, (page) => (start = page))
  expect(start).not.toBeUndefined() // handed over (null or not) before the library was read
  return { store, start: start ?? null }
}

describe('the start page', () => {
  it('is left at close and, with nothing changed, is exactly what the library answers when open', async () => {
    const { store, start } = await reopen()
    expect(start).not.toBeNull()
    expect(start?.query).toEqual(START_QUERY)
    expect(JSON.stringify(start?.page)).toBe(JSON.stringify(store.query(START_QUERY)))
    expect(start?.counts).toEqual(store.counts())
    expect(start?.page.items).toHaveLength(START_QUERY.limit)
    await store.close()
  })

  it('is removed as the library opens, so a session that ends without closing leaves none', async () => {
    const { store } = await reopen()
    expect(existsSync(join(dir.path, START_PAGE_FILE))).toBe(false)
    await store.update(fixtureArticle(1).id, { favorite: true })
    await store.persisted()
    // No close (a crash): the next open reads the library, with no start page to show meanwhile.
    const next = await LibraryStore.open(dir.path, {}, (page) => expect(page).toBeNull())
    await next.close()
    await store.close()
  })

  it('is not used when a shard changed after it was written', async () => {
    const shard = join(dir.path, shardFile(2))
    writeFileSync(shard, readFileSync(shard, 'utf8').replace('"progress":0,', '"progress":0.5,'))
    const { store, start } = await reopen()
    expect(start).toBeNull()
    await store.close()
  })

  it('is not used when a content folder came or went (the "content missing" marks would differ)', async () => {
    rmSync(join(dir.path, 'articles', fixtureArticle(299).id), { recursive: true })
    const { store, start } = await reopen()
    expect(start).toBeNull()
    expect(store.query(START_QUERY).items.find((a) => a.id === fixtureArticle(299).id)?.contentMissing).toBe(true)
    await store.close()
  })

  it('is not used when it is damaged, and the library opens as usual', async () => {
    writeFileSync(join(dir.path, START_PAGE_FILE), '{"version":1,"stam')
    const { store, start } = await reopen()
    expect(start).toBeNull()
    expect(store.all()).toHaveLength(300)
    await store.close()
  })

  it('is not left by a close whose saving failed', async () => {
    const { store } = await reopen()
    const shard = join(dir.path, 'library')
    // Saving fails (the shard folder is a file now); close reports it and leaves no start page.
    await store.update(fixtureArticle(2).id, { favorite: true })
    rmSync(shard, { recursive: true })
    writeFileSync(shard, '')
    await expect(store.close()).rejects.toThrow()
    expect(existsSync(join(dir.path, START_PAGE_FILE))).toBe(false)
  })
})
