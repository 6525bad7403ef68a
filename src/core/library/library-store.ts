import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { Low } from 'lowdb'
import {
  START_QUERY,
  type ArticleMeta,
  type DeleteResult,
  type LibraryCounts,
  type LibraryPage,
  type LibraryQuery,
  type LibrarySort,
  type LibraryStatus,
  type RecoveryNotice
} from '../../shared/types'
import { LecternError } from '../../shared/errors'
import { latestChange, makeBackup, newestBackupTime, KEEP_BACKUPS } from './backups'
import { DurableJsonFile, parseJsonFile, writeFileDurably } from './durable-file'
import {
  check,
  checkShard,
  claimedVersion,
  manifestSchema,
  SCHEMA_VERSION,
  v1LibrarySchema,
  type Manifest,
  type ShardData
} from './library-schema'
import { countLibrary, DEFAULT_PAGE, MAX_PAGE, normalizeTag, queryFilter } from './library-query'
import { runMigrations } from './migrations'
import { loadLibraryFile } from './recover-file'
import { SaveScheduler } from './save-scheduler'
import { DEFAULT_SHARD_COUNT, libraryFiles, MANIFEST_FILE, SHARD_DIR, shardFile, shardOf } from './shards'
import { SORT_FIELDS, SORT_KEYS, SortedIndex } from './sorted-index'
import { clearNotices, keepNotices } from './repair-notices'
import { takeStartPage, writeStartPage, type StartPage } from './start-page'

export { SCHEMA_VERSION } from './library-schema'

export interface LibraryOptions {
  /** Shards of a library created now (an existing library keeps its own). */
  shardCount?: number
  /** Changes are coalesced for this long before one save (default 250 ms). */
  saveDelayMs?: number
  /** A backup is made at most this often while the library changes (default 10 minutes), and at open. */
  backupIntervalMs?: number
  keepBackups?: number
  /** How long a delete can be undone (default 30 s); its files are removed after it, or at close. */
  undoWindowMs?: number
}

/** Kept in memory only: an article list survives a crash in the undo window because its files stay until purge. */
interface TrashEntry {
  articles: ArticleMeta[]
  until: Date
  timer: NodeJS.Timeout
}

const ARTICLE_DIR = /^[a-z0-9][a-z0-9-]{0,63}$/
/** Shard files being read ahead of the one being parsed (the thread pool has 4 threads). */
const SHARD_READ_AHEAD = 4

/**
 * The library's metadata and the per-article folders it points to. All metadata changes go through this
 * one object. Metadata lives in memory (indexed for list queries) and on disk in lowdb shards
 * (library/meta-NN.json, by id) under a small manifest (library.json): a change rewrites one shard of
 * ~1/32 of the library, coalesced with the other changes of the next 250 ms, durably (see durable-file.ts).
 * Changes return once applied in memory; persisted() resolves when they are on disk.
 */
export class LibraryStore {
  private readonly byId = new Map<string, ArticleMeta>()
  private readonly shardMaps: Map<string, ArticleMeta>[]
  private readonly shardDbs: Low<ShardData>[]
  private readonly dirty = new Set<number>()
  private readonly indexes = new Map<LibrarySort, SortedIndex>()
  private readonly trash = new Map<string, TrashEntry>()
  private readonly saver: SaveScheduler
  private allCache: ArticleMeta[] | null = null
  private countsCache: LibraryCounts | null = null
  private backupRunning: Promise<void> | null = null
  private lastBackupAt = 0
  private closed = false
  private readonly info: Omit<LibraryStatus, 'articles' | 'contentMissing' | 'saveError'>

  private constructor(
    readonly dataDir: string,
    private readonly manifest: Manifest,
    private readonly options: Required<LibraryOptions>,
    info: LibraryStore['info']
  ) {
    this.info = info
    this.shardMaps = Array.from({ length: manifest.shardCount }, () => new Map())
    this.shardDbs = Array.from(
      { length: manifest.shardCount },
      (_, i) => new Low<ShardData>(new DurableJsonFile(join(dataDir, shardFile(i))), this.shardData(i))
    )
    this.saver = new SaveScheduler(
      () => this.saveDirty(),
      options.saveDelayMs,
      () => this.maybeBackup()
    )
  }

  /**
   * Opens (or creates) the library of a data dir: migrates an older layout, moves damaged files aside and
   * restores them from the newest good backup, removes content folders nothing points to, flags articles
   * whose content is missing, and makes a backup if the library changed since the last one.
   * `onStartPage` gets the start page the last close left, if it still holds (see start-page.ts), before
   * the library is read.
   */
  static async open(
    dataDir: string,
    options: LibraryOptions = {},
    onStartPage?: (start: StartPage | null) => void
  ): Promise<LibraryStore> {
    const settings: Required<LibraryOptions> = {
      shardCount: options.shardCount ?? DEFAULT_SHARD_COUNT,
      saveDelayMs: options.saveDelayMs ?? 250,
      backupIntervalMs: options.backupIntervalMs ?? 10 * 60_000,
      keepBackups: options.keepBackups ?? KEEP_BACKUPS,
      undoWindowMs: options.undoWindowMs ?? 30_000
    }
    await mkdir(join(dataDir, 'articles'), { recursive: true })
    await mkdir(join(dataDir, SHARD_DIR), { recursive: true })
    const start = await takeStartPage(dataDir) // taken (and removed) before anything here is written
    onStartPage?.(start)
    const recovered: RecoveryNotice[] = []
    const { manifest, migratedFrom } = await openManifest(dataDir, settings.shardCount, recovered)
    const store = new LibraryStore(dataDir, manifest, settings, {
      schemaVersion: SCHEMA_VERSION,
      migratedFrom,
      recovered,
      orphansRemoved: 0,
      orphansKept: 0
    })
    // The content folders are listed in the thread pool while the shards are read and parsed (nothing else
    // writes in the data dir while it opens). Marked handled here; a failure still throws where it is awaited.
    const folders = readdir(join(dataDir, 'articles'))
    folders.catch(() => undefined)
    await store.loadShards()
    await store.checkContentFolders(await folders)
    store.index('saved') // the default order, ready for the first list
    store.lastBackupAt = await newestBackupTime(dataDir)
    if ((await latestChange(dataDir, libraryFiles(manifest.shardCount))) > store.lastBackupAt) store.startBackup()
    // After the content check, which looks at this open's repairs only; shown from now on until dismissed.
    store.info.recovered = await keepNotices(dataDir, store.info.recovered)
    return store
  }

  articleDir(id: string): string {
    return join(this.dataDir, 'articles', id)
  }

  /** Every article (in no particular order). */
  all(): readonly ArticleMeta[] {
    this.allCache ??= [...this.byId.values()]
    return this.allCache
  }

  find(id: string): ArticleMeta | undefined {
    return this.byId.get(id)
  }

  get(id: string): ArticleMeta {
    const article = this.find(id)
    if (!article) throw new LecternError('NOT_FOUND', 'That article is not in the library (it may have been deleted).')
    return article
  }

  /** One page of a view (filtered by tag/site), in the asked order, with the number of all matches. */
  query(query: LibraryQuery): LibraryPage {
    const offset = Math.max(0, query.offset ?? 0)
    const limit = Math.min(Math.max(0, query.limit ?? DEFAULT_PAGE), query.limit === Infinity ? Infinity : MAX_PAGE)
    const matches = queryFilter(query)
    const items: ArticleMeta[] = []
    let total = 0
    this.index(query.sort ?? 'saved').walk((query.order ?? 'desc') === 'desc', (a) => {
      if (!matches(a)) return
      if (total >= offset && items.length < limit) items.push(a)
      total++
    })
    return { items, total, offset }
  }

  /** The sidebar's numbers: views, tags, sites. */
  counts(): LibraryCounts {
    this.countsCache ??= countLibrary(this.byId.values())
    return this.countsCache
  }

  /** The user has read the repair notices: they are no longer shown at start. Returns how many there were. */
  async dismissRepairs(): Promise<number> {
    const count = this.info.recovered.length
    this.info.recovered = []
    await clearNotices(this.dataDir)
    return count
  }

  status(): LibraryStatus {
    let contentMissing = 0
    for (const a of this.byId.values()) if (a.contentMissing) contentMissing++
    return { ...this.info, articles: this.byId.size, contentMissing, saveError: this.saver.lastError?.message ?? null }
  }

  /** Adds an article whose files are already written (metadata last, so it never points at nothing); resolves once durable. */
  async add(article: ArticleMeta): Promise<void> {
    await this.stage(article)
  }

  /**
   * Adds an article to memory at once (queries see it) and returns the promise of it being durable: a bulk
   * import moves on to its next page while the save it joined is written.
   */
  stage(article: ArticleMeta): Promise<void> {
    this.assertOpen()
    if (this.byId.has(article.id)) throw new Error(`article ${article.id} is already in the library`)
    this.insert(article)
    return this.persisted()
  }

  /** Changes one article's metadata (in memory at once; on disk within about a second, see persisted()). */
  async update(id: string, change: Partial<Omit<ArticleMeta, 'id'>>): Promise<ArticleMeta> {
    this.assertOpen()
    const article = this.get(id)
    this.apply(article, change)
    return article
  }

  /** Applies `change(article)` to each existing article of `ids`; returns the ids that changed. Unknown ids are skipped. */
  updateMany(ids: readonly string[], change: (a: ArticleMeta) => Partial<Omit<ArticleMeta, 'id'>> | null): string[] {
    this.assertOpen()
    const changed: string[] = []
    for (const id of new Set(ids)) {
      const article = this.byId.get(id)
      const patch = article && change(article)
      if (!article || !patch) continue
      if (this.apply(article, patch)) changed.push(id)
    }
    return changed
  }

  /** Adds tags to articles; returns the ids whose tags changed. */
  addTags(ids: readonly string[], tags: readonly string[]): string[] {
    const wanted = cleanTags(tags)
    return this.updateMany(ids, (a) => {
      const next = [...a.tags, ...wanted.filter((t) => !a.tags.includes(t))]
      return next.length === a.tags.length ? null : { tags: next }
    })
  }

  /** Removes tags from articles; returns the ids whose tags changed. */
  removeTags(ids: readonly string[], tags: readonly string[]): string[] {
    const unwanted = new Set(cleanTags(tags))
    return this.updateMany(ids, (a) =>
      a.tags.some((t) => unwanted.has(t)) ? { tags: a.tags.filter((t) => !unwanted.has(t)) } : null
    )
  }

  /** Renames tags `from` to `into` on every article; a tag that already exists is merged. Returns the changed ids. */
  mergeTags(from: readonly string[], into: string): string[] {
    const [target] = cleanTags([into])
    if (!target) throw new LecternError('INVALID_INPUT', 'A tag needs at least one letter.')
    const sources = new Set(cleanTags(from).filter((t) => t !== target))
    if (sources.size === 0) return []
    const ids = [...this.byId.values()].filter((a) => a.tags.some((t) => sources.has(t))).map((a) => a.id)
    return this.updateMany(ids, (a) => {
      const next: string[] = []
      for (const tag of a.tags) {
        const renamed = sources.has(tag) ? target : tag
        if (!next.includes(renamed)) next.push(renamed)
      }
      return { tags: next }
    })
  }

  /** Deletes for good: the metadata first (durably; the article disappears at once), then its folder. */
  async remove(id: string): Promise<void> {
    this.assertOpen()
    this.get(id)
    this.detach(id)
    await this.persisted()
    await rm(this.articleDir(id), { recursive: true, force: true })
  }

  /**
   * Deletes with undo: the articles leave every view at once and their metadata is saved without them; their
   * folders stay until the undo window ends (or the library closes). After a crash inside the window, the
   * folders are orphans and start-up removes them: the delete stands, as it was acknowledged.
   */
  trashMany(ids: readonly string[]): DeleteResult {
    this.assertOpen()
    const articles: ArticleMeta[] = []
    for (const id of new Set(ids)) {
      const article = this.byId.get(id)
      if (!article) continue
      this.detach(id)
      articles.push(article)
    }
    const token = randomBytes(12).toString('hex')
    const until = new Date(Date.now() + this.options.undoWindowMs)
    const timer = setTimeout(
      () =>
        void this.purge(token).catch((error: unknown) =>
          console.error('lectern: removing deleted articles failed', error)
        ),
      this.options.undoWindowMs
    )
    timer.unref()
    this.trash.set(token, { articles, until, timer })
    return { ids: articles.map((a) => a.id), undoToken: token, undoUntil: until.toISOString() }
  }

  /** Brings back the articles of a delete still in its undo window; returns their ids. */
  undoTrash(token: string): string[] {
    this.assertOpen()
    const entry = this.trash.get(token)
    if (!entry) throw new LecternError('NOT_FOUND', 'That delete can no longer be undone (its undo time has passed).')
    clearTimeout(entry.timer)
    this.trash.delete(token)
    for (const article of entry.articles) if (!this.byId.has(article.id)) this.insert(article)
    return entry.articles.map((a) => a.id)
  }

  async readContent(id: string): Promise<string> {
    const article = this.get(id)
    try {
      return await readFile(join(this.articleDir(id), 'content.html'), 'utf8')
    } catch {
      article.contentMissing = true
      throw new LecternError(
        'NOT_FOUND',
        'The text of this article is missing from the library folder; download it again to read it.'
      )
    }
  }

  /** The article's plain text. */
  readText(id: string): string {
    return this.readTextBytes(id).toString('utf8')
  }

  /** The article's plain text as stored (UTF-8). Synchronous on purpose: search reads 20 small files per query (search-service.ts). */
  readTextBytes(id: string): Buffer {
    this.get(id)
    return readFileSync(join(this.articleDir(id), 'content.txt'))
  }

  /** Resolves once every change made before the call is on disk (fsynced); rejects if saving failed. */
  persisted(): Promise<void> {
    return this.saver.persisted()
  }

  /** Saves pending changes now. */
  flush(): Promise<void> {
    return this.saver.flush()
  }

  /**
   * Saves everything, removes the files of deletes whose undo is no longer possible, waits for a running
   * backup, and leaves the start page for the next open (see start-page.ts).
   */
  async close(): Promise<void> {
    if (this.closed) return
    await this.saver.flush()
    for (const token of [...this.trash.keys()]) await this.purge(token)
    this.closed = true
    await this.backupRunning
    // Only from a library entirely on disk (a change made during the purges would still be pending).
    if (this.saver.pending) return
    const files = [...libraryFiles(this.manifest.shardCount), 'articles']
    await writeStartPage(this.dataDir, files, {
      query: START_QUERY,
      page: this.query(START_QUERY),
      counts: this.counts()
    }).catch((error: unknown) =>
      console.error('lectern: writing the start page failed (the next start will be slower)', error)
    )
  }

  // ---- internals ----

  private assertOpen(): void {
    if (this.closed) throw new LecternError('INTERNAL', 'The library is closed.')
  }

  private shardData(index: number): ShardData {
    return {
      schemaVersion: SCHEMA_VERSION,
      shard: index,
      shardCount: this.manifest.shardCount,
      articles: [...(this.shardMaps[index]?.values() ?? [])]
    }
  }

  private shardFor(id: string): number {
    return shardOf(id, this.manifest.shardCount)
  }

  private changed(shard: number, membership: boolean): void {
    this.dirty.add(shard)
    this.countsCache = null
    if (membership) this.allCache = null
    this.saver.changed()
  }

  private insert(article: ArticleMeta): void {
    const shard = this.shardFor(article.id)
    this.byId.set(article.id, article)
    this.shardMaps[shard]?.set(article.id, article)
    for (const index of this.indexes.values()) index.insert(article)
    this.changed(shard, true)
  }

  private detach(id: string): void {
    const shard = this.shardFor(id)
    this.byId.delete(id)
    this.shardMaps[shard]?.delete(id)
    for (const index of this.indexes.values()) index.remove(id)
    this.changed(shard, true)
  }

  /** Applies a change in place (keeping the indexes in order); false when nothing differed. */
  private apply(article: ArticleMeta, change: Partial<Omit<ArticleMeta, 'id'>>): boolean {
    const keys = (Object.keys(change) as (keyof typeof change)[]).filter((key) => !sameValue(article[key], change[key]))
    if (keys.length === 0) return false
    const moves = keys.some((key) => SORT_FIELDS.has(key))
    if (moves) for (const index of this.indexes.values()) index.remove(article.id)
    Object.assign(article, change)
    if (moves) for (const index of this.indexes.values()) index.insert(article)
    this.changed(this.shardFor(article.id), false)
    return true
  }

  private index(sort: LibrarySort): SortedIndex {
    let index = this.indexes.get(sort)
    if (!index) {
      index = SortedIndex.build(SORT_KEYS[sort], this.byId.values())
      this.indexes.set(sort, index)
    }
    return index
  }

  /**
   * Writes the shards changed since the last save. Each is serialized in its own turn of the event loop
   * (~4 ms at 50k articles, the longest a save blocks), and their writes and fsyncs run in parallel (one
   * after another, 32 fsyncs took ~10x longer).
   */
  private async saveDirty(): Promise<void> {
    const shards = [...this.dirty]
    this.dirty.clear()
    const writes: Promise<void>[] = []
    for (const shard of shards) {
      const db = this.shardDbs[shard] as Low<ShardData>
      db.data = this.shardData(shard)
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

  private maybeBackup(): void {
    if (Date.now() - this.lastBackupAt >= this.options.backupIntervalMs) this.startBackup()
  }

  private startBackup(): void {
    if (this.backupRunning) return
    this.lastBackupAt = Date.now()
    this.backupRunning = makeBackup(this.dataDir, libraryFiles(this.manifest.shardCount), this.options.keepBackups)
      .then(() => undefined)
      .catch((error: unknown) => console.error('lectern: backing up the library failed', error))
      .finally(() => {
        this.backupRunning = null
      })
  }

  private async purge(token: string): Promise<void> {
    const entry = this.trash.get(token)
    if (!entry) return
    clearTimeout(entry.timer)
    this.trash.delete(token)
    // The metadata without them must be on disk before their files go, or a crash would point at nothing.
    await this.saver.persisted()
    for (const article of entry.articles) {
      if (!this.byId.has(article.id)) await rm(this.articleDir(article.id), { recursive: true, force: true })
    }
  }

  private async loadShards(): Promise<void> {
    const { shardCount } = this.manifest
    // One shard at a time, yielding between them: parsing all 32 back to back holds the event loop for
    // ~0.4 s at 50k articles, and `lectern serve` answers the browser's page requests meanwhile. The files
    // are read a few ahead in the thread pool, so no turn waits for the disk; as bytes, decoded in one go
    // (readFile with an encoding decodes chunk by chunk into a string JSON.parse must then flatten).
    const ahead: Promise<string>[] = [] // the reads of the next shards, in order
    let nextRead = 0
    const readNext = () => {
      if (nextRead >= shardCount) return
      const read = readFile(join(this.dataDir, shardFile(nextRead++))).then((bytes) => bytes.toString('utf8'))
      read.catch(() => undefined) // handled where it is awaited (in shard order)
      ahead.push(read)
    }
    for (let i = 0; i < SHARD_READ_AHEAD; i++) readNext()
    const shards = []
    for (let i = 0; i < shardCount; i++) {
      // Taken off the queue: once parsed, nothing keeps the shard's text (all of them would be ~35 MB at 50k).
      const read = ahead.shift()
      readNext()
      await nextTurn()
      const describe = `Part ${i + 1} of ${shardCount} of the library`
      shards.push(
        await loadLibraryFile(
          this.dataDir,
          shardFile(i),
          (text, path) => parseJsonFile(path, text, checkShard),
          describe,
          read
        )
      )
    }
    for (const [i, loaded] of shards.entries()) {
      if (loaded.notice) this.info.recovered.push(loaded.notice)
      for (const article of loaded.data?.articles ?? []) {
        if (this.byId.has(article.id)) {
          this.dirty.add(i) // a duplicate (a shard restored next to a newer one): the first copy wins
          continue
        }
        const home = this.shardFor(article.id)
        if (home !== i) this.dirty.add(i).add(home) // shard count changed by hand: move it home
        this.byId.set(article.id, article)
        this.shardMaps[home]?.set(article.id, article)
      }
      if (loaded.notice || !loaded.data) this.dirty.add(i) // every shard has a file, so every backup has a copy
    }
    for (const name of await readdir(join(this.dataDir, SHARD_DIR))) {
      if (name.endsWith('.tmp')) await rm(join(this.dataDir, SHARD_DIR, name), { force: true }) // a save cut off by a crash
    }
    if (this.dirty.size) this.saver.changed()
  }

  /**
   * Flags articles whose folder is gone, and removes folders no metadata points to (an import that crashed
   * before its metadata was written, a delete whose undo window was cut short). When metadata was recovered
   * at this open, orphans are kept instead: they may belong to articles the damaged file listed.
   * `names` is the listing of articles/: names only (no stat per entry: at 50k folders, withFileTypes costs
   * more than the rest of the check).
   */
  private async checkContentFolders(names: readonly string[]): Promise<void> {
    const orphans: string[] = []
    let present = 0
    for (const name of names) {
      const article = this.byId.get(name)
      if (article) {
        present++
        if (article.contentMissing) delete article.contentMissing
      } else if (ARTICLE_DIR.test(name)) {
        orphans.push(name)
      }
    }
    // Names in a folder are unique: when every article's folder was listed, none is missing.
    if (present < this.byId.size) {
      const listed = new Set(names)
      for (const article of this.byId.values()) if (!listed.has(article.id)) article.contentMissing = true
    }
    const keep = this.info.recovered.some((notice) => notice.lost)
    for (const name of orphans) {
      if (keep) {
        this.info.orphansKept++
        continue
      }
      await rm(this.articleDir(name), { recursive: true, force: true })
      this.info.orphansRemoved++
    }
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

function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizeTag).filter((t) => t.length > 0))]
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i])
  return a === b
}
