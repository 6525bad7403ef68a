import type { ArticleMeta, LibraryCounts, LibraryPage, LibraryQuery, LibrarySort } from '../../shared/types'
import { countLibrary, DEFAULT_PAGE, MAX_PAGE, queryFilter } from './library-query'
import { shardOf } from './shards'
import { SORT_FIELDS, SORT_KEYS, SortedIndex } from './sorted-index'

/** A metadata change: any field but the id. */
export type ArticleChange = Partial<Omit<ArticleMeta, 'id'>>

/**
 * The library's metadata in memory: every article by id and by shard, the sorted orders list queries walk
 * (built on first use), and the cached "all" list and sidebar counts. Knows nothing of files; each change
 * returns the shard it touched, for the store to save.
 */
export class ArticleTable {
  private readonly byId = new Map<string, ArticleMeta>()
  private readonly shards: Map<string, ArticleMeta>[]
  private readonly indexes = new Map<LibrarySort, SortedIndex>()
  private allCache: ArticleMeta[] | null = null
  private countsCache: LibraryCounts | null = null

  constructor(readonly shardCount: number) {
    this.shards = Array.from({ length: shardCount }, () => new Map())
  }

  get size(): number {
    return this.byId.size
  }

  /** Every article (in no particular order). */
  all(): readonly ArticleMeta[] {
    this.allCache ??= [...this.byId.values()]
    return this.allCache
  }

  values(): IterableIterator<ArticleMeta> {
    return this.byId.values()
  }

  find(id: string): ArticleMeta | undefined {
    return this.byId.get(id)
  }

  has(id: string): boolean {
    return this.byId.has(id)
  }

  shardFor(id: string): number {
    return shardOf(id, this.shardCount)
  }

  /** The articles of one shard, as its file holds them. */
  shardArticles(shard: number): ArticleMeta[] {
    return [...(this.shards[shard]?.values() ?? [])]
  }

  /** Places an article read from disk (no sorted order exists yet at open); false when its id is taken. */
  load(article: ArticleMeta): boolean {
    if (this.byId.has(article.id)) return false
    this.byId.set(article.id, article)
    this.shards[this.shardFor(article.id)]?.set(article.id, article)
    return true
  }

  /** Adds an article; returns its shard. */
  insert(article: ArticleMeta): number {
    const shard = this.shardFor(article.id)
    this.byId.set(article.id, article)
    this.shards[shard]?.set(article.id, article)
    for (const index of this.indexes.values()) index.insert(article)
    this.touched(true)
    return shard
  }

  /** Takes an article out; returns its shard. */
  remove(id: string): number {
    const shard = this.shardFor(id)
    this.byId.delete(id)
    this.shards[shard]?.delete(id)
    for (const index of this.indexes.values()) index.remove(id)
    this.touched(true)
    return shard
  }

  /** Applies a change in place (keeping the orders sorted); returns the fields that differed, none if none did. */
  apply(article: ArticleMeta, change: ArticleChange): (keyof ArticleChange)[] {
    const keys = (Object.keys(change) as (keyof ArticleChange)[]).filter((key) => !sameValue(article[key], change[key]))
    if (keys.length === 0) return keys
    const moves = keys.some((key) => SORT_FIELDS.has(key))
    if (moves) for (const index of this.indexes.values()) index.remove(article.id)
    Object.assign(article, change)
    if (moves) for (const index of this.indexes.values()) index.insert(article)
    this.touched(false)
    return keys
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

  /** The articles in one order, built the first time it is asked for. */
  index(sort: LibrarySort): SortedIndex {
    let index = this.indexes.get(sort)
    if (!index) {
      index = SortedIndex.build(SORT_KEYS[sort], this.byId.values())
      this.indexes.set(sort, index)
    }
    return index
  }

  private touched(membership: boolean): void {
    this.countsCache = null
    if (membership) this.allCache = null
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i])
  return a === b
}
