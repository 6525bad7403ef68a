import type { SearchSort } from '../../shared/types'
import { foldText } from './fold-text'
import { BODY_MASK, DOC_SHIFT, META_BIT, TITLE_MASK, TITLE_SHIFT, type InvertedIndex } from './inverted-index'
import type { Filter, ParsedQuery } from './parse-query'
import { mayContainPair } from './pair-filter'
import { queryTerms, type Highlighter } from './query-terms'
import type { SearchDoc } from './search-doc'
import { isCjkTerm } from './tokenize'

/**
 * Ranks the articles matching a parsed query. BM25 over the body, plus fixed bonuses for a match in the
 * title (the strongest signal that an article is *about* the word) and in the byline/site/tags. Only
 * the page asked for is ordered (a bounded heap, not a sort of every match).
 */
export interface RankedPage {
  docs: { doc: SearchDoc; score: number }[]
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

/** Per-article scratch reused across queries (sized to the index; reset through the touched list). */
let scores = new Float64Array(0)
let masks = new Uint32Array(0)

export async function runQuery(
  index: InvertedIndex,
  query: ParsedQuery,
  page: { limit: number; offset: number },
  readText: (id: string) => Promise<string>
): Promise<RankedPage> {
  const terms = queryTerms(index, query)
  const hasText = terms.groups.length > 0
  const sort: SearchSort = query.sort ?? (hasText ? 'relevance' : 'saved')
  const count = index.docs.length
  if (scores.length < count) {
    scores = new Float64Array(Math.ceil(count * 1.25) + 16)
    masks = new Uint32Array(scores.length)
  }
  const touched: number[] = []
  const avg = index.averageLength()
  const live = Math.max(1, index.live)

  const alive = index.alive
  const lengths = index.lengths
  const score = scores
  const seen = masks
  for (const termId of terms.excluded) {
    const list = index.lists[termId]!
    const size = index.sizes[termId]!
    for (let i = 0; i < size; i++) {
      const doc = list[i]! >>> DOC_SHIFT
      if (alive[doc] === 0) continue
      if (seen[doc] === 0) touched.push(doc)
      seen[doc] = seen[doc]! | EXCLUDED
    }
  }
  // The hot loop: plain loops over typed arrays, no closures (a callback per posting was 3x slower).
  const lengthNorm = K1 * (1 - B)
  const lengthScale = (K1 * B) / avg
  for (let g = 0; g < terms.groups.length; g++) {
    const bit = 1 << g
    for (const { id, weight } of terms.groups[g]!.terms) {
      const df = index.frequency(id)
      const idf = Math.log(1 + (live - df + 0.5) / (df + 0.5)) * weight
      const list = index.lists[id]!
      const size = index.sizes[id]!
      for (let i = 0; i < size; i++) {
        const posting = list[i]!
        const doc = posting >>> DOC_SHIFT
        if (alive[doc] === 0) continue
        const mask = seen[doc]!
        if (mask === 0) touched.push(doc)
        seen[doc] = mask | bit
        const tf = posting & BODY_MASK
        let s = tf > 0 ? (tf * (K1 + 1)) / (tf + lengthNorm + lengthScale * lengths[doc]!) : 0
        if ((posting >>> TITLE_SHIFT) & TITLE_MASK) s += TITLE_BONUS
        if (posting & META_BIT) s += META_BONUS
        score[doc] = score[doc]! + idf * s
      }
    }
  }

  const all = terms.groups.length >= 32 ? 0xffffffff : (1 << terms.groups.length) - 1
  let candidates: number[] = []
  const keep = (doc: number) => {
    const d = index.docs[doc]
    return d !== null && d !== undefined && passes(d, query.filters)
  }
  if (hasText) {
    for (const doc of touched) if ((masks[doc]! & EXCLUDED) === 0 && (masks[doc]! & all) === all && keep(doc)) candidates.push(doc)
    if (candidates.length === 0 && terms.groups.length > 1 && terms.phrases.length === 0) {
      // Nothing has every word: rank what has most of them (more words first, then score).
      for (const doc of touched) {
        const mask = masks[doc]! & all
        if ((masks[doc]! & EXCLUDED) === 0 && mask !== 0 && keep(doc)) {
          scores[doc] = popcount(mask) * 1000 + scores[doc]!
          candidates.push(doc)
        }
      }
    }
  } else if (query.filters.length > 0 || terms.excluded.length > 0 || query.sort) {
    for (let doc = 0; doc < count; doc++) if ((masks[doc]! & EXCLUDED) === 0 && keep(doc)) candidates.push(doc)
  }

  // Phrases: drop the candidates whose word-pair filter rules a pair of the phrase out (no text read).
  const pairChecks = terms.phrases.filter((p) => p.length > 1 && !p.some(isCjkTerm))
  if (pairChecks.length > 0) {
    candidates = candidates.filter((doc) => {
      const filter = index.pairFilters[doc]
      if (!filter) return false
      for (const phrase of pairChecks) for (let i = 1; i < phrase.length; i++) if (!mayContainPair(filter, phrase[i - 1]!, phrase[i]!)) return false
      return true
    })
  }
  const wanted = page.offset + page.limit
  const hasPhrases = terms.phrases.length > 0 || terms.excludedPhrases.length > 0
  const key = sortKey(index, sort)
  // Ordered while the scratch scores are still valid; phrases take more candidates, to check in order.
  const order = topK(candidates, hasPhrases ? Math.max(wanted, PHRASE_CHECKS) : wanted, key)
  const scoreOf = new Map<number, number>()
  for (const doc of order) scoreOf.set(doc, scores[doc]!)
  for (const doc of touched) {
    scores[doc] = 0
    masks[doc] = 0
  }

  let total = candidates.length
  let totalIsEstimate = false
  let chosen: number[] = order
  /** Texts read to check phrases, handed on for the snippets. */
  const texts = new Map<string, string>()
  if (hasPhrases) {
    // Phrases are checked against the stored text, best candidates first, until the page is full.
    chosen = []
    let checked = 0
    const regexes = terms.phrases.map(phraseRegex)
    const unwanted = terms.excludedPhrases.map(phraseRegex)
    // Read in parallel batches (the file reads dominate), in rank order, until the page is full.
    while (checked < order.length && chosen.length < wanted) {
      const batch = order.slice(checked, checked + Math.max(8, Math.min(32, wanted - chosen.length)))
      checked += batch.length
      const bodies = await Promise.all(batch.map((doc) => readText(index.docs[doc]!.id).catch(() => '')))
      batch.forEach((doc, i) => {
        texts.set(index.docs[doc]!.id, bodies[i]!)
        const folded = foldText(`${index.docs[doc]!.title}\n${bodies[i]}`)
        if (regexes.every((r) => r.test(folded)) && !unwanted.some((r) => r.test(folded))) chosen.push(doc)
      })
    }
    total = chosen.length + (candidates.length - checked)
    totalIsEstimate = checked < candidates.length
  }
  const ranked = chosen.slice(page.offset, wanted).map((doc) => ({ doc: index.docs[doc]!, score: round(scoreOf.get(doc) ?? 0) }))
  return { docs: ranked, total, totalIsEstimate, sort, highlight: terms.highlight, texts }
}

/** Sort keys (higher first) for the order asked for; ties go to the newer article (or the better score). */
function sortKey(index: InvertedIndex, sort: SearchSort): { primary: (doc: number) => number; secondary: (doc: number) => number } {
  const docs = index.docs
  if (sort === 'saved') return { primary: (doc) => docs[doc]!.savedMs, secondary: (doc) => scores[doc]! }
  if (sort === 'published') {
    return { primary: (doc) => (Number.isNaN(docs[doc]!.publishedMs) ? -Infinity : docs[doc]!.publishedMs), secondary: (doc) => docs[doc]!.savedMs }
  }
  return { primary: (doc) => scores[doc]!, secondary: (doc) => docs[doc]!.savedMs }
}

/** The k best of `items` (descending), in order: a bounded min-heap over parallel arrays, then a sort of k. */
function topK(items: number[], k: number, key: ReturnType<typeof sortKey>): number[] {
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
    for (let i = start; ; ) {
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
  for (const item of items) {
    const a = key.primary(item)
    if (n < size) {
      heap[n] = item
      p[n] = a
      q[n] = key.secondary(item)
      for (let i = n++; i > 0; ) {
        const parent = (i - 1) >>> 1
        if (!less(i, parent)) break
        swap(i, parent)
        i = parent
      }
    } else if (a >= p[0]!) {
      const b = key.secondary(item)
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

/** Does an article pass every filter of the query? */
export function passes(d: SearchDoc, filters: Filter[]): boolean {
  for (const f of filters) if (matches(d, f) === f.negate) return false
  return true
}

function matches(d: SearchDoc, f: Filter): boolean {
  switch (f.kind) {
    case 'tag': {
      const tag = foldText(f.value)
      return d.foldedTags.includes(tag)
    }
    case 'site': {
      const site = f.value
      return d.host === site || d.host.endsWith(`.${site}`) || d.foldedSite === foldText(site)
    }
    case 'author':
      return d.foldedAuthor.includes(foldText(f.value))
    case 'lang': {
      const lang = f.value.toLowerCase()
      return d.foldedLang === lang || d.foldedLang.startsWith(`${lang}-`)
    }
    case 'is':
      if (f.value === 'unread') return d.state === 'unread'
      if (f.value === 'archived') return d.state === 'archived'
      if (f.value === 'favorite') return d.favorite
      return d.read
    case 'saved':
      return d.savedMs >= f.from && d.savedMs < f.to
    case 'published':
      return !Number.isNaN(d.publishedMs) && d.publishedMs >= f.from && d.publishedMs < f.to
  }
}

/** A regex finding a phrase's terms in order in folded text, separated only by non-letters. */
function phraseRegex(terms: string[]): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  let source = isCjkTerm(terms[0]!) ? '' : '(?<![\\p{L}\\p{N}])'
  terms.forEach((term, i) => {
    if (i > 0) source += isCjkTerm(term) && isCjkTerm(terms[i - 1]!) ? '[^\\p{L}\\p{N}]*' : '[^\\p{L}\\p{N}]+'
    source += escape(term)
  })
  if (!isCjkTerm(terms[terms.length - 1]!)) source += '(?![\\p{L}\\p{N}])'
  return new RegExp(source, 'u')
}

function popcount(n: number): number {
  let c = 0
  for (let x = n; x; x &= x - 1) c++
  return c
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000
}
