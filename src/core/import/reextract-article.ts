import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import { LecternError } from '../../shared/errors'
import type { ArticleMeta } from '../../shared/types'
import { extractArticle } from '../extract/extract-article'
import type { ImportLimits } from './import-limits'
import type { LibraryStore } from '../library/library-store'
import { replaceContent } from './store-article'

/** Extracts an article again from the page kept at import (after the extractor improved), offline. */
export async function reextractArticle(store: LibraryStore, id: string, limits: ImportLimits): Promise<ArticleMeta> {
  const article = store.get(id)
  let sourceHtml: string
  try {
    sourceHtml = gunzipSync(await readFile(`${store.articleDir(id)}/source.html.gz`)).toString('utf8')
  } catch {
    throw new LecternError(
      'NOT_FOUND',
      'The original page of this article was not kept, so it cannot be extracted again.'
    )
  }
  const extracted = extractArticle(sourceHtml, article.canonicalUrl.split('#')[0] as string)
  return replaceContent(
    store,
    id,
    { sourceHtml, savedUrl: article.url, canonicalUrl: article.canonicalUrl, extracted },
    limits
  )
}
