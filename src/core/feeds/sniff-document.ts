import type { FeedFormat } from './feed-types'

/** What a decoded document is, judged by its first element (or its first character, for JSON). */
export type DocumentKind =
  | { kind: 'feed'; format: FeedFormat }
  | { kind: 'html' }
  | { kind: 'xml'; root: string }
  | { kind: 'json' }
  | { kind: 'text' }

/** How far into a document its first element is looked for: prologs are short, this bounds hostile ones. */
const PROLOG_CHARS = 64 * 1024

const HTML_FIRST_ELEMENTS = new Set(['html', 'head', 'body', 'meta', 'title', 'link', 'script', 'style', 'div', 'p'])

/**
 * Classifies a document by what it starts with, skipping the XML declaration, processing instructions
 * (stylesheets), comments and a DOCTYPE. The root decides, never a string found further in: an Atom
 * entry quoting `<rss>` in its content is still Atom, and an HTML page about feeds is still a page.
 */
export function sniffDocument(text: string): DocumentKind {
  const head = text.length > PROLOG_CHARS ? text.slice(0, PROLOG_CHARS) : text
  let i = 0
  for (;;) {
    while (i < head.length && isSpace(head.charCodeAt(i))) i++
    if (i >= head.length) return { kind: 'text' }
    const c = head[i]
    if (c === '{') return jsonKind(text)
    if (c !== '<') return { kind: 'text' }
    if (head.startsWith('<?', i)) i = skipPast(head, '?>', i)
    else if (head.startsWith('<!--', i)) i = skipPast(head, '-->', i)
    else if (/^<!doctype\s+html[\s>]/i.test(head.slice(i, i + 20))) return { kind: 'html' }
    else if (head.startsWith('<!', i)) i = skipDoctype(head, i)
    else break
    if (i < 0) return { kind: 'text' }
  }
  const name = /^<([A-Z_a-z][\w.:-]*)/.exec(head.slice(i, i + 200))?.[1]
  if (!name) return { kind: 'text' }
  const local = (name.split(':').pop() ?? '').toLowerCase()
  if (local === 'rss') return { kind: 'feed', format: 'rss' }
  if (local === 'feed') return { kind: 'feed', format: 'atom' }
  if (local === 'rdf') return { kind: 'feed', format: 'rdf' }
  if (HTML_FIRST_ELEMENTS.has(name.toLowerCase())) return { kind: 'html' }
  return { kind: 'xml', root: name }
}

function jsonKind(text: string): DocumentKind {
  // JSON Feed names its version first by convention, but any order is valid JSON: look at the top object.
  if (!/"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(text.slice(0, PROLOG_CHARS))) {
    try {
      const value: unknown = JSON.parse(text)
      const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : null
      if (typeof version !== 'string' || !/jsonfeed\.org\/version\//.test(version)) return { kind: 'json' }
    } catch {
      return { kind: 'text' }
    }
  }
  return { kind: 'feed', format: 'json' }
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff

function skipPast(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from)
  return at === -1 ? -1 : at + end.length
}

/** Skips `<!DOCTYPE name [ internal subset ]>`; the subset may hold `>` characters of its own. */
function skipDoctype(text: string, from: number): number {
  const bracket = text.indexOf('[', from)
  const close = text.indexOf('>', from)
  if (close === -1) return -1
  if (bracket === -1 || bracket > close) return close + 1
  const subsetEnd = text.indexOf(']', bracket)
  return subsetEnd === -1 ? -1 : skipPast(text, '>', subsetEnd)
}
