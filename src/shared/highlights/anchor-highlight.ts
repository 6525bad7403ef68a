import { describeSelection, tidyRange } from './describe-selection'
import { contextSimilarity, fuzzyCandidates, textGrams } from './fuzzy-match'
import { QUOTE_CONTEXT_LENGTH, type Anchor, type Highlight, type HighlightSelectors } from './highlight'

/**
 * Finding a stored highlight again in an article's normalised text, which may have changed since (the article
 * was re-extracted, its HTML changed). In order: the stored position if the quote is still there; else the
 * quote's exact occurrences, the one whose prefix and suffix agree best; else a fuzzy match scored on quote,
 * prefix and suffix. Nothing good enough gives null: the caller marks the highlight orphaned and keeps it.
 *
 * Work per highlight, for a text of n characters and a quote of m: O(m) when the position still holds (the
 * usual case: an article that did not change); else O(n + m) plus at most EXACT_BUDGET characters compared for
 * exact occurrences; plus, when no exact occurrence has its context, a fuzzy match in O(n) whatever m is: a
 * 3-gram filter over the text, then approx-string-match on at most a few dozen short windows (see
 * fuzzy-match.ts). Measured on a 118k-character article: ~0.001 ms by position, ~0.05 ms exact, ~1-3 ms fuzzy.
 */

/** A normalised text prepared for anchoring many highlights (prepare once per article). */
export interface AnchorText {
  readonly text: string
  /** The text with every "\n" (a block separator) as a space: same length, so offsets are shared. */
  folded(): string
  /** The folded text's 3-gram hashes for the fuzzy search. Both are computed the first time one is needed. */
  grams(): Uint16Array
}

/** Weights of the quote and of each side's context in a candidate's score (Hypothesis uses the same ratio). */
const QUOTE_WEIGHT = 50
const CONTEXT_WEIGHT = 20
/** Below this score a candidate is no place for the highlight. */
export const MIN_ANCHOR_SCORE = 0.7
/** An exact occurrence this good is taken without looking for a better fuzzy one. */
const GOOD_EXACT_SCORE = 0.9
/** At most this many exact occurrences are examined (a one-letter quote in a long article has thousands). */
const MAX_OCCURRENCES = 1000
/** At most about this many characters are compared while looking for exact occurrences. */
const EXACT_BUDGET = 4_000_000
/** Context compared on each side: the stored ~32 characters, and never more than twice that. */
const MAX_CONTEXT = 2 * QUOTE_CONTEXT_LENGTH

/** A paragraph break compares equal to a space; the length stays the same, so offsets are shared. */
const fold = (text: string): string => (text.includes('\n') ? text.replace(/\n/g, ' ') : text)

/** Prepares a normalised text for anchorHighlight (linear time). */
export function prepareAnchorText(text: string): AnchorText {
  const safe = typeof text === 'string' ? text : ''
  let folded: string | null = null
  let grams: Uint16Array | null = null
  const foldedText = (): string => (folded ??= fold(safe))
  return { text: safe, folded: foldedText, grams: () => (grams ??= textGrams(foldedText())) }
}

interface Scored {
  start: number
  end: number
  score: number
}

/** A string field of untrusted stored data, or ''. */
const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Where `highlight` lies in the normalised `text` now, and which selector found it; null when it cannot be
 * placed. Never throws, whatever the stored selectors hold. Selectors are compared as stored (a paragraph
 * break equals a space): quotes from elsewhere (an import, a person typing) go through describeQuote first.
 */
export function anchorHighlight(highlight: HighlightSelectors, text: string | AnchorText): Anchor | null {
  const target = typeof text === 'string' ? prepareAnchorText(text) : text
  const quote = highlight?.quote
  const exact = fold(str(quote?.exact))
  if (exact.trim() === '' || target.text.length === 0) return null
  const prefix = fold(str(quote?.prefix).slice(-MAX_CONTEXT))
  const suffix = fold(str(quote?.suffix).slice(0, MAX_CONTEXT))
  const position = highlight?.position
  const start = position?.start
  const end = position?.end
  const validPosition = Number.isSafeInteger(start) && Number.isSafeInteger(end)
  const hint = validPosition ? (start as number) : null

  // The usual case, an unchanged article: the stored quote is still at its stored place (compared as stored
  // first, which needs no folded copy of the text). A short quote must have its context there too: after an
  // insertion, a word or a letter may well be found at the old offset by chance.
  if (validPosition && end! - start! === exact.length && start! >= 0) {
    const raw = str(quote?.exact)
    if (
      (target.text.startsWith(raw, start) || target.folded().startsWith(exact, start)) &&
      (exact.length >= QUOTE_CONTEXT_LENGTH || contextHolds(target.folded(), start!, end!, prefix, suffix))
    ) {
      return { start: start!, end: end!, method: 'position' }
    }
  }
  const folded = target.folded()

  const contextWeight = (prefix ? CONTEXT_WEIGHT : 0) + (suffix ? CONTEXT_WEIGHT : 0)
  const score = (from: number, to: number, quoteScore: number): number => {
    let total = QUOTE_WEIGHT * quoteScore
    if (prefix)
      total += CONTEXT_WEIGHT * contextSimilarity(prefix, folded.slice(Math.max(0, from - prefix.length), from))
    if (suffix) total += CONTEXT_WEIGHT * contextSimilarity(suffix, folded.slice(to, to + suffix.length))
    return total / (QUOTE_WEIGHT + contextWeight)
  }
  const better = (a: Scored, b: Scored | null): boolean => {
    if (!b) return true
    if (a.score !== b.score) return a.score > b.score
    if (hint === null) return a.start < b.start
    return Math.abs(a.start - hint) < Math.abs(b.start - hint)
  }

  const occurrences: number[] = []
  const limit = Math.min(MAX_OCCURRENCES, Math.max(1, Math.floor(EXACT_BUDGET / exact.length)))
  for (let at = folded.indexOf(exact); at >= 0 && occurrences.length < limit; at = folded.indexOf(exact, at + 1)) {
    occurrences.push(at)
  }
  let best: Scored | null = null
  for (const at of occurrences) {
    const candidate = { start: at, end: at + exact.length, score: score(at, at + exact.length, 1) }
    if (better(candidate, best)) best = candidate
  }
  if (best && (best.score >= GOOD_EXACT_SCORE || contextWeight === 0)) return { ...range(best), method: 'exact' }

  // The exact occurrences (if any) are masked so the fuzzy search finds the best *other* place: the quote may
  // also occur, unchanged, somewhere the highlight never was, while its own place was edited.
  const exactBest = best
  const masked = occurrences.length > 0 ? mask(folded, occurrences, exact.length) : folded
  let fuzzyBest: Scored | null = null
  for (const candidate of fuzzyCandidates(masked, exact, masked === folded ? target.grams() : textGrams(masked))) {
    const scored = {
      start: candidate.start,
      end: candidate.end,
      score: score(candidate.start, candidate.end, candidate.quoteScore)
    }
    if (better(scored, fuzzyBest)) fuzzyBest = scored
  }
  // The quote itself, whole, is strong evidence on its own once it is long enough not to occur by chance.
  const exactEnough = exactBest && (exactBest.score >= MIN_ANCHOR_SCORE || exact.length >= QUOTE_CONTEXT_LENGTH)
  if (exactBest && exactEnough && (!fuzzyBest || !better(fuzzyBest, exactBest))) {
    return { ...range(exactBest), method: 'exact' }
  }
  if (fuzzyBest && fuzzyBest.score >= MIN_ANCHOR_SCORE) {
    const tidy = tidyRange(target.text, fuzzyBest.start, fuzzyBest.end)
    if (tidy) return { ...tidy, method: 'fuzzy' }
  }
  return null
}

/** Whether the stored context is exactly what surrounds [start, end) (empty context: the text's edge). */
function contextHolds(folded: string, start: number, end: number, prefix: string, suffix: string): boolean {
  const before =
    prefix === '' ? start === 0 : start >= prefix.length && folded.startsWith(prefix, start - prefix.length)
  return before && (suffix === '' ? end === folded.length : folded.startsWith(suffix, end))
}

const range = (scored: Scored): { start: number; end: number } => ({ start: scored.start, end: scored.end })

/** The text with the given occurrences overwritten by NUL, which no quote from a normalised text contains. */
function mask(text: string, occurrences: number[], length: number): string {
  const parts: string[] = []
  let done = 0
  for (const at of occurrences) {
    const from = Math.max(at, done)
    parts.push(text.slice(done, from), '\u0000'.repeat(at + length - from))
    done = at + length
  }
  parts.push(text.slice(done))
  return parts.join('')
}

/** Anchors every highlight of one article against its normalised text (the text is prepared once). */
export function anchorHighlights(highlights: readonly HighlightSelectors[], text: string): (Anchor | null)[] {
  const prepared = prepareAnchorText(text)
  return highlights.map((highlight) => anchorHighlight(highlight, prepared))
}

/**
 * A highlight brought up to date with a (possibly changed) article text: placed, its selectors describe where
 * it is now (quote included, so lists show the text as it now reads) and it is no longer orphaned; not
 * placed, it is kept unchanged and marked orphaned.
 */
export function reanchorHighlight<H extends Highlight>(
  highlight: H,
  text: string | AnchorText
): { highlight: H; anchor: Anchor | null } {
  const target = typeof text === 'string' ? prepareAnchorText(text) : text
  const anchor = anchorHighlight(highlight, target)
  if (!anchor) return { highlight: { ...highlight, orphaned: true }, anchor }
  const { orphaned: _orphaned, ...rest } = highlight
  const selectors = anchor.method === 'position' ? null : describeSelection(target.text, anchor.start, anchor.end)
  return { highlight: (selectors ? { ...rest, ...selectors } : rest) as H, anchor }
}
