import { basename } from 'node:path'
import { LecternError } from '../../shared/errors'
import { chooseCanonical } from './check-url'
import { readPageInWorker } from './extract-pool'
import { MAX_HTML_FILE_BYTES } from './read-local-file'
import type { ImportLimits } from './import-limits'
import type { LibraryStore } from '../library/library-store'
import { storeArticle, type StoredArticle } from './store-article'

/**
 * Saves a page the user has as a file (dropped on the window, or `lectern add page.html`). A page that
 * names its canonical address is filed under it (and its relative images and links resolve there), so
 * it meets the same article saved from the web; otherwise its address is file:///<name>#<content hash>,
 * so the same file saved twice is recognised.
 */
export async function importHtml(
  store: LibraryStore,
  bytes: Uint8Array,
  fileName: string,
  limits: ImportLimits
): Promise<StoredArticle> {
  if (bytes.byteLength > MAX_HTML_FILE_BYTES) {
    throw new LecternError(
      'TOO_LARGE',
      `${fileName} is larger than ${MAX_HTML_FILE_BYTES / 1_000_000} MB, too large to be an article.`
    )
  }
  const name = basename(fileName.replace(/\\/g, '/')) || 'page.html'
  const pageUrl = `file:///${encodeURIComponent(name)}`
  const { sourceGz, sourceHash, extracted } = await readPageInWorker(
    { bytes, pageUrl, options: { canonicalBase: true }, hash: true },
    limits.extractTimeoutMs
  )
  const savedUrl = `${pageUrl}#${sourceHash?.slice(0, 16)}`
  if (extracted.canonicalUrl) {
    const canonicalUrl = chooseCanonical(new URL(extracted.canonicalUrl), extracted.canonicalUrl)
    return storeArticle(store, { sourceGz, savedUrl: canonicalUrl, canonicalUrl, extracted }, limits)
  }
  return storeArticle(store, { sourceGz, savedUrl, canonicalUrl: savedUrl, extracted }, limits)
}
