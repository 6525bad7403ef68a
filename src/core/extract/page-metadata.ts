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
  /** <base href> as written, if the page has one. */
  baseHref: string | null
  /** Every language the page declares, most specific first (as written; normalizeLang decides). */
  langs: string[]
  /** Every name the page gives its site (to recognise it inside titles). */
  siteNames: string[]
  /** The page's other titles: <title>, og:title, twitter:title, JSON-LD headline, its first <h1>s. */
  titles: string[]
  /** Where a page names itself outside its metadata: links to its home page, its footers (copyright lines). */
  siteHints: string[]
}

// Enough <h1>s to find the story's among a site's logo and section headings, few enough to stay cheap.
const MAX_HEADINGS = 5

/** What metadata is read from, found in one walk over the page (selector queries cost ~5 ms a page on linkedom). */
interface Sources {
  metas: Map<string, string>
  contentLanguages: string[]
  jsonLd: string[]
  baseHref: string | null
  canonical: string | null
  title: string | null
  headings: string[]
  timeDatetime: string | null
  siteHints: string[]
}

// A few home links and footers say who the site is; more would only add noise and time.
const MAX_HINTS = 6
const MAX_HINT_LENGTH = 300
const HOME_HREF = /^(?:\/|\.\/|https?:\/\/[^/]+\/?)(?:index\.\w+)?$/i

export function readPageMetadata(doc: Document): PageMetadata {
  const found = scan(doc)
  const ld = readJsonLd(found.jsonLd)
  const meta = (names: string[]): string | null => firstOf(found.metas, names)
  const root = doc.documentElement
  const langs = present([
    root?.getAttribute('lang'),
    root?.getAttribute('xml:lang'),
    ...found.contentLanguages,
    ...['og:locale', 'language', 'dc.language', 'content-language'].map((name) => found.metas.get(name))
  ])
  return {
    title: ld.headline ?? meta(['og:title', 'twitter:title', 'dc.title']),
    byline: ld.author ?? meta(['author', 'article:author', 'dc.creator', 'byl', 'parsely-author', 'sailthru.author']),
    siteName: ld.publisher ?? meta(['og:site_name', 'application-name', 'twitter:site']),
    publishedTime:
      ld.datePublished ??
      meta([
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
      found.timeDatetime,
    lang: langs[0] ?? null,
    excerpt: meta(['og:description', 'description', 'twitter:description', 'dc.description']),
    leadImage:
      meta(['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src']) ?? ld.image,
    canonical: found.canonical || meta(['og:url']),
    baseHref: found.baseHref,
    langs,
    siteNames: present([
      ld.publisher,
      ...['og:site_name', 'application-name', 'twitter:site', 'publisher'].map((n) => meta([n]))
    ]),
    titles: present([found.title, ld.headline, meta(['og:title']), meta(['twitter:title']), ...found.headings]),
    siteHints: present([meta(['copyright']), ...found.siteHints])
  }
}

/** One walk over every element, collecting what the metadata is read from. */
function scan(doc: Document): Sources {
  const found: Sources = {
    metas: new Map(),
    contentLanguages: [],
    jsonLd: [],
    baseHref: null,
    canonical: null,
    title: null,
    headings: [],
    timeDatetime: null,
    siteHints: []
  }
  const hint = (text: string | null | undefined): void => {
    if (text && found.siteHints.length < MAX_HINTS) found.siteHints.push(text.slice(0, MAX_HINT_LENGTH))
  }
  const visit = (el: Element): void => {
    switch (el.localName) {
      case 'meta': {
        const content = el.getAttribute('content')?.trim()
        if (!content) break
        const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '')
          .trim()
          .toLowerCase()
        if (key && !found.metas.has(key)) found.metas.set(key, content)
        if (el.getAttribute('http-equiv')?.toLowerCase() === 'content-language') found.contentLanguages.push(content)
        break
      }
      case 'script':
        if (el.getAttribute('type')?.trim().toLowerCase() === 'application/ld+json')
          found.jsonLd.push(el.textContent ?? '')
        return // nothing to find inside a script
      case 'style':
      case 'template':
        return
      case 'base':
        found.baseHref ??= el.getAttribute('href')?.trim() || null
        break
      case 'link':
        if (!found.canonical && /(?:^|\s)canonical(?:\s|$)/i.test(el.getAttribute('rel') ?? '')) {
          found.canonical = el.getAttribute('href')?.trim() || null
        }
        break
      case 'title':
        found.title ??= el.textContent
        break
      case 'h1':
        if (found.headings.length < MAX_HEADINGS) found.headings.push(el.textContent ?? '')
        break
      case 'time':
        found.timeDatetime ??= el.getAttribute('datetime')?.trim() || null
        break
      case 'footer':
        hint(el.textContent)
        break
      case 'a':
        // The link home, usually the site's logo: its text, its image's alt, its title.
        if (HOME_HREF.test(el.getAttribute('href')?.trim() ?? '')) {
          hint(el.getAttribute('title'))
          hint(el.textContent)
          const img = el.getElementsByTagName('img')[0]
          hint(img?.getAttribute('alt'))
        }
        break
    }
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) visit(child)
  }
  if (doc.documentElement) visit(doc.documentElement)
  return found
}

function present(values: (string | null | undefined)[]): string[] {
  return values.map((v) => v?.replace(/\s+/g, ' ').trim() ?? '').filter(Boolean)
}

function firstOf(metas: Map<string, string>, names: string[]): string | null {
  for (const name of names) {
    const value = metas.get(name.toLowerCase())
    if (value) return value
  }
  return null
}

interface LdFields {
  headline: string | null
  author: string | null
  publisher: string | null
  datePublished: string | null
  image: string | null
}

const ARTICLE_TYPES = /(?:Article|BlogPosting|NewsArticle|Report|WebPage|Posting)$/

function readJsonLd(scripts: string[]): LdFields {
  const result: LdFields = { headline: null, author: null, publisher: null, datePublished: null, image: null }
  for (const script of scripts) {
    let data: unknown
    try {
      data = JSON.parse(script.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''))
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
