import { Readability } from '@mozilla/readability'
import { LecternError } from '../../shared/errors'
import { oneLineMax } from '../../shared/plain-text'
import { parsePageExact, parsePageFast } from './dom-window'
import { cleanArticle, type CleanupRule } from './clean-article'
import { cleanByline, cleanTitle } from './clean-title'
import { absolutizeLinks, absoluteUrl, normalizeImages } from './normalize-media'
import { keepEmbeddedPosts, rememberQuotes, restoreQuotes } from './keep-embedded-posts'
import { normalizeLang } from './normalize-lang'
import { readPageMetadata } from './page-metadata'
import { trimAttributes } from './trim-attributes'
import { findCaptions, rememberCaptions } from './find-captions'
import { elementToText } from './html-to-text'
import { sanitizeArticleHtml } from './sanitize-html'
import { countWords } from './text-stats'

/** What extraction yields from one page: sanitized HTML with absolute URLs, and its metadata. */
export interface ExtractedArticle {
  /** One line of printable text, without the site's name. */
  title: string
  byline: string | null
  siteName: string | null
  /** As the page wrote it (one line); the import keeps it only if it reads as a date. */
  publishedTime: string | null
  /** A canonical BCP 47 tag, or null. */
  lang: string | null
  excerpt: string | null
  /** Sanitized article HTML; images and links are absolute URLs of the original site. */
  html: string
  /** The story as plain text (one line per block; figure captions left out), for search and word counts. */
  text: string
  wordCount: number
  /** Every image of `html`, in order, once each: what the import stores locally. */
  imageUrls: string[]
  leadImageUrl: string | null
  /** The page's own rel=canonical (or og:url), absolute, if it names one. */
  canonicalUrl: string | null
}

/** Knobs: the benchmark's ablation, how a page saved as a file resolves its addresses, what HTTP said. */
export interface ExtractOptions {
  disabledRules?: readonly CleanupRule[]
  /** Resolve relative links and images against the page's rel=canonical when it names one (a saved file). */
  canonicalBase?: boolean
  /** The response's Content-Language header: the page's language when the page itself says none. */
  headerLang?: string | null
}

// Below this much text, what Readability found is a fragment of a page (a home page, a login wall), not an article.
const MIN_ARTICLE_CHARS = 200
const MAX_SITE_NAME = 100
const MAX_EXCERPT = 1000

/** Finds the readable article in a page. Throws NOT_AN_ARTICLE when there is none; never anything else. */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  return extractArticleWith(html, pageUrl, {})
}

/** extractArticle with options. */
export function extractArticleWith(html: string, pageUrl: string, options: ExtractOptions): ExtractedArticle {
  try {
    // linkedom first: an order of magnitude faster than jsdom, and it never evaluates CSS.
    return extractFrom(parsePageFast(html), pageUrl, options)
  } catch (error) {
    if (error instanceof LecternError) throw error
  }
  // A page linkedom cannot handle gets one more chance on jsdom; whatever still fails is "no article".
  let exact: ReturnType<typeof parsePageExact> | null = null
  try {
    exact = parsePageExact(html, pageUrl)
    return extractFrom(exact.document, pageUrl, options)
  } catch (error) {
    if (error instanceof LecternError) throw error
    const reason = String((error as Error)?.message ?? error).slice(0, 200)
    throw new LecternError('NOT_AN_ARTICLE', `This page could not be read as an article (${reason}).`)
  } finally {
    exact?.close()
  }
}

function extractFrom(doc: Document, pageUrl: string, options: ExtractOptions): ExtractedArticle {
  const meta = readPageMetadata(doc) // before Readability, which rewrites the document
  const pageBase = absoluteUrl(meta.baseHref, pageUrl) ?? pageUrl // the page's <base href>, if usable
  const declaredCanonical = absoluteUrl(meta.canonical, pageBase)
  const base = (options.canonicalBase && declaredCanonical) || pageBase
  const documentTitle = doc.title?.trim() ?? ''
  const captionTexts = rememberCaptions(doc)
  keepEmbeddedPosts(doc)
  const quotes = rememberQuotes(doc)
  // keepClasses: the cleanup reads class names (the sanitizer drops them afterwards); the serializer hands
  // back the article element itself instead of an HTML string to parse again.
  const parsed = new Readability(doc, { keepClasses: true, serializer: (el: Node) => el } as never).parse()
  const root = parsed?.content as unknown as Element | null | undefined
  const textLength = parsed?.textContent?.replace(/\s+/g, '').length ?? 0
  if (!parsed || !root || typeof root !== 'object' || textLength < MIN_ARTICLE_CHARS) {
    throw new LecternError(
      'NOT_AN_ARTICLE',
      'No article was found on this page; it looks like a home page, a list of links or a login page.'
    )
  }

  // Metadata is never worth an import: each value is repaired or dropped, whatever the page wrote.
  const siteName = total(() => nonEmpty(oneLineMax(parsed.siteName || meta.siteName || '', MAX_SITE_NAME)), null)
  const byline = total(() => cleanByline(parsed.byline || meta.byline, siteName), null)
  const title =
    total(
      () =>
        cleanTitle(parsed.title || meta.title || documentTitle, siteName, {
          siteNames: meta.siteNames,
          pageUrl,
          byline,
          otherTitles: meta.titles,
          siteHints: meta.siteHints
        }),
      ''
    ) || fallbackTitle(pageUrl)
  const lang = total(() => firstLang([parsed.lang, ...meta.langs, options.headerLang]), null)

  restoreQuotes(root, quotes)
  cleanArticle(root, { title, byline, disabledRules: options.disabledRules })
  normalizeImages(root, base)
  absolutizeLinks(root, base)
  const captions = findCaptions(root, captionTexts)
  const text = elementToText(root, { skip: (el) => captions.has(el) })
  const imageUrls = [...new Set([...root.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? ''))]
  trimAttributes(root)
  return {
    title,
    byline,
    siteName,
    publishedTime: total(() => nonEmpty(oneLineMax(parsed.publishedTime || meta.publishedTime || '', 100)), null),
    lang,
    excerpt: total(() => nonEmpty(oneLineMax(parsed.excerpt || meta.excerpt || '', MAX_EXCERPT)), null),
    html: sanitizeArticleHtml(root.innerHTML),
    text,
    wordCount: countWords(text, lang),
    imageUrls: imageUrls.filter(Boolean),
    leadImageUrl: total(() => absoluteUrl(meta.leadImage, base), null),
    canonicalUrl: declaredCanonical
  }
}

/** A metadata step's value, or its fallback if the step fails on what the page wrote. */
function total<T>(step: () => T, fallback: T): T {
  try {
    return step()
  } catch {
    return fallback
  }
}

function nonEmpty(text: string): string | null {
  return text || null
}

/** The first declared language that is a real language tag, canonical. */
function firstLang(candidates: (string | null | undefined)[]): string | null {
  for (const candidate of candidates) {
    const lang = normalizeLang(candidate)
    if (lang) return lang
  }
  return null
}

/** A page with no usable title is named by its host, or by its file name when saved from disk. */
function fallbackTitle(pageUrl: string): string {
  try {
    const url = new URL(pageUrl)
    if (url.hostname) return url.hostname
    return oneLineMax(decodeURIComponent(url.pathname.split('/').pop() ?? ''), 200) || 'Untitled'
  } catch {
    return 'Untitled'
  }
}

export { cleanTitle }
