import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArticleMeta } from '../../shared/types'
import { writeFileDurably } from './durable-file'
import { fileStamp } from './file-stamp'
import { check, SCHEMA_VERSION, v1LibrarySchema, type Manifest, type ShardData } from './library-schema'
import { DEFAULT_SHARD_COUNT, MANIFEST_FILE, SHARD_DIR, shardFile, shardOf } from './shards'

/**
 * One numbered schema change. `migrate` receives library.json as the previous version left it (parsed and
 * checked), rewrites whatever files it must, and returns the new library.json, which it has written last:
 * the new manifest is the commit point, so a migration interrupted by a crash simply runs again.
 */
export interface Migration {
  /** The version this step produces. */
  to: number
  description: string
  migrate(dataDir: string, previous: unknown): Promise<unknown>
}

/** Folder where a library file replaced by a migration is kept as it was, relative to the data dir. */
export const MIGRATED_DIR = 'migrated'

export const MIGRATIONS: Migration[] = [
  {
    to: 2,
    description:
      'v1 kept every article in library.json, rewritten whole on each change (300 ms to serialize at 50,000 articles). ' +
      'v2 splits the articles by id into library/meta-NN.json shards and keeps a small manifest in library.json.',
    async migrate(dataDir, previous) {
      const v1 = check(v1LibrarySchema, previous)
      // The v1 file is kept as it was, outside backups/ (restoring it later would roll the shards back).
      await mkdir(join(dataDir, MIGRATED_DIR), { recursive: true })
      await writeFileDurably(join(dataDir, MIGRATED_DIR, `library.v1.${fileStamp()}.json`), JSON.stringify(previous))
      const shardCount = DEFAULT_SHARD_COUNT
      const shards: ArticleMeta[][] = Array.from({ length: shardCount }, () => [])
      const seen = new Set<string>()
      for (const article of v1.articles) {
        if (seen.has(article.id)) continue
        seen.add(article.id)
        shards[shardOf(article.id, shardCount)]?.push(article)
      }
      await mkdir(join(dataDir, SHARD_DIR), { recursive: true })
      for (const [index, articles] of shards.entries()) {
        const data: ShardData = { schemaVersion: SCHEMA_VERSION, shard: index, shardCount, articles }
        await writeFileDurably(join(dataDir, shardFile(index)), JSON.stringify(data))
      }
      const manifest: Manifest = { schemaVersion: 2, shardCount }
      await writeFileDurably(join(dataDir, MANIFEST_FILE), JSON.stringify(manifest))
      return manifest
    }
  }
]

/** Runs every migration after `from`, in order; returns the current library.json. */
export async function runMigrations(dataDir: string, library: unknown, from: number): Promise<unknown> {
  let current = library
  for (const step of MIGRATIONS) {
    if (step.to > from && step.to <= SCHEMA_VERSION) current = await step.migrate(dataDir, current)
  }
  return current
}
