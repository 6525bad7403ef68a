import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { LecternError } from '../../shared/errors'
import type { ArticleMeta } from '../../shared/types'
import { readPageInWorker } from './extract-pool'
import type { ImportLimits } from './import-limits'
import type { LibraryStore } from '../library/library-store'
import { replaceContent } from './store-article'

// The kept page is at most 15 MB as fetched; decoded to UTF-8 it can grow up to threefold. A file that
// inflates past this was not written by Lectern.
const MAX_KEPT_PAGE_BYTES = 64_000_000

/** Extracts an article again from the page kept at import (after the extractor improved), offline. */
export async function reextractArticle(store: LibraryStore, id: string, limits: ImportLimits): Promise<ArticleMeta> {
  const article = store.get(id)
  let sourceHtml: string
  try {
    const kept = await readFile(`${store.articleDir(id)}/source.html.gz`)
    // Inflated off the main thread, with a ceiling (a damaged or planted file could be a gzip bomb).
    sourceHtml = (await promisify(gunzip)(kept, { maxOutputLength: MAX_KEPT_PAGE_BYTES })).toString('utf8')
  } catch {
    throw new LecternError(
      'NOT_FOUND',
      'The original page of this article was not kept, so it cannot be extracted again.'
    )
  }
  const { extracted } = await readPageInWorker(
    { html: sourceHtml, pageUrl: article.canonicalUrl.split('#')[0] as string },
    limits.extractTimeoutMs
  )
  return replaceContent(
    store,
    id,
    { sourceHtml, savedUrl: article.url, canonicalUrl: article.canonicalUrl, extracted },
    limits
  )
}
