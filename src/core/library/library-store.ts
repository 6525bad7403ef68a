import { LecternError } from '../../shared/errors'
import {
  START_QUERY,
  type ArticleMeta,
  type DeleteResult,
  type LibraryCounts,
  type LibraryPage,
  type LibraryQuery,
  type LibraryStatus
} from '../../shared/types'
import type { ArticleChange, ArticleTable } from './article-table'
import { BackupSchedule, KEEP_BACKUPS } from './backups'
import { ARTICLES_DIR, type ContentFiles } from './content-files'
import { ChangeLog, type LibraryChangeListener } from './library-changes'
import { openLibrary, type OpenedLibrary, type OpenInfo } from './open-library'
import { clearNotices, keepNotices } from './repair-notices'
import { SaveScheduler } from './save-scheduler'
import { ShardFiles } from './shard-files'
import { DEFAULT_SHARD_COUNT, libraryFiles } from './shards'
import { writeStartPage, type StartPage } from './start-page'
import { addingTags, mergingTags, removingTags } from './tag-rules'
import { Trash } from './trash'

export { SCHEMA_VERSION } from './library-schema'
export type { LibraryChange, LibraryChangeListener } from './library-changes'
export type { StartPage } from './start-page'

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

/**
 * The library: its articles' metadata and the per-article folders it points to. Every metadata change goes
 * through this one object, which announces it (added / updated / removed, see onChange) and saves it.
 * Metadata lives in memory (article-table.ts, indexed for list queries) and on disk in lowdb shards
 * (library/meta-NN.json, by id; shard-files.ts) under a small manifest (library.json): a change rewrites one
 * shard of ~1/32 of the library, coalesced with the other changes of the next 250 ms, durably (see
 * durable-file.ts). Changes return once applied in memory; persisted() resolves when they are on disk.
 */
export class LibraryStore {
  private readonly table: ArticleTable
  private readonly shards: ShardFiles
  private readonly content: ContentFiles
  private readonly changes = new ChangeLog()
  private readonly saver: SaveScheduler
  private readonly backups: BackupSchedule
  private readonly trash: Trash
  private readonly info: OpenInfo
  private closed = false

  private constructor(
    readonly dataDir: string,
    opened: OpenedLibrary,
    options: Required<Omit<LibraryOptions, 'shardCount'>>
  ) {
    this.table = opened.table
    this.content = opened.content
    this.info = opened.info
    const { shardCount } = this.table
    this.shards = new ShardFiles(dataDir, shardCount, (shard) => this.table.shardArticles(shard))
    this.backups = new BackupSchedule(dataDir, libraryFiles(shardCount), options.backupIntervalMs, options.keepBackups)
    this.saver = new SaveScheduler(
      () => this.shards.saveDirty(),
      options.saveDelayMs,
      () => this.backups.afterSave()
    )
    this.trash = new Trash(options.undoWindowMs, async (articles) => {
      // The metadata without them must be on disk before their files go, or a crash would point at nothing.
      await this.saver.persisted()
      for (const article of articles) if (!this.table.has(article.id)) await this.content.removeFolder(article.id)
    })
    for (const shard of opened.dirtyShards) this.shards.markDirty(shard)
    if (this.shards.anyDirty) this.saver.changed()
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
    const opened = await openLibrary(dataDir, options.shardCount ?? DEFAULT_SHARD_COUNT, onStartPage)
    const store = new LibraryStore(dataDir, opened, {
      saveDelayMs: options.saveDelayMs ?? 250,
      backupIntervalMs: options.backupIntervalMs ?? 10 * 60_000,
      keepBackups: options.keepBackups ?? KEEP_BACKUPS,
      undoWindowMs: options.undoWindowMs ?? 30_000
    })
    await store.backups.atOpen()
    // After the content check, which looks at this open's repairs only; shown from now on until dismissed.
    store.info.recovered = await keepNotices(dataDir, store.info.recovered)
    return store
  }

  /**
   * Subscribes to the library's changes, announced by the store itself as they are applied in memory:
   * whoever changes an article, listeners (the search index, the windows) hear of it. Returns the function
   * that unsubscribes.
   */
  onChange(listener: LibraryChangeListener): () => void {
    return this.changes.on(listener)
  }

  /** The folder of an article's content files (written there by the import pipeline before its metadata). */
  articleDir(id: string): string {
    return this.content.articleDir(id)
  }

  /** Every article (in no particular order). */
  all(): readonly ArticleMeta[] {
    return this.table.all()
  }

  find(id: string): ArticleMeta | undefined {
    return this.table.find(id)
  }

  get(id: string): ArticleMeta {
    const article = this.find(id)
    if (!article) throw new LecternError('NOT_FOUND', 'That article is not in the library (it may have been deleted).')
    return article
  }

  /** One page of a view (filtered by tag/site), in the asked order, with the number of all matches. */
  query(query: LibraryQuery): LibraryPage {
    return this.table.query(query)
  }

  /** The sidebar's numbers: views, tags, sites. */
  counts(): LibraryCounts {
    return this.table.counts()
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
    for (const a of this.table.values()) if (a.contentMissing) contentMissing++
    return { ...this.info, articles: this.table.size, contentMissing, saveError: this.saver.lastError?.message ?? null }
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
    if (this.table.has(article.id)) throw new Error(`article ${article.id} is already in the library`)
    this.insert(article)
    return this.persisted()
  }

  /**
   * Changes one article's metadata (in memory at once; on disk within about a second, see persisted()). It is
   * announced with the fields given even when no value differs: re-extraction rewrites the article's text,
   * which its metadata may not show, and the search index must read it again.
   */
  async update(id: string, change: ArticleChange): Promise<ArticleMeta> {
    this.assertOpen()
    const article = this.get(id)
    this.changes.batch(() => {
      this.apply(article, change)
      this.changes.recordUpdated(id, Object.keys(change) as (keyof ArticleChange)[])
    })
    return article
  }

  /** Applies `change(article)` to each existing article of `ids`; returns the ids that changed. Unknown ids are skipped. */
  updateMany(ids: readonly string[], change: (a: ArticleMeta) => ArticleChange | null): string[] {
    this.assertOpen()
    return this.changes.batch(() => {
      const changed: string[] = []
      for (const id of new Set(ids)) {
        const article = this.table.find(id)
        const patch = article && change(article)
        if (!article || !patch) continue
        if (this.apply(article, patch)) changed.push(id)
      }
      return changed
    })
  }

  /** Adds tags to articles; returns the ids whose tags changed. */
  addTags(ids: readonly string[], tags: readonly string[]): string[] {
    return this.updateMany(ids, addingTags(tags))
  }

  /** Removes tags from articles; returns the ids whose tags changed. */
  removeTags(ids: readonly string[], tags: readonly string[]): string[] {
    return this.updateMany(ids, removingTags(tags))
  }

  /** Renames tags `from` to `into` on every article; a tag that already exists is merged. Returns the changed ids. */
  mergeTags(from: readonly string[], into: string): string[] {
    const { sources, patch } = mergingTags(from, into)
    if (sources.size === 0) return []
    const ids = this.table
      .all()
      .filter((a) => a.tags.some((t) => sources.has(t)))
      .map((a) => a.id)
    return this.updateMany(ids, patch)
  }

  /** Deletes for good: the metadata first (durably; the article disappears at once), then its folder. */
  async remove(id: string): Promise<void> {
    this.assertOpen()
    this.get(id)
    this.detach(id)
    await this.persisted()
    await this.content.removeFolder(id)
  }

  /**
   * Deletes with undo: the articles leave every view at once and their metadata is saved without them; their
   * folders stay until the undo window ends (or the library closes). After a crash inside the window, the
   * folders are orphans and start-up removes them: the delete stands, as it was acknowledged.
   */
  trashMany(ids: readonly string[]): DeleteResult {
    this.assertOpen()
    const articles = this.changes.batch(() => {
      const gone: ArticleMeta[] = []
      for (const id of new Set(ids)) {
        const article = this.table.find(id)
        if (!article) continue
        this.detach(id)
        gone.push(article)
      }
      return gone
    })
    return this.trash.put(articles)
  }

  /** Brings back the articles of a delete still in its undo window; returns their ids. */
  undoTrash(token: string): string[] {
    this.assertOpen()
    const articles = this.trash.take(token)
    this.changes.batch(() => {
      for (const article of articles) if (!this.table.has(article.id)) this.insert(article)
    })
    return articles.map((a) => a.id)
  }

  /** The stored, sanitized HTML; a missing file flags the article (announced) and is a NOT_FOUND error. */
  async readContent(id: string): Promise<string> {
    const article = this.get(id)
    const html = await this.content.readHtml(id)
    if (html !== null) return html
    if (!article.contentMissing) {
      // Derived, like the check at open: shown in every view from now on, not saved.
      article.contentMissing = true
      this.changes.recordUpdated(id, ['contentMissing'])
    }
    throw new LecternError(
      'NOT_FOUND',
      'The text of this article is missing from the library folder; download it again to read it.'
    )
  }

  /** The article's plain text; a missing content.txt is a NOT_FOUND error that says how to rebuild it. */
  async readText(id: string): Promise<string> {
    this.get(id)
    const text = await this.content.readText(id)
    if (text !== null) return text
    throw new LecternError(
      'NOT_FOUND',
      'The plain text of this article (content.txt) is missing from the library folder; extract the article again to rebuild it.'
    )
  }

  /** The article's plain text as stored (UTF-8). Synchronous on purpose: search reads 20 small files per query (search-service.ts). */
  readTextBytes(id: string): Buffer {
    this.get(id)
    return this.content.readTextBytes(id)
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
    await this.trash.purgeAll()
    this.closed = true
    await this.backups.settled()
    // Only from a library entirely on disk (a change made during the purges would still be pending).
    if (this.saver.pending) return
    const files = [...libraryFiles(this.table.shardCount), ARTICLES_DIR]
    await writeStartPage(this.dataDir, files, {
      query: START_QUERY,
      page: this.query(START_QUERY),
      counts: this.counts()
    }).catch((error: unknown) =>
      console.error('lectern: writing the start page failed (the next start will be slower)', error)
    )
  }

  // ---- internals: the only three ways metadata changes, each saved and announced ----

  private assertOpen(): void {
    if (this.closed) throw new LecternError('INTERNAL', 'The library is closed.')
  }

  private insert(article: ArticleMeta): void {
    this.saved(this.table.insert(article))
    this.changes.recordAdded(article.id)
  }

  private detach(id: string): void {
    this.saved(this.table.remove(id))
    this.changes.recordRemoved(id)
  }

  /** Applies a change in place; false when nothing differed. */
  private apply(article: ArticleMeta, change: ArticleChange): boolean {
    const fields = this.table.apply(article, change)
    if (fields.length === 0) return false
    this.saved(this.table.shardFor(article.id))
    this.changes.recordUpdated(article.id, fields)
    return true
  }

  private saved(shard: number): void {
    this.shards.markDirty(shard)
    this.saver.changed()
  }
}
