import { randomBytes } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import type { AddUrlResult, ArticleMeta } from '../shared/types'
import { LecternError } from '../shared/errors'
import { checkWebUrl, normalizeUrl } from './check-url'
import { decodeHtml } from './decode-html'
import { extractArticle } from './extract-article'
import { fetchLimited } from './fetch-limited'
import type { ImportLimits } from './import-limits'
import type { LibraryStore } from './library-store'
import { localizeImages } from './localize-images'
import { readingMinutes } from './text-stats'

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i

/**
 * Saves one web page into the library: fetch → decode → extract and sanitize → store images → write
 * files → write metadata. Either the whole article lands, or the library is left exactly as it was.
 */
export async function importUrl(store: LibraryStore, rawUrl: string, limits: ImportLimits, cancel?: AbortSignal): Promise<AddUrlResult> {
  const url = checkWebUrl(rawUrl)
  const existing = findSaved(store, normalizeUrl(url))
  if (existing) return { article: existing, existed: true }

  const page = await fetchLimited(url, limits.page, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', cancel)
  const mediaType = page.contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (mediaType && !HTML_TYPES.test(mediaType)) throw unsupportedType(mediaType)
  const { html: sourceHtml } = decodeHtml(page.bytes, page.contentType)
  const finalUrl = page.url.toString()
  const extracted = extractArticle(sourceHtml, finalUrl)

  const canonicalUrl = normalizeUrl(page.url)
  const duplicate = findSaved(store, canonicalUrl)
  if (duplicate) return { article: duplicate, existed: true }

  const id = newArticleId()
  const dir = store.articleDir(id)
  try {
    await mkdir(dir, { recursive: true })
    const images = await localizeImages(extracted.html, extracted.leadImageUrl, dir, limits.images, cancel)
    await writeFile(join(dir, 'content.html'), images.html)
    await writeFile(join(dir, 'content.txt'), extracted.text)
    // The fetched page, so the article can be extracted again later without the network.
    await writeFile(join(dir, 'source.html.gz'), await promisify(gzip)(sourceHtml))
    const article: ArticleMeta = {
      id,
      url: normalizeUrl(url),
      canonicalUrl,
      title: extracted.title,
      byline: extracted.byline,
      siteName: extracted.siteName ?? page.url.hostname.replace(/^www\./, ''),
      excerpt: extracted.excerpt,
      lang: extracted.lang,
      wordCount: extracted.wordCount,
      readingMinutes: readingMinutes(extracted.wordCount),
      savedAt: new Date().toISOString(),
      publishedAt: validDate(extracted.publishedTime),
      readAt: null,
      state: 'unread',
      favorite: false,
      tags: [],
      progress: 0,
      leadImage: images.leadImage
    }
    // Checked again with no await before the add: a concurrent import of the same article (a bulk list
    // with two addresses of one story) may have finished while this one fetched its images.
    const raced = findSaved(store, canonicalUrl) ?? findSaved(store, article.url)
    if (raced) {
      await rm(dir, { recursive: true, force: true })
      return { article: raced, existed: true }
    }
    if (cancel?.aborted) throw new LecternError('CANCELLED', 'Cancelled.')
    await store.add(article)
    return { article, existed: false }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

function findSaved(store: LibraryStore, normalized: string): ArticleMeta | undefined {
  return store.all().find((a) => a.url === normalized || a.canonicalUrl === normalized)
}

/** Ids sort by time saved and are safe as folder names: base36 milliseconds + random suffix. */
function newArticleId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
}

function validDate(value: string | null): string | null {
  if (!value) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
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
