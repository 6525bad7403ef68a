// The extract worker: a worker_threads entry run by the pool in src/core/import/extract-pool.ts. Decoding,
// parsing, Readability, cleanup, sanitizing and image rewriting happen here, so the process that answers
// the window (Electron's main process, `lectern serve`) never runs them; a page that runs too long is
// stopped by terminating this worker, and the pool starts another.
import { LecternError } from '../../shared/errors'
import { readPage, type PageInput, type ReadPage } from './extract-page'
import { sanitizeArticleHtml } from './sanitize-html'

export type ExtractTask = (
  | ({ kind: 'read' } & PageInput)
  /** The article's final HTML: sanitized again with its images pointed at their stored copies. */
  | { kind: 'localize'; html: string; images: [string, string][] }
) & {
  /** Set to 1 (and notified) when this worker starts the task: the pool's time limit counts from then. */
  started?: Int32Array
}

/** LecternErrors cross the thread as values (a class does not survive structured cloning). */
export type ExtractTaskResult =
  { ok: true; value: ReadPage | string } | { ok: false; error: { code: LecternError['code']; message: string } }

export default function runTask(task: ExtractTask): ExtractTaskResult {
  if (task.started) {
    Atomics.store(task.started, 0, 1)
    Atomics.notify(task.started, 0)
  }
  try {
    if (task.kind === 'read') return { ok: true, value: readPage(task) }
    return { ok: true, value: sanitizeArticleHtml(task.html, { images: new Map(task.images) }) }
  } catch (error) {
    if (error instanceof LecternError) return { ok: false, error: { code: error.code, message: error.message } }
    throw error // a bug: the pool reports it as INTERNAL and logs it
  }
}
