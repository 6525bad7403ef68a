import { DocTable } from './doc-table'
import { buildPairFilter, PairFilterStore } from './pair-filter'
import type { DocInfo } from './search-doc'
import { TermDictionary } from './term-dictionary'
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

const EMPTY = new Uint32Array(0)
/** Bodies without any character above U+007F take the allocation-free scanner (term-dictionary.ts). */
const NOT_ASCII = /[\u0080-\uffff]/

export class InvertedIndex {
  /** Term ↔ id, with each term's hash (term-dictionary.ts). */
  private readonly dictionary: TermDictionary
  /**
   * Each term's postings come in two parts: `lists[t]`, exact-size (after loading, views into the file
   * buffer), then `tails[t]` (the first `tailSizes[t]` entries), where new postings are appended. Article
   * numbers only grow, so the two together stay in order; appending never copies a loaded list (the
   * first update after a start used to copy every list it touched: 90 ms at 50k articles).
   */
  readonly lists: Uint32Array[] = []
  readonly tails: Uint32Array[] = []
  tailSizes = new Uint32Array(1024)
  /** Per-article columns, by article number. */
  readonly docs: DocTable
  /** By article number: the word-pair filter of its title and body (pair-filter.ts), for phrases. */
  readonly pairFilters: PairFilterStore
  /** Term ids in term order (prefix search, saving), kept up to date once made; null while building. */
  private sorted: number[] | null = null
  /** Occurrence bits of each term in the article being added (zeroed after each add). */
  private scratch = new Uint16Array(1024)
  /** Term hashes of the article being added, in order, for its pair filter. */
  private sequence = new Uint32Array(4096)
  /** Saves in progress (see holdCompaction). */
  private holds = 0
  /** Term ids of the body being added (-1 for a word too long to index), and how many so far. */
  private bodyIds = new Int32Array(4096)
  private bodyCount = 0

  constructor(docs = new DocTable(), pairFilters = new PairFilterStore(), dictionary = new TermDictionary()) {
    this.docs = docs
    this.pairFilters = pairFilters
    this.dictionary = dictionary
    this.termsAdded()
  }

  /** Terms by id. */
  get terms(): readonly string[] {
    return this.dictionary.terms
  }

  /** Indexes an article's metadata and body text, replacing its previous version. */
  add(info: DocInfo, body: string): void {
    this.startBody()
    this.addBodyPiece(body)
    this.finishAdd(info)
  }

  /**
   * Starts an article's body given in pieces (addBodyPiece, then finishAdd): a very long article is then
   * indexed a piece at a time, with other work between pieces. Pieces must be cut between words.
   */
  startBody(): void {
    this.bodyCount = 0
  }

  /** Reads the next piece of the body being added. */
  addBodyPiece(piece: string): void {
    this.bodyCount += this.bodyTermIds(piece, this.bodyCount)
  }

  /** Indexes the article with the body given since startBody, replacing its previous version. */
  finishAdd(info: DocInfo): void {
    this.remove(info.id)
    // Per-article counts in a scratch array by term id (one dictionary lookup per word, not two).
    const touched: number[] = []
    let length = 0
    const bodyCount = this.bodyCount
    const bodyIds = this.bodyIds
    const titleTerms = indexTerms(info.title)
    if (this.sequence.length < bodyCount + titleTerms.length + 1)
      this.sequence = new Uint32Array((bodyCount + titleTerms.length) * 2)
    const sequence = this.sequence
    const hashes = this.dictionary.hashes
    let n = 0
    for (const term of titleTerms) {
      if (term.length > MAX_TERM_LENGTH) {
        sequence[n++] = 0
        continue
      }
      const id = this.termId(term)
      sequence[n++] = hashes[id]!
      const bits = this.scratch[id]!
      if (bits === 0) touched.push(id)
      if (((bits >>> TITLE_SHIFT) & TITLE_MASK) < TITLE_MASK) this.scratch[id] = bits + (1 << TITLE_SHIFT)
    }
    sequence[n++] = 0 // no pair across the end of the title
    for (let i = 0; i < bodyCount; i++) {
      const id = bodyIds[i]!
      if (id < 0) {
        sequence[n++] = 0
        continue
      }
      length++
      sequence[n++] = hashes[id]!
      const bits = this.scratch[id]!
      if (bits === 0) touched.push(id)
      if ((bits & BODY_MASK) < BODY_MASK) this.scratch[id] = bits + 1
    }
    for (const term of indexTerms([info.byline ?? '', info.siteName ?? '', info.host, ...info.tags].join('\n'))) {
      if (term.length > MAX_TERM_LENGTH) continue
      const id = this.termId(term)
      const bits = this.scratch[id]!
      if (bits === 0) touched.push(id)
      this.scratch[id] = bits | META_BIT
    }
    if (this.docs.count >= MAX_DOCS) this.compact()
    const doc = this.docs.push(info, length)
    this.pairFilters.set(doc, buildPairFilter(sequence, n))
    for (const id of touched) {
      this.append(id, doc * DOC_FACTOR + this.scratch[id]!)
      this.scratch[id] = 0
    }
  }

  /** Retires an article's number; its postings are skipped from now on and dropped by compact(). */
  remove(id: string): boolean {
    return this.docs.retire(id)
  }

  /** The id of a term, if any article ever had it. */
  lookup(term: string): number | undefined {
    return this.dictionary.lookup(term)
  }

  get live(): number {
    return this.docs.live
  }

  get retired(): number {
    return this.docs.count - this.docs.live
  }

  averageLength(): number {
    return this.docs.live > 0 ? Math.max(1, this.docs.totalLength / this.docs.live) : 1
  }

  /** Document frequency of a term (retired articles included until compaction: an approximation BM25 tolerates). */
  frequency(termId: number): number {
    return (this.lists[termId]?.length ?? 0) + (this.tailSizes[termId] ?? 0)
  }

  /**
   * Terms that start with `prefix`, the most frequent first, at most `max` terms and about `budget`
   * postings in all (a two-letter prefix would otherwise pull in most of the library).
   */
  prefixTerms(prefix: string, max: number, budget = Infinity): number[] {
    const sorted = this.sortedIds()
    const terms = this.terms
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (terms[sorted[mid]!]! < prefix) lo = mid + 1
      else hi = mid
    }
    const found: number[] = []
    for (let i = lo; i < sorted.length && terms[sorted[i]!]!.startsWith(prefix); i++) {
      const id = sorted[i]!
      if (this.frequency(id) > 0) found.push(id)
      if (found.length > 4096) break // a one-letter prefix: enough to pick the frequent ones from
    }
    found.sort((a, b) => this.frequency(b) - this.frequency(a))
    if (found.length > max) found.length = max
    let postings = 0
    const kept: number[] = []
    for (const id of found) {
      if (kept.length > 0 && postings + this.frequency(id) > budget) continue
      kept.push(id)
      postings += this.frequency(id)
    }
    return kept
  }

  /**
   * Holds compaction off (while a save writes views of the lists) until the returned function is called;
   * a compaction asked for meanwhile happens at the next one.
   */
  holdCompaction(): () => void {
    this.holds++
    return () => void this.holds--
  }

  /** Renumbers articles densely and drops retired postings (in place: lists shrink to views of themselves). */
  compact(): void {
    if (this.holds > 0) return
    const renumber = this.docs.compact()
    if (!renumber) return
    const keep = (list: Uint32Array, size: number): number => {
      let kept = 0
      for (let i = 0; i < size; i++) {
        const posting = list[i]!
        const doc = renumber[Math.floor(posting / DOC_FACTOR)]!
        if (doc >= 0) list[kept++] = doc * DOC_FACTOR + (posting % DOC_FACTOR)
      }
      return kept
    }
    for (let t = 0; t < this.lists.length; t++) {
      const list = this.lists[t]!
      if (list.length > 0) this.lists[t] = list.subarray(0, keep(list, list.length))
      if (this.tailSizes[t]! > 0) this.tailSizes[t] = keep(this.tails[t]!, this.tailSizes[t]!)
    }
    this.pairFilters.renumber(renumber)
  }

  /** Restores a saved index (index-file.ts): docs dense, terms sorted, lists exact-size views. */
  static restore(docs: DocTable, terms: string[], lists: Uint32Array[], filters: PairFilterStore): InvertedIndex {
    const index = new InvertedIndex(docs, filters, TermDictionary.restore(terms))
    lists.forEach((list, i) => (index.lists[i] = list))
    index.sorted = terms.map((_, id) => id) // saved in term order
    return index
  }

  /** The ids of a body's words into `bodyIds`; returns the count. */
  /** Writes the term ids of a piece of body text to bodyIds from index `from`; returns how many. */
  private bodyTermIds(body: string, from: number): number {
    this.bodyRoom(from + Math.ceil(body.length / 2) + 1)
    if (!NOT_ASCII.test(body)) {
      const count = this.dictionary.scanAscii(body, this.bodyIds, from)
      this.termsAdded()
      return count
    }
    const terms = indexTerms(body)
    this.bodyRoom(from + terms.length)
    for (let i = 0; i < terms.length; i++)
      this.bodyIds[from + i] = terms[i]!.length > MAX_TERM_LENGTH ? -1 : this.termId(terms[i]!)
    return terms.length
  }

  /** Makes bodyIds hold at least `size` ids, keeping the ones written so far. */
  private bodyRoom(size: number): void {
    if (this.bodyIds.length < size) this.bodyIds = grown(this.bodyIds, new Int32Array(size * 2 + 1024))
  }

  private termId(term: string): number {
    const id = this.dictionary.intern(term)
    if (id >= this.lists.length) this.termsAdded()
    return id
  }

  /** Gives terms new to the dictionary their (empty) posting lists, scratch room and sorted place. */
  private termsAdded(): void {
    const terms = this.dictionary.terms
    if (this.lists.length === terms.length) return
    if (terms.length > this.scratch.length) {
      const size = Math.max(terms.length, this.scratch.length * 2)
      this.scratch = grown(this.scratch, new Uint16Array(size))
      this.tailSizes = grown(this.tailSizes, new Uint32Array(size))
    }
    for (let id = this.lists.length; id < terms.length; id++) {
      this.lists.push(EMPTY)
      this.tails.push(EMPTY)
      if (this.sorted) insertSorted(this.sorted, id, terms)
    }
  }

  private append(termId: number, posting: number): void {
    let tail = this.tails[termId]!
    const size = this.tailSizes[termId]!
    if (size === tail.length) {
      this.tails[termId] = tail = grown(
        tail,
        new Uint32Array(Math.max(4, size < 1024 ? size * 2 : Math.ceil(size * 1.25)))
      )
    }
    tail[size] = posting
    this.tailSizes[termId] = size + 1
  }

  /** The last term in sort order ('' for an empty index). */
  lastTerm(): string {
    const sorted = this.sortedIds()
    return sorted.length ? this.terms[sorted[sorted.length - 1]!]! : ''
  }

  /** Ids of the terms some article has, in term order (what the index file stores). */
  termIdsInOrder(): number[] {
    return this.sortedIds().filter((id) => this.frequency(id) > 0)
  }

  /**
   * Sorts the term list, if it is not kept sorted yet (a fresh build), in pieces with turns of the event
   * loop between them: sorting 60k terms at once held it ~100 ms before the first save.
   */
  async sortTerms(pause: () => Promise<void>): Promise<void> {
    if (this.sorted) return
    const terms = this.terms
    const PIECE = 8192
    let runs: number[][] = []
    for (let i = 0; i < terms.length; i += PIECE) {
      runs.push(
        Array.from({ length: Math.min(PIECE, terms.length - i) }, (_, k) => i + k).sort((a, b) =>
          compareTerms(terms, a, b)
        )
      )
      await pause()
    }
    while (runs.length > 1) {
      const merged: number[][] = []
      for (let i = 0; i < runs.length; i += 2)
        merged.push(i + 1 < runs.length ? mergeSorted(runs[i]!, runs[i + 1]!, terms) : runs[i]!)
      runs = merged
      await pause()
    }
    // Terms added while this ran are not in the runs: then sort at once.
    this.sorted = runs[0]?.length === terms.length ? runs[0] : null
  }

  private sortedIds(): number[] {
    return (this.sorted ??= this.terms.map((_, id) => id).sort((a, b) => compareTerms(this.terms, a, b)))
  }
}

function grown<T extends Uint16Array | Uint32Array | Int32Array>(from: T, to: T): T {
  to.set(from)
  return to
}

function compareTerms(terms: readonly string[], a: number, b: number): number {
  return terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0
}

function mergeSorted(a: number[], b: number[], terms: readonly string[]): number[] {
  const out: number[] = new Array(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) out[k++] = compareTerms(terms, a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!
  while (i < a.length) out[k++] = a[i++]!
  while (j < b.length) out[k++] = b[j++]!
  return out
}

/** Inserts a term id at its place in term order. */
function insertSorted(sorted: number[], id: number, terms: readonly string[]): void {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (terms[sorted[mid]!]! < terms[id]!) lo = mid + 1
    else hi = mid
  }
  sorted.splice(lo, 0, id)
}
