import { foldText } from './fold-text'
import type { DocInfo } from './search-doc'

/**
 * What the index keeps of each article, by article number, in columns: typed arrays for numbers and
 * flags, and repeated strings (hosts, sites, authors, languages, tags) as numbers into one string table.
 * One object per article with a dozen string fields was ~40 MB at 50k articles and most of what made
 * loading slow (a large JSON of objects to parse); columns are ~2 MB and load as binary.
 *
 * Titles, addresses and dates for display are not kept here: results read them from the library.
 */
export const ARCHIVED = 1
export const FAVORITE = 2
export const READ = 4

/** Interned strings: each distinct value stored once, referred to by number. */
export class StringTable {
  readonly values: string[] = []
  private readonly numbers = new Map<string, number>()

  constructor(values: readonly string[] = []) {
    for (const value of values) this.intern(value)
  }

  intern(value: string): number {
    let n = this.numbers.get(value)
    if (n === undefined) {
      n = this.values.length
      this.values.push(value)
      this.numbers.set(value, n)
    }
    return n
  }

  /** The number of a value, if any article has (or had) it. */
  find(value: string): number | undefined {
    return this.numbers.get(value)
  }
}

const NO_TAGS: readonly number[] = Object.freeze([])

/** The numeric columns, in the order index-file.ts writes them. */
export const U32_COLUMNS = ['fingerprints', 'lengths', 'host', 'site', 'author', 'lang'] as const
export const F64_COLUMNS = ['savedMs', 'publishedMs'] as const

export class DocTable {
  /** By article number; null for a retired number. */
  readonly ids: (string | null)[] = []
  readonly byId = new Map<string, number>()
  readonly strings: StringTable
  readonly tags: (readonly number[])[] = []
  /** 1 while the number is live: the query loop skips retired numbers without touching objects. */
  alive = new Uint8Array(1024)
  flags = new Uint8Array(1024)
  /** Hash of the searchable metadata (search-doc.ts): a different value means the index is stale for it. */
  fingerprints = new Uint32Array(1024)
  /** Body length in terms, for BM25's length normalization. */
  lengths = new Uint32Array(1024)
  host = new Uint32Array(1024)
  site = new Uint32Array(1024)
  author = new Uint32Array(1024)
  lang = new Uint32Array(1024)
  savedMs = new Float64Array(1024)
  /** NaN when the publication date is unknown. */
  publishedMs = new Float64Array(1024)
  live = 0
  totalLength = 0

  constructor(strings = new StringTable()) {
    this.strings = strings
  }

  get count(): number {
    return this.ids.length
  }

  /** Appends an article; returns its number. */
  push(info: DocInfo, length: number): number {
    const doc = this.ids.length
    this.grow(doc + 1)
    const s = this.strings
    this.ids.push(info.id)
    this.byId.set(info.id, doc)
    this.tags.push(info.tags.length ? info.tags.map((t) => s.intern(foldText(t))) : NO_TAGS)
    this.alive[doc] = 1
    this.flags[doc] =
      (info.state === 'archived' ? ARCHIVED : 0) | (info.favorite ? FAVORITE : 0) | (info.read ? READ : 0)
    this.fingerprints[doc] = info.fingerprint
    this.lengths[doc] = length
    this.host[doc] = s.intern(info.host)
    this.site[doc] = s.intern(foldText(info.siteName ?? ''))
    this.author[doc] = s.intern(foldText(info.byline ?? ''))
    this.lang[doc] = s.intern((info.lang ?? '').toLowerCase())
    this.savedMs[doc] = Date.parse(info.savedAt) || 0
    this.publishedMs[doc] = info.publishedAt ? Date.parse(info.publishedAt) || Number.NaN : Number.NaN
    this.live++
    this.totalLength += length
    return doc
  }

  /** Retires an article's number; false when the article is not in the table. */
  retire(id: string): boolean {
    const doc = this.byId.get(id)
    if (doc === undefined) return false
    this.byId.delete(id)
    this.ids[doc] = null
    this.alive[doc] = 0
    this.live--
    this.totalLength -= this.lengths[doc]!
    return true
  }

  /**
   * Keeps the live numbers, densely, in order, and returns the renumbering (`[old]` is the new number
   * or -1), or null when no number is retired. In place: a live number never moves up.
   */
  compact(): Int32Array | null {
    if (this.live === this.ids.length) return null
    const renumber = new Int32Array(this.ids.length).fill(-1)
    const u32 = U32_COLUMNS.map((c) => this[c])
    const f64 = F64_COLUMNS.map((c) => this[c])
    let next = 0
    for (let doc = 0; doc < this.ids.length; doc++) {
      if (this.ids[doc] === null) continue
      renumber[doc] = next
      this.ids[next] = this.ids[doc]!
      this.tags[next] = this.tags[doc]!
      this.flags[next] = this.flags[doc]!
      for (const column of u32) column[next] = column[doc]!
      for (const column of f64) column[next] = column[doc]!
      this.byId.set(this.ids[next]!, next)
      next++
    }
    this.ids.length = next
    this.tags.length = next
    this.alive.fill(0)
    this.alive.fill(1, 0, next)
    return renumber
  }

  /** Restores saved columns (index-file.ts; a null id is a retired number): copied into arrays with room to grow. */
  static restore(
    strings: StringTable,
    ids: (string | null)[],
    tags: number[][],
    flags: Uint8Array,
    u32: Record<(typeof U32_COLUMNS)[number], Uint32Array>,
    f64: Record<(typeof F64_COLUMNS)[number], Float64Array>
  ): DocTable {
    const table = new DocTable(strings)
    const n = ids.length
    table.grow(n)
    table.flags.set(flags)
    for (const c of U32_COLUMNS) table[c].set(u32[c])
    for (const c of F64_COLUMNS) table[c].set(f64[c])
    ids.forEach((id, doc) => {
      table.ids.push(id)
      table.tags.push(tags[doc]?.length ? tags[doc]! : NO_TAGS)
      if (id === null) return
      table.byId.set(id, doc)
      table.alive[doc] = 1
      table.live++
      table.totalLength += table.lengths[doc]!
    })
    return table
  }

  private grow(size: number): void {
    if (size <= this.alive.length) return
    const capacity = Math.max(size, Math.ceil(this.alive.length * 1.5))
    const copy = <T extends Uint8Array | Uint32Array | Float64Array>(from: T, make: (n: number) => T): T => {
      const to = make(capacity)
      to.set(from)
      return to
    }
    this.alive = copy(this.alive, (n) => new Uint8Array(n))
    this.flags = copy(this.flags, (n) => new Uint8Array(n))
    for (const c of U32_COLUMNS) this[c] = copy(this[c], (n) => new Uint32Array(n))
    for (const c of F64_COLUMNS) this[c] = copy(this[c], (n) => new Float64Array(n))
  }
}
