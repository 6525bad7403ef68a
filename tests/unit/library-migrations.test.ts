import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/core/library/library-store'
import { MIGRATIONS } from '../../src/core/library/migrations'
import { SCHEMA_VERSION } from '../../src/core/library/library-schema'
import { readStoredArticles } from '../support/library-files'
import { fixtureArticle } from '../support/library-fixtures'
import { tempDir } from '../support/temp-dir'

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

/** library.json exactly as v1 (lowdb, one file) wrote it, with content folders for its articles. */
function writeV1Library(count: number) {
  const articles = Array.from({ length: count }, (_, n) =>
    fixtureArticle(n, { progress: n / count, tags: n % 2 ? ['kept'] : [] })
  )
  writeFileSync(join(dir.path, 'library.json'), JSON.stringify({ schemaVersion: 1, articles }, null, 2))
  for (const a of articles) mkdirSync(join(dir.path, 'articles', a.id), { recursive: true })
  return articles
}

describe('migrations', () => {
  it('are numbered without gaps up to the current schema version', () => {
    expect(MIGRATIONS.map((m) => m.to)).toEqual(Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 2))
  })

  it('1 → 2: moves every article, field for field, from one library.json into shards, and keeps the v1 file', async () => {
    const articles = writeV1Library(120)
    const original = readFileSync(join(dir.path, 'library.json'), 'utf8')
    const store = await LibraryStore.open(dir.path)
    expect(store.status()).toMatchObject({
      schemaVersion: 2,
      migratedFrom: 1,
      articles: 120,
      recovered: [],
      orphansRemoved: 0,
      contentMissing: 0
    })
    for (const a of articles) expect(store.get(a.id)).toEqual(a)
    expect(JSON.parse(readFileSync(join(dir.path, 'library.json'), 'utf8'))).toEqual({
      schemaVersion: 2,
      shardCount: 32
    })
    expect(readStoredArticles(dir.path)).toHaveLength(120)
    const [kept] = readdirSync(join(dir.path, 'migrated'))
    expect(JSON.parse(readFileSync(join(dir.path, 'migrated', kept!), 'utf8'))).toEqual(JSON.parse(original))
    await store.close()
    const again = await LibraryStore.open(dir.path)
    expect(again.status().migratedFrom).toBeNull()
    expect(again.all()).toHaveLength(120)
    await again.close()
  })

  it('1 → 2 interrupted before the new manifest was written runs again from the v1 file', async () => {
    const articles = writeV1Library(10)
    // A crash after some shards were written: stale shard files, library.json still v1.
    mkdirSync(join(dir.path, 'library'))
    writeFileSync(
      join(dir.path, 'library', 'meta-00.json'),
      JSON.stringify({ schemaVersion: 2, shard: 0, shardCount: 32, articles: [] })
    )
    writeFileSync(join(dir.path, 'library', 'meta-01.json.tmp'), '{"schemaVers')
    const store = await LibraryStore.open(dir.path)
    expect(store.all()).toHaveLength(10)
    for (const a of articles) expect(store.get(a.id)).toEqual(a)
    expect(existsSync(join(dir.path, 'library', 'meta-01.json.tmp'))).toBe(false)
    await store.close()
  })
})
