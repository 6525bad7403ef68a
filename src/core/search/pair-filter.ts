/**
 * Which word pairs an article contains, as a small Bloom filter per article (8 bits per distinct pair,
 * 5 probes: ~2% false positives). Phrase queries use it to drop most candidates before reading
 * any text, which keeps phrase search fast without storing word positions (4x the index size).
 */
const BITS_PER_PAIR = 8
const PROBES = 5

function pairHash(a: string, b: string, seed: number): number {
  let h = seed
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193)
  h = Math.imul(h ^ 0x20, 0x01000193)
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** The filter of a sequence of terms (consecutive pairs), or an empty array for fewer than two terms. */
export function buildPairFilter(terms: readonly string[]): Uint8Array {
  if (terms.length < 2) return new Uint8Array(0)
  const pairs = new Set<string>()
  for (let i = 1; i < terms.length; i++) pairs.add(`${terms[i - 1]}\u0001${terms[i]}`)
  const bytes = Math.max(8, Math.ceil((pairs.size * BITS_PER_PAIR) / 8))
  const filter = new Uint8Array(bytes)
  const bits = bytes * 8
  for (const pair of pairs) {
    const split = pair.indexOf('\u0001')
    probe(pair.slice(0, split), pair.slice(split + 1), bits, (bit) => (filter[bit >>> 3]! |= 1 << (bit & 7)))
  }
  return filter
}

/** False when the article certainly does not contain `a` followed by `b`. */
export function mayContainPair(filter: Uint8Array, a: string, b: string): boolean {
  if (filter.length === 0) return false
  const bits = filter.length * 8
  let all = true
  probe(a, b, bits, (bit) => {
    if ((filter[bit >>> 3]! & (1 << (bit & 7))) === 0) all = false
  })
  return all
}

function probe(a: string, b: string, bits: number, visit: (bit: number) => void): void {
  const h1 = pairHash(a, b, 0x811c9dc5)
  const h2 = pairHash(a, b, 0x9747b28c) | 1
  for (let k = 0; k < PROBES; k++) visit(((h1 + Math.imul(k, h2)) >>> 0) % bits)
}
