import { LecternError } from '../../shared/errors'
import { checkWebUrl, chooseCanonical, normalizeUrl } from './check-url'
import { extractPool, readPageInWorker } from './extract-pool'
import { fetchLimited } from './fetch-limited'
import type { ImportLimits } from './import-limits'
import type { LibraryStore } from '../library/library-store'
import { findSaved, storeArticle, type StoredArticle } from './store-article'

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i

/**
 * Saves one web page into the library: fetch → decode → extract and sanitize → store images → write
 * files → write metadata. Either the whole article lands, or the library is left exactly as it was.
 */
export async function importUrl(
  store: LibraryStore,
  rawUrl: string,
  limits: ImportLimits,
  cancel?: AbortSignal
): Promise<StoredArticle> {
  const url = checkWebUrl(rawUrl)
  const savedUrl = normalizeUrl(url)
  const existing = findSaved(store, savedUrl)
  if (existing) return { article: existing, existed: true, durable: Promise.resolve() }

  extractPool() // starts the worker while the page downloads
  const page = await fetchLimited(url, limits.page, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', cancel)
  const mediaType = page.contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (mediaType && !HTML_TYPES.test(mediaType)) throw unsupportedType(mediaType)
  const { sourceGz, extracted } = await readPageInWorker(
    {
      bytes: page.bytes,
      contentType: page.contentType,
      pageUrl: page.url.toString(),
      options: { headerLang: page.contentLanguage }
    },
    limits.extractTimeoutMs,
    cancel
  )
  // Reached through a redirect to a page already saved, even if that one has a different canonical.
  const byFinalAddress = findSaved(store, normalizeUrl(page.url))
  if (byFinalAddress) return { article: byFinalAddress, existed: true, durable: Promise.resolve() }
  const canonicalUrl = chooseCanonical(page.url, extracted.canonicalUrl)
  return storeArticle(store, { sourceGz, savedUrl, canonicalUrl, extracted }, limits, cancel)
}

function unsupportedType(mediaType: string): LecternError {
  const what =
    mediaType === 'application/pdf'
      ? 'a PDF document'
      : mediaType.startsWith('image/')
        ? 'an image'
        : mediaType.startsWith('video/') || mediaType.startsWith('audio/')
          ? 'a media file'
          : `a ${mediaType} file`
  return new LecternError('UNSUPPORTED_TYPE', `This address is ${what}, not a web page; Lectern saves HTML articles.`)
}
