import { randomBytes } from 'node:crypto'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { LecternError } from '../../shared/errors'
import type { AddUrlResult, ImportItem, ImportProgress } from '../../shared/types'
import { normalizeUrl } from './check-url'

interface Batch {
  progress: ImportProgress
  controller: AbortController
}

export interface ImportQueueOptions {
  /**
   * Saves one address (importUrl bound to the library); throws LecternError on failure. Resolves when the
   * article is in the library; `durable` when it is on disk, which is when the item counts as saved.
   */
  importOne: (url: string, cancel: AbortSignal) => Promise<AddUrlResult & { durable: Promise<void> }>
  /** Called with a fresh snapshot on every change. */
  onProgress: (progress: ImportProgress) => void
  concurrency: number
}

/**
 * Bulk import: many addresses, a few at a time, each failure recorded and the rest carried on, with a
 * progress snapshot after every step and cancellation of the whole batch.
 */
export class ImportQueue {
  private readonly batches = new Map<string, Batch>()

  constructor(private readonly options: ImportQueueOptions) {}

  /** Queues the addresses (duplicates within the list are dropped) and starts; returns the first snapshot. */
  start(rawUrls: string[]): ImportProgress {
    const seen = new Set<string>()
    const items: ImportItem[] = []
    for (const raw of rawUrls.map((u) => u.trim()).filter(Boolean)) {
      let key = raw
      try {
        key = normalizeUrl(raw)
      } catch {
        // Not a URL: keep it, so the summary can say why it failed.
      }
      if (seen.has(key)) continue
      seen.add(key)
      items.push({ url: raw, status: 'queued' })
    }
    const batchId = randomBytes(6).toString('hex')
    const progress: ImportProgress = {
      batchId,
      total: items.length,
      done: 0,
      saved: 0,
      existing: 0,
      failed: 0,
      cancelled: 0,
      finished: items.length === 0,
      items
    }
    const batch: Batch = { progress, controller: new AbortController() }
    this.batches.set(batchId, batch)
    void this.run(batch)
    return snapshot(progress)
  }

  cancel(batchId: string): ImportProgress {
    const batch = this.batches.get(batchId)
    if (!batch) throw new LecternError('NOT_FOUND', 'That import has already finished or never existed.')
    batch.controller.abort()
    for (const item of batch.progress.items) if (item.status === 'queued') this.finish(batch, item, 'cancelled')
    this.emit(batch)
    return snapshot(batch.progress)
  }

  /** Cancels every running batch and waits for none: used at shutdown. */
  cancelAll(): void {
    for (const id of this.batches.keys()) this.cancel(id)
  }

  private async run(batch: Batch): Promise<void> {
    const queue = [...batch.progress.items]
    // Items waiting for their save to reach the disk: the worker fetches the next page meanwhile.
    const settling: Promise<void>[] = []
    const worker = async (): Promise<void> => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        if (item.status !== 'queued') continue
        item.status = 'saving'
        this.emit(batch)
        try {
          const { article, existed, durable } = await this.options.importOne(item.url, batch.controller.signal)
          item.articleId = article.id
          item.title = article.title
          const saved = item
          settling.push(
            durable
              .then(
                () => this.finish(batch, saved, existed ? 'existing' : 'saved'),
                (error: unknown) => this.fail(batch, saved, error)
              )
              .then(() => this.emit(batch))
          )
        } catch (error) {
          this.fail(batch, item, error)
          this.emit(batch)
        }
        // Let other work run between pages (and jsdom free closed windows, which it does only then).
        await nextTurn()
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.concurrency, queue.length)) }, worker))
    await Promise.all(settling)
    batch.progress.finished = true
    this.emit(batch)
    this.batches.delete(batch.progress.batchId)
  }

  private fail(batch: Batch, item: ImportItem, error: unknown): void {
    if (error instanceof LecternError && error.code === 'CANCELLED') return this.finish(batch, item, 'cancelled')
    if (!(error instanceof LecternError)) console.error(`lectern: importing ${item.url} failed unexpectedly`, error)
    item.error =
      error instanceof LecternError
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL', message: 'Unexpected error while saving; details are in the log.' }
    this.finish(batch, item, 'failed')
  }

  private finish(batch: Batch, item: ImportItem, status: 'saved' | 'existing' | 'failed' | 'cancelled'): void {
    item.status = status
    batch.progress.done++
    batch.progress[status]++
  }

  private emit(batch: Batch): void {
    this.options.onProgress(snapshot(batch.progress))
  }
}

function snapshot(progress: ImportProgress): ImportProgress {
  return { ...progress, items: progress.items.map((item) => ({ ...item })) }
}
