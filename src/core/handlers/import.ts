import type { Handlers } from '../../shared/contract'
import type { AddUrlResult } from '../../shared/types'
import { ImportQueue } from '../import/import-queue'
import type { StoredArticle } from '../import/store-article'
import type { HandlerContext } from './context'

/** The import pipeline (fetching, the extract worker pool) loads on the first save, not when the library opens. */
const pipeline = () => import('../import/import-pipeline')

type ImportHandlers = Pick<Handlers, 'addUrl' | 'addUrls' | 'cancelImport' | 'addHtml' | 'reextractArticle'>

/**
 * A single save is answered once it is on disk (the store announced it as soon as it was in the library).
 * Someone is waiting for this one: it is written now, not after the quarter second that coalesces the
 * writes of a bulk import (a one-page `lectern add` spent a third of its time waiting for that timer).
 */
async function acknowledged(
  store: HandlerContext['store'],
  { durable, ...result }: StoredArticle
): Promise<AddUrlResult> {
  if (!result.existed) void store.flush().catch(() => undefined) // a failure is reported through `durable`
  await durable
  return result
}

/**
 * Saving articles: one address, many (a bulk import with progress events), a page from a file, and
 * extracting a saved page again. Returns the handlers and `stop`, which cancels running bulk imports.
 */
export function importHandlers({
  store,
  limits,
  events,
  bulkConcurrency
}: Pick<HandlerContext, 'store' | 'limits' | 'events' | 'bulkConcurrency'>): {
  handlers: ImportHandlers
  stop(): void
} {
  const imports = new ImportQueue({
    concurrency: bulkConcurrency,
    importOne: async (url, cancel) => (await pipeline()).importUrl(store, url, limits, cancel),
    onProgress: (progress) => events.emit('importProgress', progress)
  })
  const handlers: ImportHandlers = {
    async addUrl({ url }) {
      return acknowledged(store, await (await pipeline()).importUrl(store, url, limits))
    },
    async addUrls({ urls }) {
      return imports.start(urls)
    },
    async cancelImport({ batchId }) {
      return imports.cancel(batchId)
    },
    async addHtml({ base64, fileName }) {
      return acknowledged(
        store,
        await (await pipeline()).importHtml(store, Buffer.from(base64, 'base64'), fileName, limits)
      )
    },
    async reextractArticle({ id }) {
      return (await pipeline()).reextractArticle(store, id, limits)
    }
  }
  return { handlers, stop: () => imports.cancelAll() }
}
