import { termHash } from './pair-filter'
import { MAX_TERM_LENGTH } from './tokenize'

/**
 * Term ↔ id, as an open-addressing hash table over the terms' FNV-1a hashes (the same hash the pair
 * filters use, kept per term). Its reason to exist is `scanAscii`: plain ASCII text (most articles)
 * is split into words and looked up while it is read, character by character, without creating a
 * string for any word already known. Matching words with a regex and looking each string up in an
 * object was over a third of a rebuild (~550 ns a word); this is several times less.
 */
export class TermDictionary {
  readonly terms: string[] = []
  /** termHash of each term, by id. */
  hashes = new Uint32Array(1024)
  /** Slots hold id + 1 (0 = empty); size a power of two, at most half full. */
  private slots = new Int32Array(2048)

  get size(): number {
    return this.terms.length
  }

  /** The id of a term, if known. */
  lookup(term: string): number | undefined {
    const hash = termHash(term)
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!
      if (entry === 0) return undefined
      if (this.hashes[entry - 1] === hash && this.terms[entry - 1] === term) return entry - 1
    }
  }

  /** The id of a term, added if new. */
  intern(term: string): number {
    return this.lookup(term) ?? this.add(term, termHash(term))
  }

  /**
   * Writes the ids of the words of an ASCII text (runs of letters and digits, lowercased) to `out` from
   * index `from`, in order, adding new terms; a word longer than MAX_TERM_LENGTH is written as -1. Returns
   * how many it wrote.
   * The caller makes sure the text is ASCII and `out` has room (at most one word per two characters).
   */
  scanAscii(text: string, out: Int32Array, from = 0): number {
    let count = from
    const length = text.length
    let i = 0
    while (i < length) {
      let c = text.charCodeAt(i)
      if (!isWordChar(c)) {
        i++
        continue
      }
      const start = i
      let hash = 0x811c9dc5
      do {
        if (c >= 65 && c <= 90) c += 32
        hash = Math.imul(hash ^ c, 0x01000193)
        c = ++i < length ? text.charCodeAt(i) : 0
      } while (isWordChar(c))
      if (i - start > MAX_TERM_LENGTH) {
        out[count++] = -1
        continue
      }
      out[count++] = this.find(text, start, i, hash >>> 0 || 1)
    }
    return count - from
  }

  /** Restores terms saved in id order. */
  static restore(terms: readonly string[]): TermDictionary {
    const dictionary = new TermDictionary()
    dictionary.hashes = new Uint32Array(Math.max(1024, terms.length * 2))
    dictionary.slots = new Int32Array(Math.max(2048, 2 ** Math.ceil(Math.log2(terms.length * 2 + 1))))
    for (const term of terms) dictionary.add(term, termHash(term))
    return dictionary
  }

  /** The id of the word text[start, end) (lowercased ASCII), added if new. */
  private find(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!
      if (entry === 0) break
      const id = entry - 1
      if (this.hashes[id] === hash && sameWord(this.terms[id]!, text, start, end)) return id
    }
    return this.add(text.slice(start, end).toLowerCase(), hash)
  }

  private add(term: string, hash: number): number {
    const id = this.terms.length
    this.terms.push(term)
    if (id >= this.hashes.length) {
      const hashes = new Uint32Array(this.hashes.length * 2)
      hashes.set(this.hashes)
      this.hashes = hashes
    }
    this.hashes[id] = hash
    if ((id + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2)
    else this.place(id)
    return id
  }

  private place(id: number): void {
    const mask = this.slots.length - 1
    let slot = this.hashes[id]! & mask
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask
    this.slots[slot] = id + 1
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size)
    for (let id = 0; id < this.terms.length; id++) this.place(id)
  }
}

/** a-z, A-Z, 0-9: what ASCII_WORD in tokenize.ts matches after lowercasing. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)
}

function sameWord(term: string, text: string, start: number, end: number): boolean {
  if (term.length !== end - start) return false
  for (let i = 0; i < term.length; i++) {
    let c = text.charCodeAt(start + i)
    if (c >= 65 && c <= 90) c += 32
    if (term.charCodeAt(i) !== c) return false
  }
  return true
}
