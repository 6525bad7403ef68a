import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LecternError } from '../../shared/errors'
import type { LibraryStatus, RecoveryNotice } from '../../shared/types'
import { ArticleTable } from './article-table'
import { ARTICLES_DIR, checkContentFolders, ContentFiles } from './content-files'
import { parseJsonFile, writeFileDurably } from './durable-file'
import {
  check,
  checkShard,
  claimedVersion,
  manifestSchema,
  SCHEMA_VERSION,
  v1LibrarySchema,
  type Manifest
} from './library-schema'
import { runMigrations } from './migrations'
import { loadLibraryFile } from './recover-file'
import { readShards, removeUnfinishedSaves } from './shard-files'
import { MANIFEST_FILE, SHARD_DIR } from './shards'
import { takeStartPage, type StartPage } from './start-page'

/** How the library opened, as getLibraryStatus reports it (the counts are added when asked). */
export type OpenInfo = Omit<LibraryStatus, 'articles' | 'contentMissing' | 'saveError'>

/** A library read from disk, ready for the store: its articles in memory and what opening it repaired. */
export interface OpenedLibrary {
  table: ArticleTable
  content: ContentFiles
  /** Shards to write again: restored from a backup, missing, or holding duplicates or misplaced articles. */
  dirtyShards: Set<number>
  info: OpenInfo
}

/**
 * Reads the library of a data dir (creating it when new): the start page first (see start-page.ts), then the
 * manifest (migrating an older layout, restoring a damaged one), every shard (restoring damaged ones from
 * backups), and the content folders (flagging articles whose folder is gone, removing folders nothing points
 * to). `shardCount` is for a library created now.
 */
export async function openLibrary(
  dataDir: string,
  shardCount: number,
  onStartPage?: (start: StartPage | null) => void
): Promise<OpenedLibrary> {
  await mkdir(join(dataDir, ARTICLES_DIR), { recursive: true })
  await mkdir(join(dataDir, SHARD_DIR), { recursive: true })
  const start = await takeStartPage(dataDir) // taken (and removed) before anything here is written
  onStartPage?.(start)
  const recovered: RecoveryNotice[] = []
  const { manifest, migratedFrom } = await openManifest(dataDir, shardCount, recovered)
  const table = new ArticleTable(manifest.shardCount)
  const content = new ContentFiles(dataDir)
  // The content folders are listed in the thread pool while the shards are read and parsed (nothing else
  // writes in the data dir while it opens). Marked handled here; a failure still throws where it is awaited.
  const folders = content.listFolders()
  folders.catch(() => undefined)
  const dirtyShards = new Set<number>()
  for (const [i, shard] of (await readShards(dataDir, manifest.shardCount)).entries()) {
    if (shard.notice) recovered.push(shard.notice)
    for (const article of shard.data?.articles ?? []) {
      if (!table.load(article)) {
        dirtyShards.add(i) // a duplicate (a shard restored next to a newer one): the first copy wins
        continue
      }
      const home = table.shardFor(article.id)
      if (home !== i) dirtyShards.add(i).add(home) // shard count changed by hand: move it home
    }
    if (shard.notice || !shard.data) dirtyShards.add(i) // every shard has a file, so every backup has a copy
  }
  await removeUnfinishedSaves(dataDir)
  // When metadata was recovered at this open, orphan folders may belong to articles the damaged file listed.
  const keepOrphans = recovered.some((notice) => notice.lost)
  const orphans = await checkContentFolders(content, table, await folders, keepOrphans)
  table.index('saved') // the default order, ready for the first list
  return {
    table,
    content,
    dirtyShards,
    info: { schemaVersion: SCHEMA_VERSION, migratedFrom, recovered, ...orphans }
  }
}

/** Reads library.json (restoring or rebuilding it when damaged), migrates an older schema, creates a new one. */
async function openManifest(
  dataDir: string,
  shardCount: number,
  recovered: RecoveryNotice[]
): Promise<{ manifest: Manifest; migratedFrom: number | null }> {
  const loaded = await loadLibraryFile(
    dataDir,
    MANIFEST_FILE,
    (text, path) => parseJsonFile(path, text, parseLibraryJson),
    'The library index'
  )
  let value = loaded.data
  let migratedFrom: number | null = null
  const existingShards = value ? null : await shardCountOnDisk(dataDir)
  if (loaded.notice) {
    // The manifest lists no article: once shards are found, nothing was lost with it.
    const lost = !loaded.notice.restoredFrom && existingShards === null
    const how = loaded.notice.restoredFrom
      ? `restored from the backup of ${loaded.notice.restoredFrom}`
      : existingShards !== null
        ? 'rebuilt from the library files'
        : 'started empty'
    recovered.push({
      ...loaded.notice,
      lost,
      message: `The library index (library.json) could not be read, so it was ${how}.${lost ? ' Articles it listed may be missing.' : ' No article was lost.'} The damaged file was kept at ${loaded.notice.movedTo}.`
    })
  }
  if (value && claimedVersion(value) === 1) {
    migratedFrom = 1
    value = await runMigrations(dataDir, value, 1)
  }
  if (value) return { manifest: check(manifestSchema, value), migratedFrom }
  const manifest: Manifest = { schemaVersion: SCHEMA_VERSION, shardCount: existingShards ?? shardCount }
  if (existingShards !== null && !loaded.notice) {
    recovered.push({
      file: MANIFEST_FILE,
      problem: 'missing',
      movedTo: null,
      restoredFrom: null,
      lost: false,
      message:
        'The library index (library.json) was missing, so it was rebuilt from the library files. No article was lost.'
    })
  }
  await writeFileDurably(join(dataDir, MANIFEST_FILE), JSON.stringify(manifest))
  return { manifest, migratedFrom }
}

/** library.json of any known version; a newer one is refused, never moved aside or overwritten. */
function parseLibraryJson(value: unknown): unknown {
  const version = claimedVersion(value)
  if (version !== null && version > SCHEMA_VERSION) {
    throw new LecternError(
      'NOT_SUPPORTED',
      `This library was written by a newer Lectern (schema ${version}); update Lectern to open it.`
    )
  }
  if (version === 1) return check(v1LibrarySchema, value)
  return check(manifestSchema, value)
}

/** The shard count that shards on disk name (for a lost manifest), or null when there are none. */
async function shardCountOnDisk(dataDir: string): Promise<number | null> {
  let names: string[]
  try {
    names = (await readdir(join(dataDir, SHARD_DIR))).filter((name) => /^meta-\d+\.json$/.test(name))
  } catch {
    return null
  }
  for (const name of names) {
    try {
      const path = join(dataDir, SHARD_DIR, name)
      return parseJsonFile(path, await readFile(path, 'utf8'), checkShard).shardCount
    } catch {
      continue
    }
  }
  return null
}
