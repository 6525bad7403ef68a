import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { Low } from 'lowdb'
import { DurableJsonFile, parseJsonFile } from './durable-file'
import { checkShard, SCHEMA_VERSION, type ShardData } from './library-schema'
import { loadLibraryFile, type LoadedFile } from './recover-file'
import type { ArticleMeta } from '../../shared/types'
import { SHARD_DIR, shardFile } from './shards'

/** Shard files being read ahead of the one being parsed (the thread pool has 4 threads). */
const SHARD_READ_AHEAD = 4

/**
 * The metadata shards on disk (library/meta-NN.json, one lowdb file each): which ones changed since the last
 * save, and writing those. `articlesOf` gives a shard's articles as they are in memory now.
 */
export class ShardFiles {
  private readonly dbs: Low<ShardData>[]
  private readonly dirty = new Set<number>()

  constructor(
    dataDir: string,
    private readonly shardCount: number,
    private readonly articlesOf: (shard: number) => ArticleMeta[]
  ) {
    this.dbs = Array.from(
      { length: shardCount },
      (_, i) => new Low<ShardData>(new DurableJsonFile(join(dataDir, shardFile(i))), this.dataOf(i))
    )
  }

  /** A shard's content changed: the next save writes it. */
  markDirty(shard: number): void {
    this.dirty.add(shard)
  }

  get anyDirty(): boolean {
    return this.dirty.size > 0
  }

  /**
   * Writes the shards changed since the last save. Each is serialized in its own turn of the event loop
   * (~4 ms at 50k articles, the longest a save blocks), and their writes and fsyncs run in parallel (one
   * after another, 32 fsyncs took ~10x longer). Shards that failed stay dirty.
   */
  async saveDirty(): Promise<void> {
    const shards = [...this.dirty]
    this.dirty.clear()
    const writes: Promise<void>[] = []
    for (const shard of shards) {
      const db = this.dbs[shard] as Low<ShardData>
      db.data = this.dataOf(shard)
      writes.push(db.write()) // serializes now, before its first await
      if (shards.length > 1) await nextTurn()
    }
    const results = await Promise.allSettled(writes)
    const failed = results.findIndex((r) => r.status === 'rejected')
    if (failed >= 0) {
      for (const shard of shards) this.dirty.add(shard)
      throw (results[failed] as PromiseRejectedResult).reason
    }
  }

  private dataOf(shard: number): ShardData {
    return { schemaVersion: SCHEMA_VERSION, shard, shardCount: this.shardCount, articles: this.articlesOf(shard) }
  }
}

/**
 * Reads and parses every shard, in order, restoring damaged ones from backups (see recover-file.ts).
 * One shard at a time, yielding between them: parsing all 32 back to back holds the event loop for ~0.4 s at
 * 50k articles, and `lectern serve` answers the browser's page requests meanwhile. The files are read a few
 * ahead in the thread pool, so no turn waits for the disk; as bytes, decoded in one go (readFile with an
 * encoding decodes chunk by chunk into a string JSON.parse must then flatten).
 */
export async function readShards(dataDir: string, shardCount: number): Promise<LoadedFile<ShardData>[]> {
  const ahead: Promise<string>[] = [] // the reads of the next shards, in order
  let nextRead = 0
  const readNext = () => {
    if (nextRead >= shardCount) return
    const read = readFile(join(dataDir, shardFile(nextRead++))).then((bytes) => bytes.toString('utf8'))
    read.catch(() => undefined) // handled where it is awaited (in shard order)
    ahead.push(read)
  }
  for (let i = 0; i < SHARD_READ_AHEAD; i++) readNext()
  const shards: LoadedFile<ShardData>[] = []
  for (let i = 0; i < shardCount; i++) {
    // Taken off the queue: once parsed, nothing keeps the shard's text (all of them would be ~35 MB at 50k).
    const read = ahead.shift()
    readNext()
    await nextTurn()
    const describe = `Part ${i + 1} of ${shardCount} of the library`
    shards.push(
      await loadLibraryFile(
        dataDir,
        shardFile(i),
        (text, path) => parseJsonFile(path, text, checkShard),
        describe,
        read
      )
    )
  }
  return shards
}

/** Removes the temporary files of shard saves cut off by a crash. */
export async function removeUnfinishedSaves(dataDir: string): Promise<void> {
  for (const name of await readdir(join(dataDir, SHARD_DIR))) {
    if (name.endsWith('.tmp')) await rm(join(dataDir, SHARD_DIR, name), { force: true })
  }
}
