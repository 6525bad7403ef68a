import { readFile } from 'node:fs/promises'
import { LecternError } from '../../shared/errors'
import type { ArticleMeta } from '../../shared/types'
import { readPageInWorker } from './extract-pool'
import type { ImportLimits } from './import-limits'
import type { LibraryStore } from '../library/library-store'
import { replaceContent } from './store-article'

/** Extracts an article again from the page kept at import (after the extractor improved), offline. */
export async function reextractArticle(store: LibraryStore, id: string, limits: ImportLimits): Promise<ArticleMeta> {
  const article = store.get(id)
  let kept: Buffer
  try {
    // Inflated in the worker, with a ceiling (a damaged or planted file could be a gzip bomb).
    kept = await readFile(`${store.articleDir(id)}/source.html.gz`)
  } catch {
    throw new LecternError(
      'NOT_FOUND',
      'The original page of this article was not kept, so it cannot be extracted again.'
    )
  }
  const { extracted } = await readPageInWorker(
    { gz: kept, pageUrl: article.canonicalUrl.split('#')[0] as string },
    limits.extractTimeoutMs
  )
  return replaceContent(
    store,
    id,
    { sourceGz: kept, savedUrl: article.url, canonicalUrl: article.canonicalUrl, extracted },
    limits
  )
}
