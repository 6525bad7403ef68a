import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AddUrlResult, ArticleMeta } from '../../shared/types'
import { LecternError } from '../../shared/errors'
import type { ExtractedArticle } from '../extract/extract-article'
import type { ImportLimits } from './import-limits'
import type { LibraryStore } from '../library/library-store'
import { localizeHtmlInWorker } from './extract-pool'
import { readImageMap, storeImages, writeImageMap } from './store-images'
import { readingMinutes } from '../../shared/reading-time'

/** A page ready to be stored: its decoded HTML, the address it came from, and what extraction found. */
export interface ExtractedPage {
  /** The decoded page, gzipped (source.html.gz), from the extract worker. */
  sourceGz: Uint8Array
  /** The address the user gave (normalized): what they will recognise in the library. */
  savedUrl: string
  /** Where the page really is: after redirects, or its rel=canonical. */
  canonicalUrl: string
  extracted: ExtractedArticle
}

/** A stored article, and the promise of its metadata being on disk (resolved at once for one that existed). */
export interface StoredArticle extends AddUrlResult {
  durable: Promise<void>
}

const ALREADY_DURABLE = Promise.resolve()

/** The saved article with the same address or canonical address, if any. */
export function findSaved(store: LibraryStore, ...urls: string[]): ArticleMeta | undefined {
  const wanted = new Set(urls)
  return store.all().find((a) => wanted.has(a.url) || wanted.has(a.canonicalUrl))
}

/**
 * Writes a new article: images and files first, metadata last, so the library never points at missing
 * content. On any failure the article's folder is removed and the library is exactly as it was. The
 * article is in the library when this resolves; await `durable` before telling the user it is saved.
 */
export async function storeArticle(
  store: LibraryStore,
  page: ExtractedPage,
  limits: ImportLimits,
  cancel?: AbortSignal
): Promise<StoredArticle> {
  const already = findSaved(store, page.savedUrl, page.canonicalUrl)
  if (already) return { article: already, existed: true, durable: ALREADY_DURABLE }
  const id = newArticleId()
  const dir = store.articleDir(id)
  try {
    await mkdir(dir, { recursive: true })
    const content = await writeContent(dir, page, limits, new Map(), cancel)
    // The fetched page, so the article can be extracted again later without the network.
    await writeFile(join(dir, 'source.html.gz'), page.sourceGz)
    const article: ArticleMeta = {
      id,
      url: page.savedUrl,
      canonicalUrl: page.canonicalUrl,
      ...describe(page.extracted, page.canonicalUrl),
      leadImage: content.leadImage,
      savedAt: new Date().toISOString(),
      readAt: null,
      state: 'unread',
      favorite: false,
      tags: [],
      progress: 0
    }
    // Checked again with no await before the add: a concurrent import of the same article (a bulk list
    // with two addresses of one story) may have finished while this one fetched its images.
    const raced = findSaved(store, page.savedUrl, page.canonicalUrl)
    if (raced) {
      await rm(dir, { recursive: true, force: true })
      return { article: raced, existed: true, durable: ALREADY_DURABLE }
    }
    if (cancel?.aborted) throw new LecternError('CANCELLED', 'Cancelled.')
    return { article, existed: false, durable: store.stage(article) }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

/**
 * Rebuilds an existing article's content from a new extraction (re-extract): images already stored are
 * reused without the network; the user's state (read, favorite, tags, progress) is kept.
 */
export async function replaceContent(
  store: LibraryStore,
  id: string,
  page: ExtractedPage,
  limits: ImportLimits
): Promise<ArticleMeta> {
  const dir = store.articleDir(id)
  const known = await readImageMap(dir)
  const content = await writeContent(dir, page, limits, known)
  return store.update(id, { ...describe(page.extracted, page.canonicalUrl), leadImage: content.leadImage })
}

/** The metadata that comes from the page itself. */
function describe(extracted: ExtractedArticle, canonicalUrl: string) {
  return {
    title: extracted.title,
    byline: extracted.byline,
    siteName: extracted.siteName ?? hostName(canonicalUrl),
    excerpt: extracted.excerpt,
    lang: extracted.lang,
    wordCount: extracted.wordCount,
    readingMinutes: readingMinutes(extracted.wordCount),
    publishedAt: isoDate(extracted.publishedTime)
  }
}

/** Stores images and writes content.html / content.txt, each through a temporary file and a rename. */
async function writeContent(
  dir: string,
  page: ExtractedPage,
  limits: ImportLimits,
  known: Map<string, string>,
  cancel?: AbortSignal
) {
  const { html, imageUrls, leadImageUrl, text } = page.extracted
  const images = await storeImages(imageUrls, leadImageUrl, dir, limits.images, { cancel, known })
  // Rewriting the HTML parses it again: in the worker, not in the process that answers the window.
  const localized = imageUrls.length ? await localizeHtmlInWorker(html, images.map, limits.extractTimeoutMs) : html
  await writeImageMap(dir, images.map)
  await replaceFile(join(dir, 'content.html'), localized)
  await replaceFile(join(dir, 'content.txt'), text)
  return images
}

async function replaceFile(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text)
  await rename(`${path}.tmp`, path)
}

/** Ids sort by time saved and are safe as folder names: base36 milliseconds + random suffix. */
function newArticleId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
}

function hostName(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null
  } catch {
    return null
  }
}

/** A date as ISO 8601 when it reads as one between years 1000 and 9999; anything else is no date. */
function isoDate(value: string | null): string | null {
  if (!value) return null
  const date = new Date(value)
  const year = date.getUTCFullYear()
  return Number.isNaN(date.getTime()) || year < 1000 || year > 9999 ? null : date.toISOString()
}
