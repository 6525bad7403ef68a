import { foldText } from './fold-text'
import type { InvertedIndex } from './inverted-index'
import type { ParsedQuery } from './parse-query'
import { cjkBigrams, isCjkTerm, tokenize } from './tokenize'

/**
 * Turns the words of a parsed query into term groups over the index's dictionary. Every group must match
 * (AND); inside a group any term may (the word itself, its completions while typing, its one-typo
 * neighbours). Weights rank the word itself above what it was expanded to.
 */
export interface TermGroup {
  terms: { id: number; weight: number }[]
}

export interface QueryTerms {
  groups: TermGroup[]
  /** Terms whose articles are left out (-word). */
  excluded: number[]
  /** Folded terms of each "phrase", checked against the text of candidate articles. */
  phrases: string[][]
  excludedPhrases: string[][]
  /** What to highlight in titles and snippets. */
  highlight: Highlighter
}

export interface Highlighter {
  exact: Set<string>
  prefixes: string[]
}

/** Completions of a word being typed: the most frequent ones. */
const PREFIX_EXPANSIONS = 40
const PREFIX_WEIGHT = 0.8
/** Postings read for the completions of one word: bounds latency while typing one or two letters. */
const PREFIX_POSTINGS = 150_000
const TYPO_WEIGHT = 0.6
/** Words shorter than this get no typo tolerance: one edit of a short word is another word. */
export const TYPO_MIN_LENGTH = 5
const MAX_GROUPS = 31
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** Term groups, exclusions, phrases and highlight terms of a query, resolved against the index. */
export function queryTerms(index: InvertedIndex, query: ParsedQuery): QueryTerms {
  const groups: TermGroup[] = []
  const highlight: Highlighter = { exact: new Set(), prefixes: [] }
  const lastWord = query.words.length - 1
  query.words.forEach((word, w) => {
    const terms = tokenize(word).map((t) => t.term)
    terms.forEach((term, t) => {
      const typing = query.prefixLast && w === lastWord && t === terms.length - 1
      groups.push(...wordGroups(index, term, typing, highlight))
    })
  })
  const phrases = query.phrases.map((p) => tokenize(p).map((t) => t.term)).filter((p) => p.length > 0)
  for (const phrase of phrases) for (const term of phrase) groups.push(...wordGroups(index, term, false, highlight))
  const excluded: number[] = []
  for (const word of query.excludedWords) {
    for (const { term } of tokenize(word)) {
      const id = index.lookup(term)
      if (id !== undefined) excluded.push(id)
    }
  }
  const excludedPhrases = query.excludedPhrases.map((p) => tokenize(p).map((t) => t.term)).filter((p) => p.length > 0)
  return { groups: groups.slice(0, MAX_GROUPS), excluded, phrases, excludedPhrases, highlight }
}

/** The group(s) for one query term; CJK words the dictionary lacks become one group per bigram. */
function wordGroups(index: InvertedIndex, term: string, typing: boolean, highlight: Highlighter): TermGroup[] {
  const group: TermGroup = { terms: [] }
  const exact = index.lookup(term)
  const known = exact !== undefined && index.frequency(exact) > 0
  if (known) group.terms.push({ id: exact, weight: 1 })
  highlight.exact.add(term)
  if (typing) {
    highlight.prefixes.push(term)
    for (const id of index.prefixTerms(term, PREFIX_EXPANSIONS, PREFIX_POSTINGS))
      if (id !== exact) group.terms.push({ id, weight: PREFIX_WEIGHT })
  }
  if (!known && isCjkTerm(term)) {
    if (group.terms.length > 0) return [group]
    const grams = term.length > 2 ? cjkBigrams(term) : []
    if (grams.length === 0) return [group]
    return grams.map((gram) => {
      highlight.exact.add(gram)
      const id = index.lookup(gram)
      return { terms: id === undefined ? [] : [{ id, weight: 1 }] }
    })
  }
  if (!known && term.length >= TYPO_MIN_LENGTH) {
    for (const variant of oneEditAway(term)) {
      const id = index.lookup(variant)
      if (id !== undefined && index.frequency(id) > 0) {
        group.terms.push({ id, weight: TYPO_WEIGHT })
        highlight.exact.add(variant)
      }
    }
  }
  return [group]
}

/** Every string one deletion, substitution, insertion or transposition away (letters, digits, the word's own characters). */
export function oneEditAway(word: string): Set<string> {
  const alphabet = new Set(ALPHABET + foldText(word))
  const out = new Set<string>()
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i)
    const tail = word.slice(i)
    if (tail) out.add(head + tail.slice(1))
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2))
    for (const c of alphabet) {
      out.add(head + c + tail)
      if (tail) out.add(head + c + tail.slice(1))
    }
  }
  out.delete(word)
  return out
}
