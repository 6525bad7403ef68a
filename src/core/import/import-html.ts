import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { LecternError } from '../../shared/errors'
import { chooseCanonical } from './check-url'
import { decodeHtml } from '../extract/decode-html'
import { MAX_HTML_FILE_BYTES } from './read-local-file'
import { extractArticleWith } from '../extract/extract-article'
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
  const { html } = decodeHtml(bytes)
  const name = basename(fileName.replace(/\\/g, '/')) || 'page.html'
  const hash = createHash('sha256').update(html).digest('hex').slice(0, 16)
  const pageUrl = `file:///${encodeURIComponent(name)}`
  const savedUrl = `${pageUrl}#${hash}`
  const extracted = extractArticleWith(html, pageUrl, { canonicalBase: true })
  if (extracted.canonicalUrl) {
    const canonicalUrl = chooseCanonical(new URL(extracted.canonicalUrl), extracted.canonicalUrl)
    return storeArticle(store, { sourceHtml: html, savedUrl: canonicalUrl, canonicalUrl, extracted }, limits)
  }
  return storeArticle(store, { sourceHtml: html, savedUrl, canonicalUrl: savedUrl, extracted }, limits)
}
