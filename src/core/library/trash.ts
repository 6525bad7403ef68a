import { randomBytes } from 'node:crypto'
import { LecternError } from '../../shared/errors'
import type { ArticleMeta, DeleteResult } from '../../shared/types'

/** Kept in memory only: an article list survives a crash in the undo window because its files stay until purge. */
interface TrashEntry {
  articles: ArticleMeta[]
  timer: NodeJS.Timeout
}

/**
 * Deletes that can still be undone: the articles (already out of the library) under an undo token, and a
 * timer per delete that removes their files once the undo window ends. `purgeFiles` removes the files of
 * articles that did not come back.
 */
export class Trash {
  private readonly entries = new Map<string, TrashEntry>()

  constructor(
    private readonly undoWindowMs: number,
    private readonly purgeFiles: (articles: readonly ArticleMeta[]) => Promise<void>
  ) {}

  /** Keeps deleted articles for the undo window; returns what the user is told. */
  put(articles: ArticleMeta[]): DeleteResult {
    const token = randomBytes(12).toString('hex')
    const until = new Date(Date.now() + this.undoWindowMs)
    const timer = setTimeout(
      () =>
        void this.purge(token).catch((error: unknown) =>
          console.error('lectern: removing deleted articles failed', error)
        ),
      this.undoWindowMs
    )
    timer.unref()
    this.entries.set(token, { articles, timer })
    return { ids: articles.map((a) => a.id), undoToken: token, undoUntil: until.toISOString() }
  }

  /** Takes back the articles of a delete still in its undo window. */
  take(token: string): ArticleMeta[] {
    const entry = this.entries.get(token)
    if (!entry) throw new LecternError('NOT_FOUND', 'That delete can no longer be undone (its undo time has passed).')
    clearTimeout(entry.timer)
    this.entries.delete(token)
    return entry.articles
  }

  /** Ends every undo window now (at close): the files of all pending deletes are removed. */
  async purgeAll(): Promise<void> {
    for (const token of [...this.entries.keys()]) await this.purge(token)
  }

  private async purge(token: string): Promise<void> {
    const entry = this.entries.get(token)
    if (!entry) return
    clearTimeout(entry.timer)
    this.entries.delete(token)
    await this.purgeFiles(entry.articles)
  }
}
