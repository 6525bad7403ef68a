import type { ArticleMeta } from '../../shared/types'
import { checkWebUrl, normalizeUrl } from '../import/check-url'
import type { ImportedHighlight, ImportedItem } from './import-types'
import { cleanTags } from './import-values'

/** The key an imported address is matched by: the library's normalized form (no fragment or tracking). */
export function importKey(url: string): string | null {
  try {
    return normalizeUrl(checkWebUrl(url))
  } catch {
    return null
  }
}

/** The fields an import may change on an article that is already in the library. */
export type MergedFields = Pick<ArticleMeta, 'savedAt' | 'tags' | 'favorite' | 'state' | 'progress'>

/**
 * What merging an imported item into the existing article changes: the earlier saved date, the union of
 * tags, favorite or archived when either says so, and the further reading progress. Empty when nothing
 * changes (`changed` false), so an import can count the articles it really merged.
 */
export function mergeImported(
  existing: MergedFields,
  item: Pick<ImportedItem, 'savedAt' | 'tags' | 'favorite' | 'state' | 'progress'>
): { change: Partial<MergedFields>; changed: boolean } {
  const change: Partial<MergedFields> = {}
  if (item.savedAt && Date.parse(item.savedAt) < Date.parse(existing.savedAt)) change.savedAt = item.savedAt
  const tags = cleanTags([...existing.tags, ...item.tags])
  if (tags.length !== existing.tags.length) change.tags = tags
  if (item.favorite === true && !existing.favorite) change.favorite = true
  if (item.state === 'archived' && existing.state !== 'archived') change.state = 'archived'
  if (item.progress !== null && item.progress > existing.progress) change.progress = item.progress
  return { change, changed: Object.keys(change).length > 0 }
}

/**
 * Folds items of one file that are the same article (same normalized address) into the first of them,
 * by the same rule as mergeImported; highlights are pooled (each quote and note once). Returns the items
 * in file order and how many were folded away.
 */
export function dedupeImported(items: readonly ImportedItem[]): { items: ImportedItem[]; merged: number } {
  const byKey = new Map<string, ImportedItem>()
  const out: ImportedItem[] = []
  let merged = 0
  for (const item of items) {
    const key = importKey(item.url) ?? item.url
    const first = byKey.get(key)
    if (!first) {
      const copy = { ...item, tags: [...item.tags], highlights: [...item.highlights] }
      byKey.set(key, copy)
      out.push(copy)
      continue
    }
    merged++
    if (item.savedAt && (!first.savedAt || Date.parse(item.savedAt) < Date.parse(first.savedAt)))
      first.savedAt = item.savedAt
    first.tags = cleanTags([...first.tags, ...item.tags])
    first.favorite = either(first.favorite, item.favorite, true)
    first.state = either(first.state, item.state, 'archived')
    if (item.progress !== null && (first.progress === null || item.progress > first.progress))
      first.progress = item.progress
    first.title ??= item.title
    first.content ??= item.content
    first.highlights = uniqueHighlights([...first.highlights, ...item.highlights])
  }
  return { items: out, merged }
}

// The winning value if either says it, else whichever said anything.
function either<T>(a: T | null, b: T | null, wins: T): T | null {
  return a === wins || b === wins ? wins : (a ?? b)
}

function uniqueHighlights(list: ImportedHighlight[]): ImportedHighlight[] {
  const seen = new Set<string>()
  return list.filter((h) => {
    const key = `${h.quote}\u0000${h.note ?? ''}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
}
