import search from 'approx-string-match'

/**
 * Approximate matching for re-anchoring: filter, then verify. approx-string-match (Myers' bit-parallel
 * algorithm) finds the lowest-error matches in O(n * ceil(k / 32)) for a text of n characters and at most k
 * errors, but then spends O(m) on every tied match to find where it starts, and a repetitive text can tie
 * at nearly every position (200k characters of "abab..." took seconds). So the whole text is only ever
 * scanned by a q-gram filter, O(n), which picks at most a few windows where the pattern's 3-grams are
 * densest; the library verifies those windows only, each a few times the pattern's length. Patterns are at
 * most FULL_QUOTE_LIMIT characters (a longer quote is matched by its head and tail), so the cost of one call
 * is O(n) plus a bounded amount of verification, whatever the text holds.
 */

/** A place in the text and the edit distance between it and what was searched for. */
export interface FuzzyMatch {
  start: number
  end: number
  errors: number
}

/** A candidate place for a quote, with its similarity to the quote (0..1). */
export interface QuoteCandidate {
  start: number
  end: number
  quoteScore: number
}

/** Share of a quote's characters that may differ in a fuzzy match. */
export const MAX_ERROR_RATE = 0.3
/** Quotes up to this long are searched for whole; longer ones by their first and last SEGMENT characters. */
export const FULL_QUOTE_LIMIT = 256
const SEGMENT = 64
/** How far (in characters) the length of a long quote's new place may differ from the quote's own. */
const MAX_LENGTH_DRIFT = 4096
/** Windows verified per search of the whole text, and matches kept per window. */
const MAX_WINDOWS = 8
const MATCHES_PER_WINDOW = 2
const Q = 3
/** A window is verified only if it shares at least this fraction of the best window's 3-grams. */
const RELATIVE_SHARED = 0.5

/** A 16-bit hash of the 3-gram at `i` (false positives only make the filter less selective). */
function gram(text: string, i: number): number {
  const h =
    Math.imul(text.charCodeAt(i), 0x9e3779b1) ^
    Math.imul(text.charCodeAt(i + 1), 0x85ebca77) ^
    Math.imul(text.charCodeAt(i + 2), 0xc2b2ae3d)
  return (h ^ (h >>> 16)) & 0xffff
}

/** The 16-bit hash of every 3-gram of a text (entry i: the one starting at i). Computed once per text. */
export function textGrams(text: string): Uint16Array {
  const grams = new Uint16Array(Math.max(0, text.length - Q + 1))
  for (let i = 0; i < grams.length; i++) grams[i] = gram(text, i)
  return grams
}

// Scratch table of the pattern's 3-grams, reused by every call (and cleared after each) to spare 64 kB a call.
const patternGrams = new Uint8Array(0x10000)

/**
 * Starts of at most `limit` windows of text[from, to), each as long as the pattern, that share the most
 * 3-grams with the pattern: at least m - 2 - 3k (the q-gram lemma's bound for a match with k errors) and at
 * least half as many as the best window. Of a stretch of qualifying starts, only the best start in each
 * half-pattern length counts. Two passes over the text's precomputed 3-grams: O(to - from), no allocation
 * in proportion to the text.
 */
function likelyWindows(
  grams: Uint16Array,
  pattern: string,
  from: number,
  to: number,
  maxErrors: number,
  limit: number
): number[] {
  const m = pattern.length
  const perWindow = m - Q + 1
  const positions = to - from - m + 1
  if (perWindow <= 0 || positions <= 1) return [from]
  const table = patternGrams
  for (let i = 0; i + Q <= m; i++) table[gram(pattern, i)] = 1
  let first = 0
  for (let i = 0; i < perWindow; i++) first += table[grams[from + i]!]!
  let best = first
  let sum = first
  for (let j = 1; j < positions; j++) {
    sum += table[grams[from + j + perWindow - 1]!]! - table[grams[from + j - 1]!]!
    if (sum > best) best = sum
  }
  // Natural text shares common 3-grams ("the", "ing") with any pattern, so windows far below the best one are
  // not worth verifying either.
  const minShared = Math.max(1, perWindow - Q * maxErrors, Math.ceil(best * RELATIVE_SHARED))
  const radius = Math.max(1, m >> 1)
  const peaks: { start: number; shared: number }[] = []
  let stretch = -1
  let peak = { start: -1, shared: -1 }
  sum = first
  for (let j = 0; j < positions; j++) {
    if (j > 0) sum += table[grams[from + j + perWindow - 1]!]! - table[grams[from + j - 1]!]!
    if (sum >= minShared) {
      if (stretch < 0 || j - stretch >= radius) {
        if (stretch >= 0) peaks.push(peak)
        stretch = j
        peak = { start: j, shared: sum }
      } else if (sum > peak.shared) peak = { start: j, shared: sum }
    } else if (stretch >= 0) {
      peaks.push(peak)
      stretch = -1
    }
  }
  if (stretch >= 0) peaks.push(peak)
  for (let i = 0; i + Q <= m; i++) table[gram(pattern, i)] = 0
  peaks.sort((a, b) => b.shared - a.shared || a.start - b.start)
  return peaks.slice(0, limit).map((p) => from + p.start)
}

/** The lowest-error places of `pattern` in text[from, to), in text offsets. */
function verify(text: string, pattern: string, maxErrors: number, from: number, to: number): FuzzyMatch[] {
  const start = Math.max(0, from)
  const end = Math.min(text.length, to)
  if (end <= start || pattern.length === 0) return []
  const window = start === 0 && end === text.length ? text : text.slice(start, end)
  return search(window, pattern, maxErrors).map((m) => ({
    start: m.start + start,
    end: m.end + start,
    errors: m.errors
  }))
}

/**
 * Approximate matches of `pattern` (at most FULL_QUOTE_LIMIT long) in text[from, to) with at most `maxErrors`
 * errors: the best few in each of at most `limit` promising windows (see likelyWindows), so places other than
 * the single best one are found too.
 */
function findApprox(
  text: string,
  grams: Uint16Array,
  pattern: string,
  maxErrors: number,
  from: number,
  to: number,
  limit: number
) {
  const m = pattern.length
  const lo = Math.max(0, from)
  const hi = Math.min(text.length, to)
  const slack = (m >> 2) + maxErrors
  if (hi - lo <= 2 * (m + slack)) return verify(text, pattern, maxErrors, lo, hi).slice(0, limit * MATCHES_PER_WINDOW)
  const matches: FuzzyMatch[] = []
  const seen = new Set<string>()
  for (const start of likelyWindows(grams, pattern, lo, hi, maxErrors, limit)) {
    const found = verify(text, pattern, maxErrors, Math.max(lo, start - slack), Math.min(hi, start + m + slack))
    found.sort((a, b) => a.errors - b.errors || Math.abs(a.start - start) - Math.abs(b.start - start))
    for (const match of found.slice(0, MATCHES_PER_WINDOW)) {
      const key = `${match.start}:${match.end}`
      if (!seen.has(key)) matches.push(match)
      seen.add(key)
    }
  }
  return matches
}

/**
 * Similarity (0..1) of stored context to the text actually next to a candidate: one minus the edit distance
 * of the best alignment of `stored` inside `actual`, over the stored length. Both are short (<= 64).
 */
export function contextSimilarity(stored: string, actual: string): number {
  if (stored.length === 0) return 1
  if (actual.length === 0) return 0
  const [best] = search(actual, stored, stored.length)
  return best ? Math.max(0, 1 - best.errors / stored.length) : 0
}

/** The match with the fewest errors, then the one whose `at` is nearest `target`. */
function closest(matches: FuzzyMatch[], at: (match: FuzzyMatch) => number, target: number): FuzzyMatch | null {
  let best: FuzzyMatch | null = null
  for (const match of matches) {
    if (
      !best ||
      match.errors < best.errors ||
      (match.errors === best.errors && Math.abs(at(match) - target) < Math.abs(at(best) - target))
    )
      best = match
  }
  return best
}

/**
 * Places in `text` that approximately match `quote` (at most MAX_ERROR_RATE of its length differs). A short
 * quote is searched for whole. A long one by its head and its tail: each is searched for in the whole text,
 * and the other is then looked for where the quote's length says it should be, so the cost does not grow
 * with the quote. O(n) for a text of n characters, plus bounded verification (see the top of this file).
 * `grams` are the text's textGrams, when the caller keeps them for several quotes.
 */
export function fuzzyCandidates(text: string, quote: string, grams = textGrams(text)): QuoteCandidate[] {
  const m = quote.length
  if (m <= FULL_QUOTE_LIMIT) {
    const maxErrors = Math.floor(m * MAX_ERROR_RATE)
    if (maxErrors === 0) return []
    return findApprox(text, grams, quote, maxErrors, 0, text.length, MAX_WINDOWS).map((match) => ({
      start: match.start,
      end: match.end,
      quoteScore: 1 - match.errors / m
    }))
  }
  const head = quote.slice(0, SEGMENT)
  const tail = quote.slice(m - SEGMENT)
  const segmentErrors = Math.floor(SEGMENT * MAX_ERROR_RATE)
  const drift = Math.min(Math.ceil(m * MAX_ERROR_RATE), MAX_LENGTH_DRIFT) + segmentErrors
  const candidates: QuoteCandidate[] = []
  const add = (start: number, end: number, errors: number): void => {
    const quoteScore = 1 - errors / (2 * SEGMENT) - Math.abs(end - start - m) / m
    if (end > start && quoteScore >= 1 - MAX_ERROR_RATE) candidates.push({ start, end, quoteScore })
  }
  for (const h of findApprox(text, grams, head, segmentErrors, 0, text.length, MAX_WINDOWS)) {
    const expectedEnd = h.start + m
    const found = findApprox(text, grams, tail, segmentErrors, expectedEnd - SEGMENT - drift, expectedEnd + drift, 2)
    const t = closest(found, (match) => match.end, expectedEnd)
    if (t) add(h.start, t.end, h.errors + t.errors)
  }
  for (const t of findApprox(text, grams, tail, segmentErrors, 0, text.length, MAX_WINDOWS)) {
    const expectedStart = t.end - m
    const found = findApprox(
      text,
      grams,
      head,
      segmentErrors,
      expectedStart - drift,
      expectedStart + SEGMENT + drift,
      2
    )
    const h = closest(found, (match) => match.start, expectedStart)
    if (h) add(h.start, t.end, h.errors + t.errors)
  }
  return candidates
}
