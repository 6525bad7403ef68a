import { JSDOM } from 'jsdom'
import {
  ARTICLE_ATTRIBUTES,
  ARTICLE_ASSET_PATTERN,
  ARTICLE_TAGS,
  ARTICLE_URI_PATTERN
} from '../../src/shared/sanitize-policy'

// An independent judge of sanitized article HTML: parse it the way the reader does (as the body of a
// document, inside <article>), with jsdom, and list everything that could run code or reach another
// origin. The sanitizer's own allowlist (src/shared/sanitize-policy) is the contract being checked.

const XHTML = 'http://www.w3.org/1999/xhtml'
const TAGS = new Set(ARTICLE_TAGS)
const ATTRIBUTES = new Set(ARTICLE_ATTRIBUTES)
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite'])
/** The reader's <base>: relative URLs resolve here. Anything resolving elsewhere is a foreign origin. */
const READER_BASE = 'https://reader.invalid/articles/a1/'

export interface SafetyRules {
  /** At import, images may still point to the web (they are downloaded next); at display only stored assets. */
  images: 'web-or-asset' | 'asset-only'
}

let window: JSDOM['window'] | null = null

/** Parses `html` as the reader frame does: the body of a document, inside <article>. */
export function parseAsArticle(html: string): Document {
  window ??= new JSDOM('').window
  return new window.DOMParser().parseFromString(
    `<!doctype html><html><head></head><body><article>${html}</article></body></html>`,
    'text/html'
  )
}

function urlProblem(name: string, tag: string, value: string, rules: SafetyRules): string | null {
  const trimmed = value.trim()
  if (trimmed === '') return null // loads nothing; a click resolves to the reader's own page and is refused
  if (!ARTICLE_URI_PATTERN.test(trimmed)) return `${tag}[${name}] outside the URL allowlist: ${trimmed.slice(0, 80)}`
  let url: URL
  try {
    url = new URL(trimmed, READER_BASE)
  } catch {
    return null // a browser would not load or follow it either
  }
  if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) return `${tag}[${name}] with scheme ${url.protocol}`
  if (name === 'src') {
    const local = ARTICLE_ASSET_PATTERN.test(trimmed)
    if (rules.images === 'asset-only' && !local) return `${tag}[src] not a stored asset: ${trimmed.slice(0, 80)}`
  }
  return null
}

/**
 * Everything in `html` that could run code or load from another origin once parsed, as readable lines;
 * [] when it is safe: only allowlisted HTML elements (no foreign namespace), only allowlisted attributes
 * (so no event handler, style or srcset), URLs only http(s)/mailto/#/stored assets, nothing in <head>.
 */
export function unsafeParts(html: string, rules: SafetyRules): string[] {
  const doc = parseAsArticle(html)
  const problems: string[] = []
  if (doc.head.childNodes.length > 0) problems.push(`moved into <head>: ${doc.head.innerHTML.slice(0, 80)}`)
  // A stray <body onload> or <html manifest> in the content lands on the document's own elements.
  for (const el of [doc.documentElement, doc.head, doc.body])
    for (const { name } of el.attributes) problems.push(`<${el.localName} ${name}> from the content`)
  const wrapper = doc.body.firstElementChild
  if (wrapper?.attributes.length) problems.push("attributes on the reader's <article>")
  const outside = [...doc.body.children].filter((el) => el !== wrapper)
  for (const el of outside) problems.push(`escaped the article: <${el.localName}>`)
  for (const el of doc.body.querySelectorAll('*')) {
    if (el === wrapper) continue
    const tag = el.localName
    if (el.namespaceURI !== XHTML) problems.push(`<${tag}> in namespace ${el.namespaceURI}`)
    if (tag === 'script') problems.push('a <script>')
    else if (!TAGS.has(tag)) problems.push(`<${tag}> outside the tag allowlist`)
    for (const { name, value } of el.attributes) {
      if (/^on/i.test(name)) problems.push(`event handler ${tag}[${name}]`)
      // DOMPurify blanks a refused `is` instead of removing it (an element's custom-element identity is fixed
      // when it is created); an empty `is` names no custom element.
      else if (name === 'is' && value === '') continue
      else if (!ATTRIBUTES.has(name)) problems.push(`${tag}[${name}] outside the attribute allowlist`)
      else if (URL_ATTRIBUTES.has(name)) {
        const problem = urlProblem(name, tag, value, rules)
        if (problem) problems.push(problem)
      }
    }
  }
  return problems
}
