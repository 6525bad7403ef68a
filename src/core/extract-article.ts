import { Readability } from '@mozilla/readability'
import { LecternError } from '../shared/errors'
import { parsePage } from './dom-window'
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
  text: string
  wordCount: number
  leadImageUrl: string | null
}

// Below this much text, what Readability found is a fragment of a page (a home page, a login wall), not an article.
const MIN_ARTICLE_CHARS = 200

/** Finds the readable article in a page. Throws NOT_AN_ARTICLE when there is none. */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  const dom = parsePage(html, pageUrl)
  try {
    const doc = dom.window.document
    const leadImageUrl = absolute(metaContent(doc, ['og:image', 'og:image:url', 'twitter:image']), pageUrl)
    const parsed = new Readability(doc, { keepClasses: false }).parse()
    const textLength = parsed?.textContent?.replace(/\s+/g, '').length ?? 0
    if (!parsed?.content || textLength < MIN_ARTICLE_CHARS) {
      throw new LecternError('NOT_AN_ARTICLE', 'No article was found on this page; it looks like a home page, a list of links or a login page.')
    }
    const container = doc.createElement('div')
    container.innerHTML = parsed.content
    normalizeImages(container, pageUrl)
    absolutizeLinks(container, pageUrl)
    const clean = sanitizeArticleHtml(container.innerHTML)
    const textHolder = doc.createElement('div')
    textHolder.innerHTML = clean
    const text = elementToText(textHolder)
    const lang = parsed.lang?.trim() || null
    const siteName = parsed.siteName?.trim() || null
    return {
      title: cleanTitle(parsed.title?.trim() || doc.title.trim(), siteName) || new URL(pageUrl).hostname,
      byline: parsed.byline?.trim() || null,
      siteName,
      publishedTime: parsed.publishedTime?.trim() || null,
      lang,
      excerpt: parsed.excerpt?.trim() || null,
      html: clean,
      text,
      wordCount: countWords(text, lang),
      leadImageUrl
    }
  } finally {
    dom.window.close()
  }
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

function metaContent(doc: Document, names: string[]): string | null {
  for (const name of names) {
    const el = doc.querySelector(`meta[property="${name}"], meta[name="${name}"]`)
    const value = el?.getAttribute('content')?.trim()
    if (value) return value
  }
  return null
}

function absolute(href: string | null | undefined, base: string): string | null {
  if (!href) return null
  try {
    const url = new URL(href, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  } catch {
    return null
  }
}

/**
 * Gives every image one absolute `src`: the largest srcset candidate, else a lazy-loading attribute
 * (data-src and friends), else src unless it is a data: placeholder. <picture> collapses to its <img>.
 */
function normalizeImages(root: Element, base: string): void {
  for (const picture of [...root.querySelectorAll('picture')]) {
    const img = picture.querySelector('img')
    const sourceSet = picture.querySelector('source[srcset], source[data-srcset]')
    if (img && sourceSet && !img.getAttribute('srcset')) {
      img.setAttribute('srcset', sourceSet.getAttribute('srcset') ?? sourceSet.getAttribute('data-srcset') ?? '')
    }
    if (img) picture.replaceWith(img)
    else picture.remove()
  }
  for (const img of [...root.querySelectorAll('img')]) {
    const candidates = [
      largestFromSrcset(img.getAttribute('srcset') ?? img.getAttribute('data-srcset')),
      img.getAttribute('data-src'),
      img.getAttribute('data-lazy-src'),
      img.getAttribute('data-original'),
      img.getAttribute('data-url'),
      img.getAttribute('src')?.startsWith('data:') ? null : img.getAttribute('src')
    ]
    const src = candidates.map((c) => absolute(c?.trim(), base)).find(Boolean)
    for (const attr of [...img.attributes]) if (attr.name !== 'alt' && attr.name !== 'title') img.removeAttribute(attr.name)
    if (src) img.setAttribute('src', src)
    else img.remove()
  }
}

function largestFromSrcset(srcset: string | null): string | null {
  if (!srcset) return null
  let best: { url: string; size: number } | null = null
  for (const part of srcset.split(/,\s+/)) {
    const [url, descriptor = '1x'] = part.trim().split(/\s+/)
    if (!url) continue
    const size = parseFloat(descriptor) * (descriptor.endsWith('w') ? 1 : 1000)
    if (!best || size > best.size) best = { url, size }
  }
  return best?.url ?? null
}

function absolutizeLinks(root: Element, base: string): void {
  for (const a of [...root.querySelectorAll('a[href]')]) {
    const href = a.getAttribute('href') ?? ''
    if (href.startsWith('#')) continue
    const abs = absolute(href, base) ?? (href.startsWith('mailto:') ? href : null)
    if (abs) a.setAttribute('href', abs)
    else a.removeAttribute('href')
  }
}
