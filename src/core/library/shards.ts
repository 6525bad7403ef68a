import { join } from 'node:path'

/** Shards a new library is created with: at 50,000 articles each holds ~1,600 (~1.2 MB, ~4 ms to serialize). */
export const DEFAULT_SHARD_COUNT = 32

/** The shard an article's metadata lives in: FNV-1a of its id, so it never moves. */
export function shardOf(id: string, shardCount: number): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0) % shardCount
}

/** Folder of the shards, relative to the data dir. */
export const SHARD_DIR = 'library'

/** A shard's path relative to the data dir: library/meta-07.json. */
export function shardFile(index: number): string {
  return join(SHARD_DIR, `meta-${String(index).padStart(2, '0')}.json`)
}

export const MANIFEST_FILE = 'library.json'

/** Every library file of a layout, relative to the data dir: the manifest and its shards. */
export function libraryFiles(shardCount: number): string[] {
  return [MANIFEST_FILE, ...Array.from({ length: shardCount }, (_, i) => shardFile(i))]
}
