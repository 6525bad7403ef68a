import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/core/library/library-store'
import { readStoredArticles } from '../support/library-files'
import { fixtureArticle } from '../support/library-fixtures'
import { tempDir } from '../support/temp-dir'

let dir: ReturnType<typeof tempDir>
let store: LibraryStore

beforeEach(async () => {
  dir = tempDir()
  store = await LibraryStore.open(dir.path, { shardCount: 4 })
})
afterEach(async () => {
  await store.close()
  dir.remove()
})

const fill = async (count: number) => {
  for (let n = 0; n < count; n++) {
    const article = fixtureArticle(n)
    mkdirSync(store.articleDir(article.id), { recursive: true })
    writeFileSync(join(store.articleDir(article.id), 'content.html'), `<p>${n}</p>`)
    void store.add(article)
  }
  await store.flush()
}

describe('the library store', () => {
  it('creates the v2 layout: a manifest and shards, each article in exactly one shard', async () => {
    await fill(40)
    expect(JSON.parse(readFileSync(join(dir.path, 'library.json'), 'utf8'))).toEqual({
      schemaVersion: 2,
      shardCount: 4
    })
    expect(readdirSync(join(dir.path, 'library')).sort()).toEqual([
      'meta-00.json',
      'meta-01.json',
      'meta-02.json',
      'meta-03.json'
    ])
    const stored = readStoredArticles(dir.path)
    expect(stored).toHaveLength(40)
    expect(new Set(stored.map((a) => a.id)).size).toBe(40)
  })

  it('coalesces many changes into one save that rewrites only the changed shards', async () => {
    await fill(40)
    const before = new Map(
      readdirSync(join(dir.path, 'library')).map((f) => [f, readFileSync(join(dir.path, 'library', f), 'utf8')])
    )
    const id = store.all()[0]!.id
    for (let i = 1; i <= 50; i++) await store.update(id, { progress: i / 100 })
    expect(readStoredArticles(dir.path).find((a) => a.id === id)?.progress).toBe(0) // not yet: coalescing
    await store.persisted()
    expect(readStoredArticles(dir.path).find((a) => a.id === id)?.progress).toBe(0.5)
    const rewritten = readdirSync(join(dir.path, 'library')).filter(
      (f) => readFileSync(join(dir.path, 'library', f), 'utf8') !== before.get(f)
    )
    expect(rewritten).toHaveLength(1)
  })

  it('pages views, filters by tag and site, sorts every way both directions, and counts', async () => {
    await fill(60)
    const all = [...store.all()]
    const page = store.query({ view: 'inbox', sort: 'title', order: 'asc', offset: 5, limit: 10 })
    const expected = all
      .filter((a) => a.state === 'unread')
      .sort((a, b) =>
        a.title.toLowerCase() < b.title.toLowerCase()
          ? -1
          : a.title.toLowerCase() > b.title.toLowerCase()
            ? 1
            : a.id < b.id
              ? -1
              : 1
      )
    expect(page.total).toBe(expected.length)
    expect(page.items.map((a) => a.id)).toEqual(expected.slice(5, 15).map((a) => a.id))
    expect(store.query({ view: 'all', sort: 'saved' }).items[0]?.id).toBe(fixtureArticle(59).id)
    expect(store.query({ view: 'all', sort: 'saved', order: 'asc' }).items[0]?.id).toBe(fixtureArticle(0).id)
    expect(store.query({ tag: 'history' }).total).toBe(all.filter((a) => a.tags.includes('history')).length)
    expect(
      store.query({ view: 'favorites', site: 'Site 0' }).items.every((a) => a.favorite && a.siteName === 'Site 0')
    ).toBe(true)
    const longest = store.query({ sort: 'readingTime', limit: 1 }).items[0]!
    expect(longest.readingMinutes).toBe(Math.max(...all.map((a) => a.readingMinutes)))
    const counts = store.counts()
    expect(counts).toMatchObject({ all: 60, inbox: 40, archive: 20, favorites: all.filter((a) => a.favorite).length })
    expect(counts.tags).toEqual([
      { tag: 'history', count: 12 },
      { tag: 'sea', count: 24 }
    ])
  })

  it('keeps sorted orders right when a sort field changes', async () => {
    await fill(20)
    const id = fixtureArticle(3).id
    store.query({ sort: 'title', order: 'asc' }) // builds the title index
    await store.update(id, { title: '  aaa first now' })
    expect(store.query({ sort: 'title', order: 'asc', limit: 1 }).items[0]?.id).toBe(id)
    await store.update(id, { title: 'zzz last now' })
    expect(store.query({ sort: 'title', order: 'desc', limit: 1 }).items[0]?.id).toBe(id)
    expect(store.query({ sort: 'title' }).total).toBe(20)
  })

  it('adds, removes, renames and merges tags', async () => {
    await fill(10)
    const [a, b] = [fixtureArticle(2).id, fixtureArticle(3).id]
    expect(store.addTags([a, b], ['  long   read ', 'sea'])).toEqual([a, b])
    expect(store.get(a).tags).toEqual(['long read', 'sea'])
    expect(store.addTags([a], ['sea'])).toEqual([]) // nothing new
    expect(store.removeTags([a], ['sea'])).toEqual([a])
    const renamed = store.mergeTags(['long read'], 'longform')
    expect(renamed.sort()).toEqual([a, b].sort())
    expect(store.get(b).tags).toEqual(['longform', 'sea'])
    // Renaming onto an existing tag merges: no article ends up with a tag twice.
    store.mergeTags(['longform'], 'sea')
    expect(store.get(b).tags).toEqual(['sea'])
    expect(store.counts().tags.find((t) => t.tag === 'longform')).toBeUndefined()
  })

  it('deletes with undo: gone from every view at once, back on undo, files removed only after the window', async () => {
    await fill(10)
    const id = fixtureArticle(4).id
    const { ids, undoToken } = store.trashMany([id, 'not-there'])
    expect(ids).toEqual([id])
    expect(store.find(id)).toBeUndefined()
    expect(store.query({ view: 'all', limit: 100 }).items.map((a) => a.id)).not.toContain(id)
    expect(store.counts().all).toBe(9)
    expect(existsSync(store.articleDir(id))).toBe(true)
    expect(store.undoTrash(undoToken)).toEqual([id])
    expect(store.get(id).title).toBe(fixtureArticle(4).title)
    expect(() => store.undoTrash(undoToken)).toThrow(/no longer be undone/)

    const again = store.trashMany([id])
    await store.close() // the window ends at close: metadata saved without it, then its folder removed
    expect(existsSync(store.articleDir(id))).toBe(false)
    expect(readStoredArticles(dir.path).map((a) => a.id)).not.toContain(id)
    store = await LibraryStore.open(dir.path)
    expect(() => store.undoTrash(again.undoToken)).toThrow()
  })

  it('removes the files of a delete once its undo window has passed', async () => {
    await store.close()
    store = await LibraryStore.open(dir.path, { undoWindowMs: 30 })
    await fill(3)
    const id = fixtureArticle(1).id
    store.trashMany([id])
    await expect.poll(() => existsSync(store.articleDir(id)), { timeout: 2000 }).toBe(false)
  })

  it('at open, removes content folders nothing points to and flags articles whose content is missing', async () => {
    await fill(5)
    const missing = fixtureArticle(2).id
    await store.close()
    mkdirSync(join(dir.path, 'articles', 'orphan-1'))
    writeFileSync(join(dir.path, 'articles', 'orphan-1', 'content.html'), 'x')
    await import('node:fs/promises').then((fs) => fs.rm(join(dir.path, 'articles', missing), { recursive: true }))
    store = await LibraryStore.open(dir.path)
    expect(existsSync(join(dir.path, 'articles', 'orphan-1'))).toBe(false)
    expect(store.get(missing).contentMissing).toBe(true)
    expect(store.get(fixtureArticle(1).id).contentMissing).toBeUndefined()
    expect(store.status()).toMatchObject({ contentMissing: 1, orphansRemoved: 1, recovered: [] })
    await expect(store.readContent(missing)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('makes rotating backups of the library files', async () => {
    await fill(5)
    await store.close()
    for (let i = 0; i < 7; i++) {
      store = await LibraryStore.open(dir.path, { keepBackups: 3 })
      await store.update(fixtureArticle(1).id, { progress: i / 10 })
      await store.close()
    }
    const backups = readdirSync(join(dir.path, 'backups'))
    expect(backups).toHaveLength(3)
    for (const backup of backups) {
      expect(existsSync(join(dir.path, 'backups', backup, 'library.json'))).toBe(true)
      expect(readdirSync(join(dir.path, 'backups', backup, 'library'))).toHaveLength(4)
    }
    store = await LibraryStore.open(dir.path)
  })
})
