import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { ArticleMeta } from '../shared/types'
import { LecternError } from '../shared/errors'
import { chooseCanonical } from './check-url'
import { decodeHtml } from './decode-html'
import { extractArticle, extractArticleWith } from './extract-article'
import type { ImportLimits } from './import-limits'
import type { LibraryStore } from './library-store'
import { replaceContent, storeArticle, type StoredArticle } from './store-article'

/** Largest local file accepted, the same order as a fetched page. */
export const MAX_HTML_FILE_BYTES = 15_000_000

/**
 * Saves a page the user has as a file (dropped on the window, or `lectern add page.html`). A page that
 * names its canonical address is filed under it (and its relative images and links resolve there), so
 * it meets the same article saved from the web; otherwise its address is file:///<name>#<content hash>,
 * so the same file saved twice is recognised.
 */
export async function importHtml(store: LibraryStore, bytes: Uint8Array, fileName: string, limits: ImportLimits): Promise<StoredArticle> {
  if (bytes.byteLength > MAX_HTML_FILE_BYTES) {
    throw new LecternError('TOO_LARGE', `${fileName} is larger than ${MAX_HTML_FILE_BYTES / 1_000_000} MB, too large to be an article.`)
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

/** Reads a local file's bytes, refusing one too large to be an article. */
export async function readLocalFile(path: string): Promise<Buffer> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch {
    throw new LecternError('NOT_FOUND', `Cannot read ${path}.`)
  }
  if (bytes.length > MAX_HTML_FILE_BYTES) throw new LecternError('TOO_LARGE', `${path} is larger than ${MAX_HTML_FILE_BYTES / 1_000_000} MB.`)
  return bytes
}

/** Extracts an article again from the page kept at import (after the extractor improved), offline. */
export async function reextractArticle(store: LibraryStore, id: string, limits: ImportLimits): Promise<ArticleMeta> {
  const article = store.get(id)
  let sourceHtml: string
  try {
    sourceHtml = gunzipSync(await readFile(`${store.articleDir(id)}/source.html.gz`)).toString('utf8')
  } catch {
    throw new LecternError('NOT_FOUND', 'The original page of this article was not kept, so it cannot be extracted again.')
  }
  const extracted = extractArticle(sourceHtml, article.canonicalUrl.split('#')[0] as string)
  return replaceContent(store, id, { sourceHtml, savedUrl: article.url, canonicalUrl: article.canonicalUrl, extracted }, limits)
}
