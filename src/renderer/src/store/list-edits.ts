import type { ArticleMeta } from '../../../shared/types'
import type { AppState } from './app-state'
import { withoutIds } from './library-rows'
import { matchesFilter } from './matches-view'

/**
 * Edits of the loaded list between reloads, as state patches: taking articles out (after a delete, or when a
 * change moves them out of the view) and applying a change to the loaded copies. The cursor, the ticks and
 * the pending delete confirmation follow.
 */

/** Takes loaded articles out of the list; the cursor stays in place, on the article that slid into it. */
export function withoutArticles(state: AppState, ids: ReadonlySet<string>): Partial<AppState> {
  const { rows, removedBefore } = withoutIds(state.rows, ids)
  const removed = state.rows.length - rows.length
  if (removed === 0) return {}
  let { cursor, selectedId } = state
  if (cursor >= 0) {
    cursor = Math.min(cursor - removedBefore(cursor), rows.length - 1)
    if (selectedId === null || ids.has(selectedId)) selectedId = rows[cursor]?.id ?? null
  } else if (selectedId !== null && ids.has(selectedId)) {
    selectedId = null
  }
  const markedIds = [...state.markedIds].some((id) => ids.has(id))
    ? new Set([...state.markedIds].filter((id) => !ids.has(id)))
    : state.markedIds
  return {
    rows,
    total: Math.max(0, state.total - removed),
    cursor,
    selectedId,
    markedIds,
    confirmDeleteId: state.confirmDeleteId !== null && ids.has(state.confirmDeleteId) ? null : state.confirmDeleteId
  }
}

/** Applies `change` to the loaded articles of `ids` (and the open one); ones that no longer fit the list leave it. */
export function withChange(
  state: AppState,
  ids: ReadonlySet<string>,
  change: (a: ArticleMeta) => ArticleMeta
): Partial<AppState> {
  const filter = { view: state.view, tag: state.tag, site: state.site }
  const rows = state.rows.slice() as (ArticleMeta | undefined)[]
  const leaving = new Set<string>()
  let touched = false
  rows.forEach((article, i) => {
    if (!article || !ids.has(article.id)) return
    const updated = change(article)
    rows[i] = updated
    touched = true
    if (!matchesFilter(updated, filter)) leaving.add(updated.id)
  })
  const patch: Partial<AppState> = {}
  if (touched) Object.assign(patch, withoutArticles({ ...state, rows }, leaving), leaving.size === 0 ? { rows } : {})
  if (state.content && ids.has(state.content.meta.id))
    patch.content = { ...state.content, meta: change(state.content.meta) }
  return patch
}
