import type { ArticleMeta } from '../../shared/types'

/**
 * What changed in the library, as the store announces it: one event per kind for each store operation, so a
 * bulk archive of 500 articles is one `updated` event with 500 ids.
 */
export type LibraryChange =
  | { kind: 'added'; ids: string[] }
  | { kind: 'updated'; ids: string[]; fields: (keyof ArticleMeta)[] }
  | { kind: 'removed'; ids: string[] }

export type LibraryChangeListener = (change: LibraryChange) => void

/** Fields whose change alone shows in no view, count or search: the reading position, saved as one scrolls. */
const QUIET_FIELDS: ReadonlySet<keyof ArticleMeta> = new Set(['progress'])

/** The ids of a change that views and the search index must look at again (none for a progress-only update). */
export function idsToRefresh(change: LibraryChange): string[] {
  if (change.kind === 'updated' && change.fields.every((field) => QUIET_FIELDS.has(field))) return []
  return change.ids
}

/**
 * The store's announcements, in one place. The store's primitive mutations (insert, detach, apply) record
 * here, so no operation can change an article without it being announced; an operation wrapped in batch()
 * is announced once, when it returns, with every id it touched.
 */
export class ChangeLog {
  private readonly listeners = new Set<LibraryChangeListener>()
  private depth = 0
  private added: string[] = []
  private removed: string[] = []
  private updated = new Map<string, Set<keyof ArticleMeta>>()

  /** Subscribes to changes; returns the function that unsubscribes. */
  on(listener: LibraryChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Runs one store operation (synchronous) and announces what it recorded when it returns or throws. */
  batch<T>(operation: () => T): T {
    this.depth++
    try {
      return operation()
    } finally {
      if (--this.depth === 0) this.announce()
    }
  }

  recordAdded(id: string): void {
    this.added.push(id)
    this.settle()
  }

  recordUpdated(id: string, fields: readonly (keyof ArticleMeta)[]): void {
    const known = this.updated.get(id) ?? new Set()
    for (const field of fields) known.add(field)
    this.updated.set(id, known)
    this.settle()
  }

  recordRemoved(id: string): void {
    this.removed.push(id)
    this.settle()
  }

  /** Outside a batch, a record is announced at once. */
  private settle(): void {
    if (this.depth === 0) this.announce()
  }

  private announce(): void {
    const changes: LibraryChange[] = []
    if (this.added.length) changes.push({ kind: 'added', ids: this.added })
    if (this.updated.size) {
      const fields = new Set<keyof ArticleMeta>()
      for (const set of this.updated.values()) for (const field of set) fields.add(field)
      changes.push({ kind: 'updated', ids: [...this.updated.keys()], fields: [...fields] })
    }
    if (this.removed.length) changes.push({ kind: 'removed', ids: this.removed })
    this.added = []
    this.removed = []
    this.updated = new Map()
    for (const change of changes) {
      for (const listener of this.listeners) {
        // A listener's failure (the search index, a window) must not undo or fail the change, which stands.
        try {
          listener(change)
        } catch (error) {
          console.error('lectern: a library change listener failed', error)
        }
      }
    }
  }
}
