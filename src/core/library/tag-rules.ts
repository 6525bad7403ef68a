import { LecternError } from '../../shared/errors'
import { normalizeTags } from '../../shared/tags'
import type { ArticleMeta } from '../../shared/types'

/** A change to one article's tags, or null when it has nothing to change. */
export type TagPatch = (article: ArticleMeta) => { tags: string[] } | null

/** Adds tags after the article's own, skipping ones it has. */
export function addingTags(tags: readonly string[]): TagPatch {
  const wanted = normalizeTags(tags)
  return (a) => {
    const next = [...a.tags, ...wanted.filter((t) => !a.tags.includes(t))]
    return next.length === a.tags.length ? null : { tags: next }
  }
}

/** Removes tags. */
export function removingTags(tags: readonly string[]): TagPatch {
  const unwanted = new Set(normalizeTags(tags))
  return (a) => (a.tags.some((t) => unwanted.has(t)) ? { tags: a.tags.filter((t) => !unwanted.has(t)) } : null)
}

/**
 * Renames tags `from` to `into`; an article that has both keeps one, in the place of the first. `sources`
 * are the tags that go (empty when there is nothing to do).
 */
export function mergingTags(from: readonly string[], into: string): { sources: ReadonlySet<string>; patch: TagPatch } {
  const [target] = normalizeTags([into])
  if (!target) throw new LecternError('INVALID_INPUT', 'A tag needs at least one letter.')
  const sources = new Set(normalizeTags(from).filter((t) => t !== target))
  const patch: TagPatch = (a) => {
    const next: string[] = []
    for (const tag of a.tags) {
      const renamed = sources.has(tag) ? target : tag
      if (!next.includes(renamed)) next.push(renamed)
    }
    return { tags: next }
  }
  return { sources, patch }
}
