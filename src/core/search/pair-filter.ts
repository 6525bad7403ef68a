import { MAX_TERM_LENGTH } from './tokenize'

/**
 * Which word pairs an article contains, as a small Bloom filter per article (8 bits per distinct pair,
 * 5 probes: ~2% false positives). Phrase queries use it to drop most candidates before reading
 * any text, which keeps phrase search fast without storing word positions (4x the index size).
 *
 * Pairs are hashed from their two terms' hashes (termHash, computed once per term by the index), so
 * building a filter is integer work only: hashing every pair as a string was a third of a rebuild.
 */
const BITS_PER_PAIR = 8
const PROBES = 5

/** FNV-1a of a term, never 0 (0 marks a break in a term sequence). */
export function termHash(term: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193)
  return h >>> 0 || 1
}

/** murmur3's finalizer: spreads a 32-bit value over all bits. */
function mix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** Bit `k` of a pair's probes: double hashing, mapped onto the filter by multiplying (no division). */
function probeBit(h1: number, h2: number, k: number, bits: number): number {
  return Math.floor(((h1 + Math.imul(k, h2)) >>> 0) * bits * 2.3283064365386963e-10)
}

function pairKey(a: number, b: number): number {
  return mix(Math.imul(a, 0x9e3779b1) ^ b)
}

let keys = new Uint32Array(4096)

/**
 * The filter of a sequence of term hashes (consecutive pairs; a 0 breaks the sequence, for terms that
 * are not indexed), or an empty array when there is no pair.
 */
export function buildPairFilter(hashes: Uint32Array, count: number): Uint8Array {
  if (keys.length < count) keys = new Uint32Array(count * 2)
  let n = 0
  for (let i = 1; i < count; i++) {
    const a = hashes[i - 1]!
    const b = hashes[i]!
    if (a !== 0 && b !== 0) keys[n++] = pairKey(a, b)
  }
  if (n === 0) return new Uint8Array(0)
  // Sized by distinct pairs: sort the keys and count the changes.
  const sorted = keys.subarray(0, n).sort()
  let distinct = 1
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++
  const filter = new Uint8Array(Math.max(8, Math.ceil((distinct * BITS_PER_PAIR) / 8)))
  const bits = filter.length * 8
  for (let i = 0; i < n; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue
    const h1 = sorted[i]!
    const h2 = mix(h1 ^ 0x5bd1e995) | 1
    for (let k = 0; k < PROBES; k++) {
      const bit = probeBit(h1, h2, k, bits)
      filter[bit >>> 3] = filter[bit >>> 3]! | (1 << (bit & 7))
    }
  }
  return filter
}

/** A pair of folded terms to look for, hashed once per query; null when filters cannot rule it out. */
export function pairProbe(a: string, b: string): { h1: number; h2: number } | null {
  // Terms too long to be indexed were never put in filters.
  if (a.length > MAX_TERM_LENGTH || b.length > MAX_TERM_LENGTH) return null
  const h1 = pairKey(termHash(a), termHash(b))
  return { h1, h2: mix(h1 ^ 0x5bd1e995) | 1 }
}

/** False when the article certainly does not contain the probed pair. */
export function mayContainPair(filter: Uint8Array, { h1, h2 }: { h1: number; h2: number }): boolean {
  if (filter.length === 0) return false
  const bits = filter.length * 8
  for (let k = 0; k < PROBES; k++) {
    const bit = probeBit(h1, h2, k, bits)
    if ((filter[bit >>> 3]! & (1 << (bit & 7))) === 0) return false
  }
  return true
}
