import { Readability } from '@mozilla/readability'
import { LecternError } from '../../shared/errors'
import { parsePage, parsePageFast } from './dom-window'
import { cleanArticle, type CleanupRule } from './clean-article'
import { absolutizeLinks, absoluteUrl, documentBase, normalizeImages } from './normalize-media'
import { keepEmbeddedPosts, rememberQuotes, restoreQuotes } from './keep-embedded-posts'
import { readPageMetadata } from './page-metadata'
import { trimAttributes } from './trim-attributes'
import { elementToText } from './html-to-text'
import { sanitizeArticleHtml } from './sanitize-html'
import { countWords } from './text-stats'

/** What extraction yields from one page: sanitized HTML with absolute URLs, and its metadata. */
export interface ExtractedArticle {
  title: string
  byline: string | null
  siteName: string | null
  publishedTime: string | null
  lang: string | null
  excerpt: string | null
  /** Sanitized article HTML; images and links are absolute URLs of the original site. */
  html: string
  /** The story as plain text (one line per block; figure captions left out), for search and word counts. */
  text: string
  wordCount: number
  leadImageUrl: string | null
  /** The page's own rel=canonical (or og:url), absolute, if it names one. */
  canonicalUrl: string | null
}

/** Knobs: the benchmark's ablation, and how a page saved as a file resolves its relative addresses. */
export interface ExtractOptions {
  disabledRules?: readonly CleanupRule[]
  /** Resolve relative links and images against the page's rel=canonical when it names one (a local file saved from the web). */
  canonicalBase?: boolean
}

// Below this much text, what Readability found is a fragment of a page (a home page, a login wall), not an article.
const MIN_ARTICLE_CHARS = 200

/** Finds the readable article in a page. Throws NOT_AN_ARTICLE when there is none; never anything else. */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  return extractArticleWith(html, pageUrl, {})
}

/** extractArticle with measurement options. */
export function extractArticleWith(html: string, pageUrl: string, options: ExtractOptions): ExtractedArticle {
  try {
    // linkedom first: an order of magnitude faster than jsdom, and it never evaluates CSS.
    return extractFrom(parsePageFast(html), pageUrl, options)
  } catch (error) {
    if (error instanceof LecternError) throw error
  }
  // A page linkedom cannot handle gets one more chance on jsdom; whatever still fails is "no article".
  let dom: ReturnType<typeof parsePage> | null = null
  try {
    dom = parsePage(html, pageUrl)
    return extractFrom(dom.window.document, pageUrl, options)
  } catch (error) {
    if (error instanceof LecternError) throw error
    throw new LecternError(
      'NOT_AN_ARTICLE',
      `This page could not be read as an article (${String((error as Error)?.message ?? error).slice(0, 200)}).`
    )
  } finally {
    dom?.window.close()
  }
}

function extractFrom(doc: Document, pageUrl: string, options: ExtractOptions): ExtractedArticle {
  const meta = readPageMetadata(doc) // before Readability, which rewrites the document
  const declaredCanonical = absoluteUrl(meta.canonical, documentBase(doc, pageUrl))
  const base = (options.canonicalBase && declaredCanonical) || documentBase(doc, pageUrl)
  const documentTitle = doc.title?.trim() ?? ''
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
  const siteName = parsed.siteName?.trim() || meta.siteName
  const title = cleanTitle(parsed.title?.trim() || meta.title || documentTitle, siteName) || new URL(pageUrl).hostname
  const byline = parsed.byline?.trim() || meta.byline
  restoreQuotes(root, quotes)
  cleanArticle(root, { title, byline, disabledRules: options.disabledRules })
  normalizeImages(root, base)
  absolutizeLinks(root, base)
  const text = elementToText(root, { skip: isCaption })
  trimAttributes(root)
  const clean = sanitizeArticleHtml(root.innerHTML)
  const lang = parsed.lang?.trim() || meta.lang
  return {
    title,
    byline,
    siteName,
    publishedTime: parsed.publishedTime?.trim() || meta.publishedTime,
    lang,
    excerpt: parsed.excerpt?.trim() || meta.excerpt,
    html: clean,
    text,
    wordCount: countWords(text, lang),
    leadImageUrl: absoluteUrl(meta.leadImage, base),
    canonicalUrl: declaredCanonical
  }
}

/** Captions stay in the article HTML (readers want them) but are not the story's text. */
function isCaption(el: Element): boolean {
  return el.tagName === 'FIGCAPTION'
}

/**
 * Drops the site's name where a page title carries it ("Story | Site", "Site - Story"): Readability keeps
 * it for short titles.
 */
export function cleanTitle(title: string, siteName: string | null): string {
  if (!siteName) return title
  const site = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const stripped = title
    .replace(new RegExp(`\\s+[|\\-–—·:»/]\\s+${site}\\s*$`, 'i'), '')
    .replace(new RegExp(`^${site}\\s*[|\\-–—·:»/]\\s+`, 'i'), '')
    .trim()
  return stripped || title
}
