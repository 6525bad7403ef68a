import type { ArticleMeta } from '../../../shared/types'

/**
 * The list as the renderer holds it: a sparse array as long as the whole result (`total`), with the pages
 * fetched so far filled in and holes elsewhere. Index = position in the list, so the virtualized list,
 * the keyboard cursor and the reader's n/p all speak in positions, whatever is loaded.
 */
export type Rows = readonly (ArticleMeta | undefined)[]

/** How many articles one queryArticles call asks for. */
export const PAGE_SIZE = 200

export function indexOfId(rows: Rows, id: string | null): number {
  if (id === null) return -1
  for (let i = 0; i < rows.length; i++) if (rows[i]?.id === id) return i
  return -1
}

export function findLoaded(rows: Rows, id: string | null): ArticleMeta | undefined {
  const index = indexOfId(rows, id)
  return index === -1 ? undefined : rows[index]
}

/** A copy of `rows` resized to `total` (holes stay holes; `slice` and `length` never fill them). */
export function resized(rows: Rows, total: number): (ArticleMeta | undefined)[] {
  const copy = rows.slice(0, total) as (ArticleMeta | undefined)[]
  copy.length = total
  return copy
}

/** Puts one page of results at its offset. */
export function withPage(
  rows: Rows,
  total: number,
  offset: number,
  items: readonly ArticleMeta[]
): (ArticleMeta | undefined)[] {
  const copy = resized(rows, total)
  items.forEach((item, i) => {
    if (offset + i < total) copy[offset + i] = item
  })
  return copy
}

/** The first index in [start, end] that is not loaded, or -1. */
export function firstHole(rows: Rows, start: number, end: number): number {
  for (let i = Math.max(0, start); i <= Math.min(end, rows.length - 1); i++) if (rows[i] === undefined) return i
  return -1
}

/**
 * Takes loaded articles out and closes the gaps (holes keep their places relative to their neighbours).
 * Returns the new rows and, for any old index, where it went: its new index, or -1 when removed.
 */
export function withoutIds(
  rows: Rows,
  ids: ReadonlySet<string>
): { rows: (ArticleMeta | undefined)[]; removedBefore: (index: number) => number } {
  const removed: number[] = []
  const out = new Array<ArticleMeta | undefined>(rows.length)
  let j = 0
  for (let i = 0; i < rows.length; i++) {
    const article = rows[i]
    if (article && ids.has(article.id)) {
      removed.push(i)
      continue
    }
    if (article) out[j] = article
    j++
  }
  out.length = j
  // removed is ascending: count how many removed indices lie strictly before `index`.
  const removedBefore = (index: number): number => {
    let low = 0
    let high = removed.length
    while (low < high) {
      const mid = (low + high) >> 1
      if ((removed[mid] as number) < index) low = mid + 1
      else high = mid
    }
    return low
  }
  return { rows: out, removedBefore }
}
