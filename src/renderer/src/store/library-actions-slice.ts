import { normalizeTag, normalizeTags } from '../../../shared/tags'
import type { ArticleMeta, DeleteResult } from '../../../shared/types'
import type { AppError } from '../../../shared/result'
import type { SliceCreator } from './app-state'
import { indexOfId } from './library-rows'
import { withChange, withoutArticles } from './list-edits'

/** A delete that can still be taken back: the toast shows it until `until` (ms since the epoch). */
export interface PendingUndo {
  token: string
  count: number
  until: number
}

/** What the user does to articles: archive, favorite, tag, delete and undo, one at a time or ticked. */
export interface LibraryActionsSlice {
  /** Why the last archive/favorite/tag/delete failed; cleared by the next action. */
  actionError: AppError | null
  /** The last delete, while it can be undone. */
  undo: PendingUndo | null

  archive(id: string, archived: boolean): Promise<void>
  favorite(id: string, favorite: boolean): Promise<void>
  archiveMany(ids: string[], archived: boolean): Promise<void>
  favoriteMany(ids: string[], favorite: boolean): Promise<void>
  /** Resolves true on success (so a form can clear its input). */
  addTags(ids: string[], tags: string[]): Promise<boolean>
  removeTags(ids: string[], tags: string[]): Promise<boolean>
  /** Renames a tag everywhere; onto an existing tag, the two are merged. */
  renameTag(from: string, to: string): Promise<boolean>
  /** Deletes one article (after the inline confirmation), undoable. */
  remove(id: string): Promise<void>
  /** Deletes articles at once, undoable for the window the core reports. */
  deleteMany(ids: string[]): Promise<void>
  undoDelete(): Promise<void>
  dismissUndo(): void
  dismissActionError(): void
  /** Puts an updated article into the list (or takes it out if it left the view) and into the reader. */
  applyArticleUpdate(meta: ArticleMeta): void
  /** Stops the undo timer (the store is being disposed). */
  stopLibraryTimers(): void
}

export const createLibraryActionsSlice: SliceCreator<LibraryActionsSlice> =
  ({ client }) =>
  (set, get) => {
    let undoTimer: ReturnType<typeof setTimeout> | null = null

    /** Applies `change` to loaded articles of `ids`; ones that no longer fit the list leave it. */
    const patchLoaded = (ids: ReadonlySet<string>, change: (a: ArticleMeta) => ArticleMeta): void =>
      set(withChange(get(), ids, change))

    const applyUpdate = (meta: ArticleMeta): void => patchLoaded(new Set([meta.id]), () => meta)

    const stopUndoTimer = (): void => {
      if (undoTimer !== null) clearTimeout(undoTimer)
      undoTimer = null
    }

    const showUndo = (deleted: DeleteResult): void => {
      stopUndoTimer()
      if (deleted.ids.length === 0) return
      const until = Date.parse(deleted.undoUntil)
      set({ undo: { token: deleted.undoToken, count: deleted.ids.length, until } })
      undoTimer = setTimeout(
        () => {
          undoTimer = null
          if (get().undo?.token === deleted.undoToken) set({ undo: null })
        },
        Math.max(0, until - Date.now())
      )
    }

    /** Runs a bulk call; on success applies it to what is loaded and clears the ticks. */
    const bulk = async <T extends { ids: string[] }>(
      call: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>,
      apply: (changed: ReadonlySet<string>) => void
    ): Promise<boolean> => {
      set({ actionError: null })
      const result = await call()
      if (!result.ok) {
        set({ actionError: result.error })
        return false
      }
      apply(new Set(result.value.ids))
      return true
    }

    return {
      actionError: null,
      undo: null,

      async archive(id, archived) {
        set({ actionError: null })
        const result = await client.api.setArchived({ id, archived })
        if (result.ok) applyUpdate(result.value)
        else set({ actionError: result.error })
      },

      async favorite(id, favorite) {
        set({ actionError: null })
        const result = await client.api.setFavorite({ id, favorite })
        if (result.ok) applyUpdate(result.value)
        else set({ actionError: result.error })
      },

      async archiveMany(ids, archived) {
        await bulk(
          () => client.api.setArchivedMany({ ids, archived }),
          (changed) => {
            patchLoaded(changed, (a) => ({ ...a, state: archived ? 'archived' : 'unread' }))
            get().clearMarks()
          }
        )
      },

      async favoriteMany(ids, favorite) {
        await bulk(
          () => client.api.setFavoriteMany({ ids, favorite }),
          (changed) => {
            patchLoaded(changed, (a) => ({ ...a, favorite }))
            get().clearMarks()
          }
        )
      },

      addTags(ids, tags) {
        // The loaded copies get the tags as the core stores them (shared/tags.ts).
        const added = normalizeTags(tags)
        return bulk(
          () => client.api.addTags({ ids, tags }),
          (changed) =>
            patchLoaded(changed, (a) => ({ ...a, tags: [...a.tags, ...added.filter((t) => !a.tags.includes(t))] }))
        )
      },

      removeTags(ids, tags) {
        const removed = normalizeTags(tags)
        return bulk(
          () => client.api.removeTags({ ids, tags }),
          (changed) => patchLoaded(changed, (a) => ({ ...a, tags: a.tags.filter((t) => !removed.includes(t)) }))
        )
      },

      async renameTag(from, to) {
        const target = normalizeTag(to)
        if (target === '' || target === from) return target !== ''
        // Onto a tag that exists, renaming is merging: the core does both with one rule.
        const exists = get().counts?.tags.some((t) => t.tag === target) ?? false
        const done = await bulk(
          () =>
            exists ? client.api.mergeTags({ tags: [from], into: target }) : client.api.renameTag({ from, to: target }),
          (changed) =>
            patchLoaded(changed, (a) => ({ ...a, tags: [...new Set(a.tags.map((t) => (t === from ? target : t)))] }))
        )
        if (!done) return false
        if (get().tag === from) await get().showTag(target)
        void get().loadCounts()
        return true
      },

      async remove(id) {
        await get().deleteMany([id])
      },

      async deleteMany(ids) {
        set({ actionError: null, confirmDeleteId: null })
        const result = await client.api.deleteArticles({ ids })
        if (!result.ok) {
          set({ actionError: result.error })
          return
        }
        const gone = new Set(result.value.ids)
        set(withoutArticles(get(), gone))
        const openId = get().openId
        if (openId !== null && gone.has(openId)) get().close()
        showUndo(result.value)
      },

      async undoDelete() {
        const undo = get().undo
        if (!undo) return
        stopUndoTimer()
        set({ undo: null, actionError: null })
        const result = await client.api.undoDelete({ token: undo.token })
        if (!result.ok) {
          set({ actionError: result.error })
          return
        }
        await get().load()
        const [first] = result.value.ids
        if (first !== undefined && indexOfId(get().rows, first) !== -1) get().select(first)
      },

      dismissUndo() {
        stopUndoTimer()
        set({ undo: null })
      },

      dismissActionError: () => set({ actionError: null }),
      applyArticleUpdate: applyUpdate,
      stopLibraryTimers: stopUndoTimer
    }
  }
