import { ARCHIVED, FAVORITE, READ, type DocTable } from './doc-table'
import { foldText } from './fold-text'
import type { Filter } from './parse-query'

/** A query's filters as one test of an article number. */
export type DocFilter = (doc: number) => boolean

/**
 * Compiles the filters of a query against the table's columns. String filters are resolved once per
 * query to the set of string-table numbers they accept (a few thousand distinct hosts, sites, authors
 * and tags at most), so testing an article compares numbers, not strings.
 */
export function compileFilters(table: DocTable, filters: readonly Filter[]): DocFilter | null {
  if (filters.length === 0) return null
  const tests = filters.map((f) => {
    const test = compile(table, f)
    return f.negate ? (doc: number) => !test(doc) : test
  })
  if (tests.length === 1) return tests[0]!
  return (doc) => {
    for (const test of tests) if (!test(doc)) return false
    return true
  }
}

function compile(t: DocTable, f: Filter): DocFilter {
  switch (f.kind) {
    case 'tag': {
      const tag = t.strings.find(foldText(f.value))
      return (doc) => tag !== undefined && t.tags[doc]!.includes(tag)
    }
    case 'site': {
      const site = f.value
      const folded = foldText(site)
      const hosts = accepted(t, (s) => s === site || s.endsWith(`.${site}`))
      const name = t.strings.find(folded)
      return (doc) => hosts.has(t.host[doc]!) || (name !== undefined && folded !== '' && t.site[doc] === name)
    }
    case 'author': {
      const author = foldText(f.value)
      const authors = accepted(t, (s) => s.includes(author))
      return (doc) => authors.has(t.author[doc]!)
    }
    case 'lang': {
      const lang = f.value.toLowerCase()
      const langs = accepted(t, (s) => s === lang || s.startsWith(`${lang}-`))
      return (doc) => langs.has(t.lang[doc]!)
    }
    case 'is': {
      if (f.value === 'unread') return (doc) => (t.flags[doc]! & ARCHIVED) === 0
      const bit = f.value === 'archived' ? ARCHIVED : f.value === 'favorite' ? FAVORITE : READ
      return (doc) => (t.flags[doc]! & bit) !== 0
    }
    case 'saved':
      return (doc) => t.savedMs[doc]! >= f.from && t.savedMs[doc]! < f.to
    case 'published':
      return (doc) => !Number.isNaN(t.publishedMs[doc]) && t.publishedMs[doc]! >= f.from && t.publishedMs[doc]! < f.to
  }
}

/** The numbers of the table's strings that a test accepts. */
function accepted(t: DocTable, test: (value: string) => boolean): Set<number> {
  const found = new Set<number>()
  t.strings.values.forEach((value, n) => {
    if (test(value)) found.add(n)
  })
  return found
}
