// Metadata a page declares about itself (JSON-LD, OpenGraph, Dublin Core and plain meta tags, <html lang>),
// read before Readability rewrites the document. Used where Readability finds nothing.

export interface PageMetadata {
  title: string | null
  byline: string | null
  siteName: string | null
  publishedTime: string | null
  lang: string | null
  excerpt: string | null
  leadImage: string | null
  /** Where the page says it really lives: <link rel=canonical>, else og:url (as written; may be relative). */
  canonical: string | null
}

export function readPageMetadata(doc: Document): PageMetadata {
  const ld = readJsonLd(doc)
  return {
    title: ld.headline ?? meta(doc, ['og:title', 'twitter:title', 'dc.title']),
    byline:
      ld.author ?? meta(doc, ['author', 'article:author', 'dc.creator', 'byl', 'parsely-author', 'sailthru.author']),
    siteName: ld.publisher ?? meta(doc, ['og:site_name', 'application-name', 'twitter:site']),
    publishedTime:
      ld.datePublished ??
      meta(doc, [
        'article:published_time',
        'og:article:published_time',
        'datePublished',
        'date',
        'pubdate',
        'publish-date',
        'dc.date',
        'dc.date.issued',
        'dcterms.created',
        'sailthru.date',
        'parsely-pub-date'
      ]) ??
      doc.querySelector('time[datetime]')?.getAttribute('datetime')?.trim() ??
      null,
    lang: readLang(doc),
    excerpt: meta(doc, ['og:description', 'description', 'twitter:description', 'dc.description']),
    leadImage:
      meta(doc, ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src']) ?? ld.image,
    canonical:
      doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href')?.trim() || meta(doc, ['og:url'])
  }
}

function meta(doc: Document, names: string[]): string | null {
  const wanted = new Set(names.map((n) => n.toLowerCase()))
  const found = new Map<string, string>()
  for (const el of doc.querySelectorAll('meta[content]')) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '')
      .trim()
      .toLowerCase()
    const value = el.getAttribute('content')?.trim()
    if (key && value && wanted.has(key) && !found.has(key)) found.set(key, value)
  }
  for (const name of names) {
    const value = found.get(name.toLowerCase())
    if (value) return value
  }
  return null
}

/** <html lang>, else a Content-Language meta, else og:locale ("en_GB" → "en-GB"). */
function readLang(doc: Document): string | null {
  const attr = doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang')
  if (attr?.trim()) return attr.trim()
  for (const el of doc.querySelectorAll('meta[http-equiv][content]')) {
    if (el.getAttribute('http-equiv')?.toLowerCase() === 'content-language') {
      const value = el.getAttribute('content')?.split(',')[0]?.trim()
      if (value) return value
    }
  }
  const locale = meta(doc, ['og:locale', 'language', 'dc.language'])
  return locale ? locale.replace('_', '-') : null
}

interface LdFields {
  headline: string | null
  author: string | null
  publisher: string | null
  datePublished: string | null
  image: string | null
}

const ARTICLE_TYPES = /(?:Article|BlogPosting|NewsArticle|Report|WebPage|Posting)$/

function readJsonLd(doc: Document): LdFields {
  const result: LdFields = { headline: null, author: null, publisher: null, datePublished: null, image: null }
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown
    try {
      data = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''))
    } catch {
      continue
    }
    for (const node of flatten(data)) {
      const types = ([] as unknown[]).concat(node['@type']).map(String)
      if (!types.some((t) => ARTICLE_TYPES.test(t))) continue
      result.headline ??= str(node.headline) ?? str(node.name)
      result.author ??= names(node.author)
      result.publisher ??= names(node.publisher)
      result.datePublished ??= str(node.datePublished) ?? str(node.dateCreated)
      result.image ??= imageUrl(node.image)
    }
  }
  return result
}

type LdNode = Record<string, unknown>

function flatten(data: unknown, depth = 0): LdNode[] {
  if (depth > 4 || data === null || typeof data !== 'object') return []
  if (Array.isArray(data)) return data.flatMap((d) => flatten(d, depth + 1))
  const node = data as LdNode
  return [node, ...flatten(node['@graph'], depth + 1)]
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

function names(value: unknown): string | null {
  const list = ([] as unknown[]).concat(value ?? [])
  const out = list
    .map((v) => (typeof v === 'string' ? v.trim() : v && typeof v === 'object' ? str((v as LdNode).name) : null))
    .filter((v): v is string => Boolean(v) && !/^https?:/.test(v ?? ''))
  return out.length ? [...new Set(out)].join(', ') : null
}

function imageUrl(value: unknown): string | null {
  const first = ([] as unknown[]).concat(value ?? [])[0]
  if (typeof first === 'string') return str(first)
  if (first && typeof first === 'object') return str((first as LdNode).url)
  return null
}
