import { searchDoc, type DocInfo, type SearchDoc } from './search-doc'
import { buildPairFilter } from './pair-filter'
import { indexTerms, MAX_TERM_LENGTH } from './tokenize'

/**
 * The in-memory inverted index. One posting per (term, article) is one uint32: the article's number in
 * the upper 22 bits, and in the lower 10 how the term occurs there: body count (0..127), title count
 * (0..3) and whether it is in the byline, site or tags. At 50k articles of ~900 words that is about
 * 22M postings = 90 MB, against 1+ GB for general-purpose engines that keep positions and objects.
 * Phrases are checked against the article text instead of stored positions (run-query.ts).
 *
 * Updates: a changed or deleted article's number is retired (a tombstone) and the new version gets the
 * next number, so posting lists stay sorted by appending. compact() renumbers when tombstones pile up.
 */
export const DOC_SHIFT = 10
const DOC_FACTOR = 1 << DOC_SHIFT
export const BODY_MASK = 0x7f
export const TITLE_SHIFT = 7
export const TITLE_MASK = 0x3
export const META_BIT = 1 << 9
/** Article numbers fit in 22 bits; compact() renumbers long before that. */
export const MAX_DOCS = 1 << 22

export class InvertedIndex {
  /**
   * Term → id. A null-prototype object, not a Map: V8 internalizes the key and looks it up about twice
   * as fast for the fresh strings a tokenizer produces (measured: 2M lookups, 180 ms against 440 ms).
   */
  private readonly dictionary: Record<string, number> = Object.create(null) as Record<string, number>
  readonly terms: string[] = []
  readonly lists: Uint32Array[] = []
  readonly sizes: number[] = []
  /** By article number; null for a retired number. */
  readonly docs: (SearchDoc | null)[] = []
  /** By article number: the word-pair filter of its title and body (pair-filter.ts), for phrases. */
  readonly pairFilters: (Uint8Array | null)[] = []
  readonly idToDoc = new Map<string, number>()
  /** By article number, for the query loop (typed arrays, no object access per posting): 1 if live. */
  alive = new Uint8Array(1024)
  /** By article number: body length in terms. */
  lengths = new Uint32Array(1024)
  live = 0
  totalLength = 0
  private sorted: string[] | null = null
  /** Occurrence bits of each term in the article being added (zeroed after each add). */
  private scratch = new Uint16Array(1024)

  /** Indexes an article's metadata and body text, replacing its previous version. */
  add(info: DocInfo, body: string): void {
    this.remove(info.id)
    // Per-article counts in a scratch array by term id (one Map lookup per word, not two).
    const touched: number[] = []
    let length = 0
    const bodyTerms = indexTerms(body)
    const titleTerms = indexTerms(info.title)
    const pairs = buildPairFilter(titleTerms.length ? [...titleTerms, ...bodyTerms] : bodyTerms)
    for (const term of bodyTerms) {
      if (term.length > MAX_TERM_LENGTH) continue
      length++
      const id = this.termId(term)
      const bits = this.scratch[id]!
      if (bits === 0) touched.push(id)
      if ((bits & BODY_MASK) < BODY_MASK) this.scratch[id] = bits + 1
    }
    for (const term of titleTerms) {
      if (term.length > MAX_TERM_LENGTH) continue
      const id = this.termId(term)
      const bits = this.scratch[id]!
      if (bits === 0) touched.push(id)
      if (((bits >>> TITLE_SHIFT) & TITLE_MASK) < TITLE_MASK) this.scratch[id] = bits + (1 << TITLE_SHIFT)
    }
    for (const term of indexTerms([info.byline ?? '', info.siteName ?? '', info.host, ...info.tags].join('\n'))) {
      if (term.length > MAX_TERM_LENGTH) continue
      const id = this.termId(term)
      const bits = this.scratch[id]!
      if (bits === 0) touched.push(id)
      this.scratch[id] = bits | META_BIT
    }
    if (this.docs.length >= MAX_DOCS) this.compact()
    const doc = this.docs.length
    this.docs.push(searchDoc({ ...info, length }))
    this.pairFilters.push(pairs)
    this.track(doc, length)
    this.idToDoc.set(info.id, doc)
    this.live++
    this.totalLength += length
    for (const id of touched) {
      this.append(id, doc * DOC_FACTOR + this.scratch[id]!)
      this.scratch[id] = 0
    }
  }

  /** Retires an article's number; its postings are skipped from now on and dropped by compact(). */
  remove(id: string): boolean {
    const doc = this.idToDoc.get(id)
    if (doc === undefined) return false
    this.totalLength -= this.docs[doc]!.length
    this.docs[doc] = null
    this.pairFilters[doc] = null
    this.alive[doc] = 0
    this.idToDoc.delete(id)
    this.live--
    return true
  }

  /** The id of a term, if any article ever had it. */
  lookup(term: string): number | undefined {
    return this.dictionary[term]
  }

  get retired(): number {
    return this.docs.length - this.live
  }

  doc(number: number): SearchDoc | null {
    return this.docs[number] ?? null
  }

  averageLength(): number {
    return this.live > 0 ? Math.max(1, this.totalLength / this.live) : 1
  }

  /** Document frequency of a term (retired articles included until compaction: an approximation BM25 tolerates). */
  frequency(termId: number): number {
    return this.sizes[termId] ?? 0
  }

  /**
   * Terms that start with `prefix`, the most frequent first, at most `max` terms and about `budget`
   * postings in all (a two-letter prefix would otherwise pull in most of the library).
   */
  prefixTerms(prefix: string, max: number, budget = Infinity): number[] {
    const sorted = this.sortedTerms()
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (sorted[mid]! < prefix) lo = mid + 1
      else hi = mid
    }
    const found: number[] = []
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) {
      const id = this.dictionary[sorted[i]!]!
      if (this.sizes[id]! > 0) found.push(id)
      if (found.length > 4096) break // a one-letter prefix: enough to pick the frequent ones from
    }
    found.sort((a, b) => this.sizes[b]! - this.sizes[a]!)
    if (found.length > max) found.length = max
    let postings = 0
    const kept: number[] = []
    for (const id of found) {
      if (kept.length > 0 && postings + this.sizes[id]! > budget) continue
      kept.push(id)
      postings += this.sizes[id]!
    }
    return kept
  }

  /** Renumbers articles densely and drops retired postings. */
  compact(): void {
    const renumber = new Int32Array(this.docs.length).fill(-1)
    let next = 0
    for (let doc = 0; doc < this.docs.length; doc++) if (this.docs[doc]) renumber[doc] = next++
    if (next === this.docs.length) return
    for (let t = 0; t < this.lists.length; t++) {
      const list = this.lists[t]!
      const size = this.sizes[t]!
      let kept = 0
      for (let i = 0; i < size; i++) {
        const posting = list[i]!
        const doc = renumber[Math.floor(posting / DOC_FACTOR)]!
        if (doc >= 0) list[kept++] = doc * DOC_FACTOR + (posting % DOC_FACTOR)
      }
      this.sizes[t] = kept
    }
    const docs = this.docs.filter((d): d is SearchDoc => d !== null)
    const filters = this.pairFilters.filter((f, i) => this.docs[i] !== null)
    this.docs.length = 0
    this.docs.push(...docs)
    this.pairFilters.length = 0
    this.pairFilters.push(...filters)
    this.idToDoc.clear()
    this.alive.fill(0)
    docs.forEach((d, i) => {
      this.idToDoc.set(d.id, i)
      this.track(i, d.length)
    })
  }

  /** Restores a saved index (index-file.ts): docs dense, terms sorted, lists exact-size views. */
  static restore(docs: DocInfo[], terms: string[], lists: Uint32Array[], filters: Uint8Array[]): InvertedIndex {
    const index = new InvertedIndex()
    index.pairFilters.push(...filters)
    for (const info of docs) {
      index.idToDoc.set(info.id, index.docs.length)
      index.track(index.docs.length, info.length)
      index.docs.push(searchDoc(info))
      index.totalLength += info.length
    }
    index.live = docs.length
    terms.forEach((term, i) => {
      index.dictionary[term] = i
      index.terms.push(term)
      index.lists.push(lists[i]!)
      index.sizes.push(lists[i]!.length)
    })
    index.sorted = terms.slice()
    index.scratch = new Uint16Array(Math.max(1024, terms.length * 2))
    return index
  }

  private track(doc: number, length: number): void {
    if (doc >= this.alive.length) {
      const size = Math.max(doc + 1, this.alive.length * 2)
      const alive = new Uint8Array(size)
      alive.set(this.alive)
      this.alive = alive
      const lengths = new Uint32Array(size)
      lengths.set(this.lengths)
      this.lengths = lengths
    }
    this.alive[doc] = 1
    this.lengths[doc] = length
  }

  private termId(term: string): number {
    let id = this.dictionary[term]
    if (id === undefined) {
      id = this.terms.length
      this.dictionary[term] = id
      this.terms.push(term)
      this.lists.push(new Uint32Array(2))
      this.sizes.push(0)
      if (id >= this.scratch.length) {
        const grown = new Uint16Array(this.scratch.length * 2)
        grown.set(this.scratch)
        this.scratch = grown
      }
      if (this.sorted) insertSorted(this.sorted, term)
    }
    return id
  }

  private append(termId: number, posting: number): void {
    let list = this.lists[termId]!
    const size = this.sizes[termId]!
    if (size === list.length) {
      const grown = new Uint32Array(Math.max(4, size < 1024 ? size * 2 : Math.ceil(size * 1.25)))
      grown.set(list)
      this.lists[termId] = list = grown
    }
    list[size] = posting
    this.sizes[termId] = size + 1
  }

  private sortedTerms(): string[] {
    return (this.sorted ??= this.terms.slice().sort())
  }

  /** Drops the sorted-term cache while building from scratch (one sort at the end beats 100k inserts). */
  forgetSortedTerms(): void {
    this.sorted = null
  }
}

function insertSorted(sorted: string[], term: string): void {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < term) lo = mid + 1
    else hi = mid
  }
  sorted.splice(lo, 0, term)
}
