/**
 * The search box's query language. Never throws: anything it does not understand is searched as text.
 *
 *   word  "exact phrase"  -word  -"phrase"
 *   tag:ai  -tag:x  site:example.com  author:name  is:unread|archived|favorite|read  lang:zh
 *   saved:>2026-01-01  saved:<2026-02  saved:2026-01  saved:2026-01-01..2026-03-31  (published: likewise)
 *   sort:saved|published|relevance
 * Every filter can be negated with a leading "-"; values may be quoted (author:"ada lovelace").
 */
import type { SearchSort } from '../../shared/types'

export type StateFilter = 'unread' | 'archived' | 'favorite' | 'read'

export type Filter =
  | { kind: 'tag' | 'site' | 'author' | 'lang'; value: string; negate: boolean }
  | { kind: 'is'; value: StateFilter; negate: boolean }
  /** Milliseconds since the epoch; from inclusive, to exclusive. */
  | { kind: 'saved' | 'published'; from: number; to: number; negate: boolean }

export interface ParsedQuery {
  /** Bare words (may contain several terms once tokenized, e.g. "e-mail"). */
  words: string[]
  /** The last bare word is still being typed (no space after it): match it as a prefix. */
  prefixLast: boolean
  phrases: string[]
  excludedWords: string[]
  excludedPhrases: string[]
  filters: Filter[]
  sort: SearchSort | null
}

const STATES: readonly string[] = ['unread', 'archived', 'favorite', 'read']
const SORTS: readonly string[] = ['relevance', 'saved', 'published']
// A term: optional "-", then key:"quoted value" | key:value | "quoted phrase" | word.
const TOKEN = /(-?)(?:([a-z]+):(?:"([^"]*)"?|(\S*))|"([^"]*)"?|(\S+))/giy

/** Parses a query string into words, phrases, exclusions, filters and a sort order. */
export function parseQuery(input: string): ParsedQuery {
  const query: ParsedQuery = {
    words: [],
    prefixLast: false,
    phrases: [],
    excludedWords: [],
    excludedPhrases: [],
    filters: [],
    sort: null
  }
  const text = String(input ?? '').slice(0, 2000)
  let lastWasBareWord = false
  let position = 0
  while (position < text.length) {
    const space = /\s+/y
    space.lastIndex = position
    if (space.exec(text)) {
      position = space.lastIndex
      lastWasBareWord = false
      continue
    }
    TOKEN.lastIndex = position
    const m = TOKEN.exec(text)
    if (!m) break // unreachable: \S+ always matches here
    position = TOKEN.lastIndex
    const [whole, minus, key, quotedValue, plainValue, phrase, word] = m
    const negate = minus === '-'
    lastWasBareWord = false
    if (key !== undefined) {
      const value = quotedValue ?? plainValue ?? ''
      if (applyOperator(query, key.toLowerCase(), value, negate)) continue
      // Unknown operator or unusable value: the whole thing is text.
      const asText = negate ? whole.slice(1) : whole
      if (negate) query.excludedWords.push(asText)
      else {
        query.words.push(asText)
        lastWasBareWord = true
      }
    } else if (phrase !== undefined) {
      if (phrase.trim() === '') continue
      ;(negate ? query.excludedPhrases : query.phrases).push(phrase)
    } else if (word !== undefined) {
      if (negate && word.length > 0) query.excludedWords.push(word)
      else if (!negate) {
        query.words.push(word)
        lastWasBareWord = true
      } else {
        // A lone "-": nothing to search.
      }
    } else if (negate) {
      // "-" followed by nothing.
    }
  }
  query.prefixLast = lastWasBareWord && query.words.length > 0
  return query
}

function applyOperator(query: ParsedQuery, key: string, rawValue: string, negate: boolean): boolean {
  const value = rawValue.trim()
  if (value === '') return false
  switch (key) {
    case 'tag':
    case 'site':
    case 'author':
    case 'lang':
      query.filters.push({ kind: key, value: key === 'site' ? siteValue(value) : value, negate })
      return true
    case 'is': {
      const state = value.toLowerCase()
      if (!STATES.includes(state)) return false
      query.filters.push({ kind: 'is', value: state as StateFilter, negate })
      return true
    }
    case 'saved':
    case 'published': {
      const range = parseDateRange(value)
      if (!range) return false
      query.filters.push({ kind: key, ...range, negate })
      return true
    }
    case 'sort': {
      const sort = value.toLowerCase()
      if (negate || !SORTS.includes(sort)) return false
      query.sort = sort as SearchSort
      return true
    }
    default:
      return false
  }
}

/** "https://www.Example.com/path" → "example.com": people paste addresses. */
function siteValue(value: string): string {
  return value
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/.*$/, '')
}

/**
 * ">2026-01-01", ">=2026-01", "<2026", "2026-01" (that month), "2026-01-01..2026-02-01" (both days
 * included). Dates are UTC days. Returns null when the value is not a date.
 */
export function parseDateRange(value: string): { from: number; to: number } | null {
  const range = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)\.\.(\d{4}(?:-\d{2}(?:-\d{2})?)?)$/.exec(value)
  if (range) {
    const a = datePeriod(range[1]!)
    const b = datePeriod(range[2]!)
    return a && b ? { from: a.start, to: b.end } : null
  }
  const m = /^(>=|<=|>|<|=)?(\d{4}(?:-\d{2}(?:-\d{2})?)?)$/.exec(value)
  if (!m) return null
  const period = datePeriod(m[2]!)
  if (!period) return null
  switch (m[1]) {
    case '>':
      return { from: period.end, to: Infinity }
    case '>=':
      return { from: period.start, to: Infinity }
    case '<':
      return { from: -Infinity, to: period.start }
    case '<=':
      return { from: -Infinity, to: period.end }
    default:
      return { from: period.start, to: period.end }
  }
}

/** A year, month or day as [start, end) in UTC milliseconds. */
function datePeriod(text: string): { start: number; end: number } | null {
  const [y, mo, d] = text.split('-').map(Number) as [number, number | undefined, number | undefined]
  if (mo !== undefined && (mo < 1 || mo > 12)) return null
  if (d !== undefined && (d < 1 || d > 31)) return null
  const start = Date.UTC(y, (mo ?? 1) - 1, d ?? 1)
  const end =
    d !== undefined ? Date.UTC(y, mo! - 1, d + 1) : mo !== undefined ? Date.UTC(y, mo, 1) : Date.UTC(y + 1, 0, 1)
  return Number.isFinite(start) ? { start, end } : null
}
