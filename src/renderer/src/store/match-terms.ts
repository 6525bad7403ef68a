import type { SearchHit } from '../../../shared/types'

/** `word:value` operators (tag:, site:, is:, ...) filter; they are not words to find in the text. */
const OPERATOR = /^-?[a-z]+:/i

/**
 * The plain words and "phrases" of a query, in order: no operators, no -excluded words. A rough reading
 * of the README syntax, only used to find where a match is in an opened article.
 */
export function plainTerms(query: string): string[] {
  const terms: string[] = []
  const tokens = query.match(/-?"[^"]*"?|\S+/g) ?? []
  for (const token of tokens) {
    if (token.startsWith('-') || OPERATOR.test(token)) continue
    const term = token.replace(/^"|"$/g, '').trim()
    if (term !== '') terms.push(term)
  }
  return terms
}

/**
 * What to look for in an opened hit, best first: the words the core highlighted in the snippet (they are
 * the text as written, with its accents and the completions of a half-typed word), then the query's words.
 */
export function matchTerms(hit: SearchHit, query: string): string[] {
  const fromSnippet = hit.snippet.highlights
    .map(([start, end]) => hit.snippet.text.slice(start, end).trim())
    .filter((text) => text !== '')
  return [...new Set([...fromSnippet, ...plainTerms(query)])]
}
