import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { textPieces } from '../../shared/segment-words'
import type { ArticleMeta, IndexProgress, SearchHit, SearchResult } from '../../shared/types'
import { loadIndex, saveIndex } from './index-file'
import { InvertedIndex } from './inverted-index'
import { parseQuery } from './parse-query'
import { runQuery } from './run-query'
import { docInfo, fingerprint, type DocInfo } from './search-doc'
import { highlightRanges, makeSnippet, snippetFromBytes } from './snippet'
import { hasCjk, warmSegmenters } from './tokenize'

/** Where the index gets articles: the library's public reads, nothing of its storage format. */
export interface SearchSource {
  all(): readonly ArticleMeta[]
  find(id: string): ArticleMeta | undefined
  /**
   * The article's plain text as stored (articles/<id>/content.txt, UTF-8). Bytes, so snippets can decode
   * only what they show (snippet.ts). Synchronous: a query reads 20 small files, and async reads (open,
   * stat, read, close through the thread pool) took longer than the query itself.
   */
  readTextBytes(id: string): Buffer
}

export interface SearchServiceOptions {
  /** <dataDir>/index */
  indexDir: string
  source: SearchSource
  onProgress?: (progress: IndexProgress) => void
  /**
   * Coalescing delay before changes are written to disk (ms). Long on purpose: a save rewrites the whole
   * file (~200 MB at 50k articles), and nothing is lost without it: at the next start, articles whose
   * metadata fingerprint differs from the saved one are indexed again.
   */
  saveDelayMs?: number
}

export const SEARCH_LIMITS = { defaultLimit: 20, maxLimit: 200, maxOffset: 10_000 }
/**
 * Indexing work between two yields to the event loop during a rebuild or a large update: by time, not by
 * count (64 articles took 40 ms, or over 100 ms with Chinese or Japanese text to segment).
 */
const SLICE_MS = 12
/** Body text indexed in one go; a longer article is indexed in pieces of this size (~2 ms each). */
const BODY_PIECE = 16_384
/** At most this often a progress event (a rebuild at 50k takes ~40 s). */
const PROGRESS_MS = 100
/** More stale articles than this share of the library: rebuild rather than patch. */
const REBUILD_SHARE = 0.5

/**
 * Indexes a sample article into a throwaway index, so that V8 has compiled the indexing code before the
 * library's first change. After loading an index from disk, the first update ran that code in the
 * interpreter: 12.7 ms at 10k articles, 8.1-8.8 ms with this (medians of 8 starts; later updates ~2 ms).
 */
function warmIndexing(): void {
  const sample = 'Lectern keeps every article you save, its text and its images, on this computer (2026). '.repeat(60)
  const scratch = new InvertedIndex()
  for (let i = 0; i < 3; i++) {
    const info = {
      id: `warm-${i}`,
      title: `Warming up ${i}`,
      siteName: 'Lectern',
      byline: null,
      tags: ['warm'],
      lang: 'en'
    }
    const state = {
      state: 'unread',
      favorite: false,
      read: false,
      savedAt: '2026-01-01T00:00:00.000Z',
      publishedAt: null
    } as const
    scratch.add({ ...info, ...state, fingerprint: i, host: 'lectern.invalid' }, sample)
  }
}

/**
 * The search index of one library: loads it from index/ on first use (or rebuilds it, with progress, when
 * it is missing, damaged, from an older format or mostly stale), keeps it in step with the library's
 * changes, and answers queries. The library never depends on it: deleting index/ loses nothing.
 */
export class SearchService {
  private index: InvertedIndex | null = null
  private opening: Promise<void> | null = null
  /** Updates run one after another; a search waits for those queued before it. */
  private queue: Promise<void> = Promise.resolve()
  /** Changes reported before the index is open: applied once it is. */
  private readonly pending = new Set<string>()
  private dirty = false
  private saveTimer: NodeJS.Timeout | null = null
  private saving: Promise<void> = Promise.resolve()
  private closed = false
  /** Open and caught up: changes are applied as they come rather than collected. */
  private ready = false

  constructor(private readonly options: SearchServiceOptions) {}

  /** Opens the index (load, else rebuild); safe to call many times. */
  open(): Promise<void> {
    return (this.opening ??= this.load())
  }

  /** The library changed: re-read these articles (missing ones leave the index). */
  changed(ids: readonly string[]): void {
    if (!this.ready) {
      for (const id of ids) this.pending.add(id)
      return
    }
    this.enqueue(() => this.apply(ids))
  }

  /** Runs a query string (see parse-query.ts) and returns one page of ranked hits with snippets. */
  async search(input: { query: string; limit?: number; offset?: number }): Promise<SearchResult> {
    await this.open()
    await this.queue
    const started = performance.now()
    const index = this.index!
    const limit = Math.min(Math.max(1, Math.floor(input.limit ?? SEARCH_LIMITS.defaultLimit)), SEARCH_LIMITS.maxLimit)
    const offset = Math.min(Math.max(0, Math.floor(input.offset ?? 0)), SEARCH_LIMITS.maxOffset)
    const query = parseQuery(input.query)
    const { source } = this.options
    const reader = { title: (id: string) => source.find(id)?.title ?? '', text: (id: string) => this.readText(id) }
    const page = runQuery(index, query, { limit, offset }, reader)
    const hits: SearchHit[] = []
    for (const { id, score } of page.docs) {
      // The index follows the library through the update queue (awaited above), so the article is there.
      const meta = source.find(id)
      if (!meta) continue
      hits.push({
        id,
        title: meta.title,
        url: meta.url,
        siteName: meta.siteName,
        savedAt: meta.savedAt,
        score,
        titleHighlights: highlightRanges(meta.title, page.highlight),
        snippet: page.texts.has(id)
          ? makeSnippet(page.texts.get(id)!, page.highlight)
          : snippetFromBytes(this.readTextBytes(id), page.highlight)
      })
    }
    return {
      hits,
      total: page.total,
      totalIsEstimate: page.totalIsEstimate,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      sort: page.sort
    }
  }

  /** Throws the index away and builds it again from the library. */
  async rebuild(): Promise<void> {
    await this.open()
    await this.enqueue(() => this.buildAll())
  }

  /** Resolves when every change reported so far is in the index. */
  async whenIdle(): Promise<void> {
    await this.open()
    await this.queue
  }

  /** Articles in the index (for tests and the benchmark). */
  get size(): number {
    return this.index?.live ?? 0
  }

  /** Stops work in progress and writes pending changes. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.opening?.catch(() => undefined)
    await this.queue
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = null
    await this.saving
    if (this.dirty) await this.save()
  }

  /** Writes the index now (the benchmark and tests; normally writes are coalesced). */
  async flush(): Promise<void> {
    await this.queue
    await this.saving
    this.dirty = true
    await this.save()
  }

  private async load(): Promise<void> {
    const { source, indexDir } = this.options
    this.progress({ phase: 'loading', done: 0, total: 1 })
    const loaded = await loadIndex(indexDir)
    if (!loaded) {
      this.index = new InvertedIndex()
      await this.buildAll()
    } else {
      this.index = loaded
      // Catch up with whatever changed while the index was not open (or was not saved before a crash).
      const stale = new Set(this.pending)
      this.pending.clear()
      const present = new Set<string>()
      for (const meta of source.all()) {
        present.add(meta.id)
        const doc = loaded.docs.byId.get(meta.id)
        if (doc === undefined || loaded.docs.fingerprints[doc] !== fingerprint(meta)) stale.add(meta.id)
      }
      for (const id of loaded.docs.byId.keys()) if (!present.has(id)) stale.add(id)
      if (stale.size > Math.max(100, present.size * REBUILD_SHARE)) await this.buildAll()
      else if (stale.size > 0) await this.apply([...stale])
    }
    while (this.pending.size > 0 && !this.closed) {
      const ids = [...this.pending]
      this.pending.clear()
      await this.apply(ids)
    }
    // Terms are kept sorted and CJK sorts last: a library with CJK text gets its segmenter ready now.
    if (hasCjk(this.index.lastTerm())) warmSegmenters()
    warmIndexing()
    this.ready = true
    this.progress({ phase: 'ready', done: this.index.live, total: this.index.live })
  }

  private async buildAll(): Promise<void> {
    const { source } = this.options
    const metas = source.all().slice()
    const fresh = new InvertedIndex()
    const slices = new Slicer((done) => this.progress({ phase: 'rebuilding', done, total: metas.length }))
    this.progress({ phase: 'rebuilding', done: 0, total: metas.length })
    for (let i = 0; i < metas.length && !this.closed; i++) {
      fresh.add(docInfo(metas[i]!), this.readText(metas[i]!.id))
      await slices.after(i + 1)
    }
    this.progress({ phase: 'rebuilding', done: metas.length, total: metas.length })
    if (this.closed) return // an unfinished index is not worth saving: the next start rebuilds
    await fresh.sortTerms(nextTurn)
    this.index = fresh
    // Changes that arrived while building are re-read now.
    const pending = [...this.pending]
    this.pending.clear()
    if (pending.length) await this.apply(pending)
    this.dirty = true
    void this.save() // searches need not wait for the file
  }

  private async apply(ids: readonly string[]): Promise<void> {
    const index = this.index!
    const slices = new Slicer((done) => this.progress({ phase: 'updating', done, total: ids.length }))
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!
      const meta = this.options.source.find(id)
      if (!meta) index.remove(id)
      else await this.addInPieces(index, docInfo(meta), this.readText(id), slices, i)
      await slices.after(i + 1)
    }
    // Retired numbers cost memory and file space until compacted; compacting walks every posting (~100 ms at 50k).
    if (index.retired > Math.max(1000, index.live / 4)) index.compact()
    this.dirty = true
    this.scheduleSave()
  }

  /**
   * Adds one article; a long text (a 1 MB encyclopedia entry takes ~150 ms to tokenize) is read a piece at a
   * time, yielding to the event loop between slices so the window never waits on it. Searches wait for the
   * update queue, so none sees the article half-added.
   */
  private async addInPieces(
    index: InvertedIndex,
    info: DocInfo,
    text: string,
    slices: Slicer,
    done: number
  ): Promise<void> {
    if (text.length <= BODY_PIECE) return index.add(info, text)
    index.startBody()
    for (const { piece } of textPieces(text, BODY_PIECE)) {
      index.addBodyPiece(piece)
      await slices.after(done)
    }
    index.finishAdd(info)
  }

  /** An article's text, or '' when its file is missing (it is then found by its metadata only). */
  private readText(id: string): string {
    return this.readTextBytes(id).toString('utf8')
  }

  private readTextBytes(id: string): Buffer {
    try {
      return this.options.source.readTextBytes(id)
    } catch {
      return Buffer.alloc(0)
    }
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task)
    this.queue = run.catch((error) => console.error('lectern: search index update failed', error))
    return run
  }

  private scheduleSave(): void {
    if (this.closed || this.saveTimer) return
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null
      void this.save()
    }, this.options.saveDelayMs ?? 30_000)
    this.saveTimer.unref()
  }

  /**
   * Writes the index as it is now, outside the update queue: searches and updates go on while the file is
   * written (saveIndex takes a consistent snapshot first). One save at a time; resolves when done.
   */
  private save(): Promise<void> {
    const run = this.saving.then(async () => {
      if (!this.dirty || !this.index) return
      this.dirty = false
      await saveIndex(this.options.indexDir, this.index).catch((error) => {
        this.dirty = true
        console.error('lectern: could not save the search index', error)
      })
    })
    this.saving = run
    return run
  }

  private progress(progress: IndexProgress): void {
    this.options.onProgress?.(progress)
  }
}

/** Yields to the event loop once a slice of work has taken SLICE_MS, reporting progress now and then. */
class Slicer {
  private started = performance.now()
  private reported = performance.now()

  constructor(private readonly report: (done: number) => void) {}

  /** Call after each unit of work; resolves at once unless the slice is used up. */
  async after(done: number): Promise<void> {
    const now = performance.now()
    if (now - this.started < SLICE_MS) return
    if (now - this.reported >= PROGRESS_MS) {
      this.report(done)
      this.reported = now
    }
    await nextTurn()
    this.started = performance.now()
  }
}

/** The index folder of a data dir. */
export function indexDirOf(dataDir: string): string {
  return join(dataDir, 'index')
}
