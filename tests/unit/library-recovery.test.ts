import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/core/library/library-store'
import { shardOf } from '../../src/core/library/shards'
import { fixtureArticle } from '../support/library-fixtures'
import { tempDir } from '../support/temp-dir'

let dir: ReturnType<typeof tempDir>

beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

const ARTICLES = 30

/** A library of 30 articles (with content folders) and a backup of it, closed. */
async function libraryWithBackup(): Promise<string[]> {
  let store = await LibraryStore.open(dir.path, { shardCount: 4 })
  for (let n = 0; n < ARTICLES; n++) {
    mkdirSync(store.articleDir(fixtureArticle(n).id), { recursive: true })
    void store.add(fixtureArticle(n))
  }
  await store.close()
  store = await LibraryStore.open(dir.path) // changed since the last backup: backs up at open
  await store.close()
  return store.all().map((a) => a.id)
}

const DAMAGE: Record<string, (text: string) => string | Buffer> = {
  truncated: (text) => text.slice(0, Math.floor(text.length / 2)),
  empty: () => '',
  'NUL-filled': (text) => Buffer.alloc(text.length || 4096),
  'wrong schema': () => JSON.stringify({ schemaVersion: 2, articles: 'not a list', shardCount: 'many' })
}

describe('a damaged library.json', () => {
  for (const [name, damage] of Object.entries(DAMAGE)) {
    it(`${name}: is moved aside, restored from the newest backup, and the user is told`, async () => {
      const ids = await libraryWithBackup()
      const path = join(dir.path, 'library.json')
      const damaged = damage(readFileSync(path, 'utf8'))
      writeFileSync(path, damaged)
      const store = await LibraryStore.open(dir.path)
      const [notice, ...others] = store.status().recovered
      expect(others).toEqual([])
      expect(notice).toMatchObject({ file: 'library.json', lost: false, restoredFrom: expect.any(String) })
      expect(notice?.problem).toBe(name === 'wrong schema' ? 'invalid' : 'unreadable')
      expect(notice?.message).toMatch(/could not be read.*No article was lost.*kept at/)
      // Never overwritten: the damaged bytes are kept where the notice says.
      expect(readFileSync(notice!.movedTo!)).toEqual(Buffer.from(damaged))
      expect(
        store
          .all()
          .map((a) => a.id)
          .sort()
      ).toEqual([...ids].sort())
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ schemaVersion: 2, shardCount: 4 })
      await store.close()
    })
  }

  it('is told again at every open, by whichever process opened it, until the user dismisses it', async () => {
    await libraryWithBackup()
    writeFileSync(join(dir.path, 'library.json'), '{"schemaVer')
    let store = await LibraryStore.open(dir.path) // say, a CLI command: it repairs, and the app opens later
    const [notice] = store.status().recovered
    await store.close()
    store = await LibraryStore.open(dir.path)
    expect(store.status().recovered).toEqual([notice])
    expect(await store.dismissRepairs()).toBe(1)
    expect(store.status().recovered).toEqual([])
    await store.close()
    store = await LibraryStore.open(dir.path)
    expect(store.status().recovered).toEqual([])
    await store.close()
  })

  it('without a backup, is rebuilt from the shards', async () => {
    const ids = await libraryWithBackup()
    rmSync(join(dir.path, 'backups'), { recursive: true })
    writeFileSync(join(dir.path, 'library.json'), '{"schemaVersion":2,"sha')
    const store = await LibraryStore.open(dir.path)
    expect(store.status().recovered).toMatchObject([{ file: 'library.json', restoredFrom: null, lost: false }])
    expect(store.all()).toHaveLength(ids.length)
    await store.close()
  })

  it('from a newer Lectern is refused and left untouched', async () => {
    writeFileSync(join(dir.path, 'library.json'), JSON.stringify({ schemaVersion: 99, shardCount: 4 }))
    await expect(LibraryStore.open(dir.path)).rejects.toMatchObject({ code: 'NOT_SUPPORTED' })
    expect(JSON.parse(readFileSync(join(dir.path, 'library.json'), 'utf8')).schemaVersion).toBe(99)
    expect(existsSync(join(dir.path, 'corrupt'))).toBe(false)
  })

  it('from v1 with no backup: moved aside, the library starts empty, content folders are kept, the user is told what was lost', async () => {
    writeFileSync(join(dir.path, 'library.json'), '{"schemaVersion":1,"articles":[{"id":"a1","url":"htt')
    mkdirSync(join(dir.path, 'articles', 'a1'), { recursive: true })
    const store = await LibraryStore.open(dir.path)
    expect(store.all()).toEqual([])
    expect(store.status()).toMatchObject({
      recovered: [{ file: 'library.json', restoredFrom: null, lost: true }],
      orphansKept: 1,
      orphansRemoved: 0
    })
    expect(existsSync(join(dir.path, 'articles', 'a1'))).toBe(true)
    expect(readdirSync(join(dir.path, 'corrupt'))).toHaveLength(1)
    await store.close()
  })
})

describe('a damaged shard', () => {
  for (const [name, damage] of Object.entries(DAMAGE)) {
    it(`${name}: is moved aside and restored from the newest backup`, async () => {
      const ids = await libraryWithBackup()
      const shard = join(dir.path, 'library', 'meta-01.json')
      const damaged = damage(readFileSync(shard, 'utf8'))
      writeFileSync(shard, damaged)
      const store = await LibraryStore.open(dir.path)
      expect(store.status().recovered).toMatchObject([
        { file: join('library', 'meta-01.json'), restoredFrom: expect.any(String) }
      ])
      expect(readFileSync(store.status().recovered[0]!.movedTo!)).toEqual(Buffer.from(damaged))
      expect(
        store
          .all()
          .map((a) => a.id)
          .sort()
      ).toEqual([...ids].sort())
      await store.close()
    })
  }

  it('with no good backup: starts empty, keeps its content folders, and says what was lost and where the file is', async () => {
    const ids = await libraryWithBackup()
    rmSync(join(dir.path, 'backups'), { recursive: true })
    writeFileSync(join(dir.path, 'library', 'meta-02.json'), '\0\0\0\0')
    const store = await LibraryStore.open(dir.path)
    const inShard = ids.filter((id) => shardOf(id, 4) === 2)
    expect(inShard.length).toBeGreaterThan(0)
    expect(store.all()).toHaveLength(ids.length - inShard.length)
    const status = store.status()
    expect(status.recovered).toMatchObject([{ restoredFrom: null, lost: true }])
    expect(status.recovered[0]?.message).toMatch(/no good backup.*kept at/)
    expect(status.orphansKept).toBe(inShard.length)
    for (const id of inShard) expect(existsSync(join(dir.path, 'articles', id))).toBe(true)
    await store.close()
  })
})
