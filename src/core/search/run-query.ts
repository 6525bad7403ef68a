import type { SearchSort } from '../../shared/types'
import { foldText } from './fold-text'
import { BODY_MASK, DOC_SHIFT, META_BIT, TITLE_MASK, TITLE_SHIFT, type InvertedIndex } from './inverted-index'
import { compileFilters, type DocFilter } from './doc-filter'
import type { ParsedQuery } from './parse-query'
import { pairProbe } from './pair-filter'
import { phraseMatcher, type PhraseTest } from './phrase-match'
import { queryTerms, type Highlighter, type QueryTerms } from './query-terms'
import { isCjkTerm } from './tokenize'

/**
 * Ranks the articles matching a parsed query. BM25 over the body, plus fixed bonuses for a match in the
 * title (the strongest signal that an article is *about* the word) and in the byline/site/tags. Only
 * the page asked for is ordered (a bounded heap, not a sort of every match).
 */
export interface RankedPage {
  docs: { id: string; score: number }[]
  total: number
  totalIsEstimate: boolean
  sort: SearchSort
  highlight: Highlighter
  /** Article texts already read (phrase checks), by id. */
  texts: Map<string, string>
}

const K1 = 1.2
const B = 0.75
/** Added (times the term's idf) when a query term is in the title; BM25's body part is at most K1 + 1. */
const TITLE_BONUS = 2.5
const META_BONUS = 1
/** Phrase candidates whose text is read before giving up on an exact count. */
const PHRASE_CHECKS = 200

const EXCLUDED = 0x80000000
const NON_ASCII = /[\u0080-\uffff]/

/** Per-article scratch reused across queries (sized to the index; reset through the touched list). */
let scores = new Float64Array(0)
let masks = new Uint32Array(0)
/** Article numbers touched by the current query (the first `touchedCount`). */
let touched = new Int32Array(0)
let touchedCount = 0
/** Candidates of the current query, and those left for a phrase's second pass (no garbage per query). */
let candidateScratch = new Int32Array(0)
let restScratch = new Int32Array(0)
/** 1 for the candidates a phrase query has checked already (reset after use). */
let tried = new Uint8Array(0)

/** What a query reads of the library beyond the index: titles and texts (phrase checks). */
export interface ArticleReader {
  title(id: string): string
  text(id: string): string
}

export function runQuery(
  index: InvertedIndex,
  query: ParsedQuery,
  page: { limit: number; offset: number },
  read: ArticleReader
): RankedPage {
  const terms = queryTerms(index, query)
  const hasText = terms.groups.length > 0
  const sort: SearchSort = query.sort ?? (hasText ? 'relevance' : 'saved')
  const table = index.docs
  const count = table.count
  if (scores.length < count) {
    scores = new Float64Array(Math.ceil(count * 1.25) + 16)
    masks = new Uint32Array(scores.length)
    touched = new Int32Array(scores.length)
    candidateScratch = new Int32Array(scores.length)
    restScratch = new Int32Array(scores.length)
    tried = new Uint8Array(scores.length)
  }
  touchedCount = 0
  const avg = index.averageLength()
  const live = Math.max(1, index.live)
  const scoreGroups = (onlyTouched: boolean) => {
    // Smallest group first: with onlyTouched, the others only add to the articles it found (every word must match).
    const order = terms.groups.map((group, g) => ({
      group,
      g,
      postings: group.terms.reduce((n, t) => n + index.frequency(t.id), 0)
    }))
    order.sort((a, b) => a.postings - b.postings)
    order.forEach(({ group, g }, rank) => {
      for (const { id, weight } of group.terms) {
        const df = index.frequency(id)
        const idf = Math.log(1 + (live - df + 0.5) / (df + 0.5)) * weight
        const touch = !onlyTouched || rank === 0
        scoreList(index.lists[id]!, index.lists[id]!.length, 1 << g, idf, avg, table.alive, table.lengths, touch)
        scoreList(index.tails[id]!, index.tailSizes[id]!, 1 << g, idf, avg, table.alive, table.lengths, touch)
      }
    })
  }
  scoreGroups(true)
  const markExclusions = () => {
    // With words to match, only articles already found need the mark; a filter-only query walks them all.
    for (const termId of terms.excluded) {
      markExcluded(index.lists[termId]!, index.lists[termId]!.length, table.alive, hasText)
      markExcluded(index.tails[termId]!, index.tailSizes[termId]!, table.alive, hasText)
    }
  }
  markExclusions()

  const all = terms.groups.length >= 32 ? 0xffffffff : (1 << terms.groups.length) - 1
  const filter = compileFilters(table, query.filters)
  const keep = (doc: number) => table.alive[doc] === 1 && (filter === null || filter(doc))
  // The loops over articles are functions of their own: with a long loop inside it, runQuery was compiled
  // on the spot (on-stack replacement) and thrown out at the next branch not yet run, on every query (--trace-deopt).
  let found = 0
  if (hasText) {
    found = withEveryWord(all, filter)
    if (found === 0 && terms.groups.length > 1 && terms.phrases.length === 0) {
      // Nothing has every word: rank what has most of them (more words first, then score), which needs
      // every group's articles, not only those of the smallest.
      resetScratch()
      scoreGroups(false)
      markExclusions()
      found = withSomeWords(all, keep)
    }
  } else if (query.filters.length > 0 || terms.excluded.length > 0 || query.sort) {
    found = withoutWords(count, keep)
  }
  const candidates = candidateScratch.subarray(0, found)

  const wanted = page.offset + page.limit
  const key = sortKey(index, sort)
  /** Texts read to check phrases, handed on for the snippets. */
  const texts = new Map<string, string>()
  const hasPhrases = terms.phrases.length > 0 || terms.excludedPhrases.length > 0
  const { chosen, total, totalIsEstimate } = hasPhrases
    ? checkPhrases(index, terms, candidates, wanted, key, read, texts)
    : { chosen: topK(candidates, wanted, key), total: candidates.length, totalIsEstimate: false }
  const ranked = chosen.slice(page.offset, wanted).map((doc) => ({ id: table.ids[doc]!, score: round(scores[doc]!) }))
  resetScratch()
  return { docs: ranked, total, totalIsEstimate, sort, highlight: terms.highlight, texts }
}

/**
 * The candidates (every word matched) that really contain the query's phrases, best first, until the
 * page is full. The best PHRASE_CHECKS candidates are tried first, each ruled out by its word-pair
 * filter or confirmed against its text; a common phrase fills the page there, and the total is then
 * estimated from the share that passed. Only when they do not fill the page are all the other
 * candidates' filters checked (one cache miss each), and the best of those that pass are read.
 */
function checkPhrases(
  index: InvertedIndex,
  terms: QueryTerms,
  candidates: Int32Array,
  wanted: number,
  key: SortKey,
  read: ArticleReader,
  texts: Map<string, string>
): { chosen: number[]; total: number; totalIsEstimate: boolean } {
  const probes = terms.phrases
    .filter((p) => !p.some(isCjkTerm))
    .flatMap((p) => p.slice(1).map((term, i) => pairProbe(p[i]!, term)))
    .filter((probe) => probe !== null)
  const pairs = index.pairFilters
  const mayContain = (doc: number) => {
    for (const probe of probes) if (!pairs.mayContain(doc, probe)) return false
    return true
  }
  const phrases = terms.phrases.map(phraseMatcher)
  const unwanted = terms.excludedPhrases.map(phraseMatcher)
  const confirm = (doc: number) => {
    const id = index.docs.ids[doc]!
    const body = read.text(id)
    texts.set(id, body)
    return containsPhrases(read.title(id), body, phrases, unwanted)
  }
  const chosen: number[] = []
  const best = topK(candidates, Math.max(wanted, PHRASE_CHECKS), key)
  let checked = 0
  for (; checked < best.length && chosen.length < wanted; checked++)
    if (mayContain(best[checked]!) && confirm(best[checked]!)) chosen.push(best[checked]!)
  if (checked === candidates.length) return { chosen, total: chosen.length, totalIsEstimate: false }
  if (chosen.length >= wanted)
    return { chosen, total: Math.round((chosen.length / checked) * candidates.length), totalIsEstimate: true }
  // Everything ranked below the best: filters first, then the best of what passes, read in order.
  for (const doc of best) tried[doc] = 1
  const rest = restScratch.subarray(0, pairs.keepPossible(candidates, tried, probes, restScratch))
  for (const doc of best) tried[doc] = 0
  const next = topK(rest, Math.max(wanted - chosen.length, PHRASE_CHECKS), key)
  let confirmed = 0
  for (; confirmed < next.length && chosen.length < wanted; confirmed++)
    if (confirm(next[confirmed]!)) chosen.push(next[confirmed]!)
  // Unread candidates that passed their filters are counted: ~2% of them are false positives.
  return { chosen, total: chosen.length + rest.length - confirmed, totalIsEstimate: confirmed < rest.length }
}

// The hot loops: plain loops over typed arrays, no closure per posting (a callback per posting was 3x slower).

/** Into candidateScratch: the touched articles with every word, none excluded, that pass the filters. */
function withEveryWord(all: number, filter: DocFilter | null): number {
  let found = 0
  // Touched articles are live (the scoring loops skip retired ones); without filters, no call per article.
  for (let t = 0; t < touchedCount; t++) {
    const doc = touched[t]!
    if ((masks[doc]! & (EXCLUDED | all)) === all && (filter === null || filter(doc))) candidateScratch[found++] = doc
  }
  return found
}

/** Into candidateScratch: the touched articles with some of the words, scored so that more words rank first. */
function withSomeWords(all: number, keep: (doc: number) => boolean): number {
  let found = 0
  for (let t = 0; t < touchedCount; t++) {
    const doc = touched[t]!
    const mask = masks[doc]! & all
    if ((masks[doc]! & EXCLUDED) === 0 && mask !== 0 && keep(doc)) {
      scores[doc] = popcount(mask) * 1000 + scores[doc]!
      candidateScratch[found++] = doc
    }
  }
  return found
}

/** Into candidateScratch: every article that passes the filters and exclusions (a query without words). */
function withoutWords(count: number, keep: (doc: number) => boolean): number {
  let found = 0
  for (let doc = 0; doc < count; doc++) if ((masks[doc]! & EXCLUDED) === 0 && keep(doc)) candidateScratch[found++] = doc
  return found
}

function resetScratch(): void {
  for (let t = 0; t < touchedCount; t++) {
    scores[touched[t]!] = 0
    masks[touched[t]!] = 0
  }
  touchedCount = 0
}

/**
 * Adds one posting list's BM25 contributions to the scratch scores and marks its articles with `bit`.
 * With `touch` false, articles no earlier list touched are skipped (they cannot match every word).
 */
function scoreList(
  list: Uint32Array,
  size: number,
  bit: number,
  idf: number,
  avg: number,
  alive: Uint8Array,
  lengths: Uint32Array,
  touch: boolean
): void {
  const lengthNorm = K1 * (1 - B)
  const lengthScale = (K1 * B) / avg
  for (let i = 0; i < size; i++) {
    const posting = list[i]!
    const doc = posting >>> DOC_SHIFT
    if (alive[doc] === 0) continue
    const mask = masks[doc]!
    if (mask === 0) {
      if (!touch) continue
      touched[touchedCount++] = doc
    }
    masks[doc] = mask | bit
    const tf = posting & BODY_MASK
    let s = tf > 0 ? (tf * (K1 + 1)) / (tf + lengthNorm + lengthScale * lengths[doc]!) : 0
    if ((posting >>> TITLE_SHIFT) & TITLE_MASK) s += TITLE_BONUS
    if (posting & META_BIT) s += META_BONUS
    scores[doc] = scores[doc]! + idf * s
  }
}

function markExcluded(list: Uint32Array, size: number, alive: Uint8Array, onlyTouched: boolean): void {
  for (let i = 0; i < size; i++) {
    const doc = list[i]! >>> DOC_SHIFT
    if (alive[doc] === 0) continue
    if (masks[doc] === 0) {
      if (onlyTouched) continue
      touched[touchedCount++] = doc
    }
    masks[doc] = masks[doc]! | EXCLUDED
  }
}

/** Per-article sort values (typed arrays by article number, read directly in topK's loop); higher first. */
interface SortKey {
  primary: Float64Array
  secondary: Float64Array
}

/** Sort keys (higher first) for the order asked for; ties go to the newer article (or the better score). */
function sortKey(index: InvertedIndex, sort: SearchSort): SortKey {
  // Unknown publication dates are NaN, which topK ranks last.
  const { savedMs, publishedMs } = index.docs
  if (sort === 'saved') return { primary: savedMs, secondary: scores }
  if (sort === 'published') return { primary: publishedMs, secondary: savedMs }
  return { primary: scores, secondary: savedMs }
}

/** The k best of `items` (descending), in order: a bounded min-heap over parallel arrays, then a sort of k. */
function topK(items: Int32Array, k: number, key: SortKey): number[] {
  if (k <= 0 || items.length === 0) return []
  const size = Math.min(k, items.length)
  const heap = new Int32Array(size)
  const p = new Float64Array(size)
  const q = new Float64Array(size)
  let n = 0
  const less = (i: number, j: number) => p[i]! < p[j]! || (p[i] === p[j] && q[i]! < q[j]!)
  const swap = (i: number, j: number) => {
    const h = heap[i]!
    heap[i] = heap[j]!
    heap[j] = h
    const a = p[i]!
    p[i] = p[j]!
    p[j] = a
    const b = q[i]!
    q[i] = q[j]!
    q[j] = b
  }
  const down = (start: number) => {
    for (let i = start; ;) {
      const l = i * 2 + 1
      const r = l + 1
      let m = i
      if (l < n && less(l, m)) m = l
      if (r < n && less(r, m)) m = r
      if (m === i) return
      swap(i, m)
      i = m
    }
  }
  const primary = key.primary
  const secondary = key.secondary
  for (const item of items) {
    const value = primary[item]!
    const a = value === value ? value : -Infinity // NaN (no date) last
    if (n < size) {
      heap[n] = item
      p[n] = a
      q[n] = secondary[item]!
      for (let i = n++; i > 0;) {
        const parent = (i - 1) >>> 1
        if (!less(i, parent)) break
        swap(i, parent)
        i = parent
      }
    } else if (a >= p[0]!) {
      const b = secondary[item]!
      if (a === p[0] && b <= q[0]!) continue
      heap[0] = item
      p[0] = a
      q[0] = b
      down(0)
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (less(i, j) ? 1 : less(j, i) ? -1 : 0))
  return order.map((i) => heap[i]!)
}

/**
 * Does the article contain every wanted phrase and none of the unwanted? Tried on the text as stored
 * first (the matchers ignore case), which needs no copy: lowercasing or folding each candidate's text
 * (and joining title and body) cost more than the match. Folding (accents, compatibility forms) can
 * only matter when the text has non-ASCII characters. Title and body are searched separately: a phrase
 * across their boundary is not one (the pair filters leave that pair out too).
 */
function containsPhrases(title: string, body: string, wanted: PhraseTest[], unwanted: PhraseTest[]): boolean {
  const within = (t: string, b: string) => (test: PhraseTest) => test(b) || test(t)
  const raw = within(title, body)
  if (unwanted.length === 0 && wanted.every(raw)) return true // what matches unfolded matches folded
  if (!NON_ASCII.test(body) && !NON_ASCII.test(title))
    return unwanted.length > 0 && wanted.every(raw) && !unwanted.some(raw)
  const folded = within(foldText(title), foldText(body))
  return wanted.every(folded) && !unwanted.some(folded)
}

function popcount(n: number): number {
  let c = 0
  for (let x = n; x; x &= x - 1) c++
  return c
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000
}
