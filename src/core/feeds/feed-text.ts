import { createHash } from 'node:crypto'
import { decodeHTML } from 'entities'

/** Elements whose text is not content. */
const SKIPPED = /^(script|style|template|noscript)$/i
/** Tags after which text reads as a new word even with no space in the source (`<p>a</p><p>b</p>`). */
const BREAKING =
  /^\/?(address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul)$/i

/**
 * Plain text from a fragment of HTML: tags removed (script and style with their content), entities
 * decoded, whitespace collapsed, cut to `maxChars`. A hand-written scanner rather than a parser, because
 * it must stay linear on hostile fragments (100,000 nested tags, a `<` that never closes) and it only
 * reads the first few times `maxChars` characters of its input.
 */
export function htmlToText(html: string, maxChars: number): string {
  const source = html.length > maxChars * 8 + 1024 ? html.slice(0, maxChars * 8 + 1024) : html
  let raw = ''
  let i = 0
  let nextGt = -1
  while (i < source.length) {
    const lt = source.indexOf('<', i)
    raw += source.slice(i, lt === -1 ? source.length : lt)
    if (lt === -1) break
    const after = source.charCodeAt(lt + 1)
    const isTag = isLetter(after) || after === 0x2f /* / */ || after === 0x21 /* ! */ || after === 0x3f /* ? */
    if (!isTag) {
      raw += '<'
      i = lt + 1
      continue
    }
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4)
      if (end === -1) break
      i = end + 3
      continue
    }
    if (nextGt < lt) nextGt = source.indexOf('>', lt)
    if (nextGt === -1) break // an unterminated tag: the rest is not text
    const name = /^\/?[a-z][\w-]*/i.exec(source.slice(lt + 1, Math.min(nextGt, lt + 40)))?.[0] ?? ''
    i = nextGt + 1
    if (SKIPPED.test(name)) {
      const close = new RegExp(`</${name}\\s*>`, 'gi')
      close.lastIndex = i
      const match = close.exec(source)
      if (!match) break
      i = match.index + match[0].length
    }
    if (BREAKING.test(name)) raw += ' '
  }
  return cleanLine(decodeHTML(raw), maxChars)
}

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)

/** One line of plain text: control characters dropped, whitespace (also non-breaking) collapsed, cut with an ellipsis. */
export function cleanLine(text: string, maxChars: number): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim()
  return line.length > maxChars ? `${line.slice(0, maxChars - 1).trimEnd()}…` : line
}

/** Offsets of zone names that JavaScript's Date does not know but feeds write anyway. */
const ZONES: Record<string, string> = {
  CET: '+0100',
  CEST: '+0200',
  EET: '+0200',
  EEST: '+0300',
  WET: '+0000',
  WEST: '+0100',
  BST: '+0100',
  IST: '+0530',
  JST: '+0900',
  KST: '+0900',
  HKT: '+0800',
  SGT: '+0800',
  AEST: '+1000',
  AEDT: '+1100',
  NZST: '+1200',
  NZDT: '+1300'
}
const EARLIEST = Date.UTC(1970, 0, 1)
const LATEST = Date.UTC(2200, 0, 1)

/**
 * An ISO timestamp from the dates feeds write (RFC 822 with or without weekday and zone, RFC 3339, ISO
 * without a zone), or null. A date without a zone is read as UTC so the answer never depends on the
 * machine's time zone; a year outside 1970-2200 is a broken date, not a real one.
 */
export function parseFeedDate(raw: string | undefined | null): string | null {
  if (!raw) return null
  let text = raw.trim().replace(/\s+/g, ' ')
  if (!text || text.length > 80) return null
  // ISO 8601 without a zone: "2025-06-10 04:00" or "2025-06-10T04:00:00"
  const iso = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(text)
  if (iso) text = `${iso[1]}T${iso[2]}Z`
  else if (!/^\d{4}-\d{2}-\d{2}/.test(text)) {
    // RFC 822: drop a weekday in any language, map zone names Date does not know, assume UTC when none.
    text = text.replace(/^[^\d,]*,\s*/, '')
    const zone = /\s([A-Z]{3,4})$/.exec(text)?.[1]
    if (zone && ZONES[zone]) text = text.replace(/[A-Z]{3,4}$/, ZONES[zone])
    if (!/\d:\d/.test(text)) text += ' 00:00'
    if (!/(?:[+-]\d{2}:?\d{2}|\b[A-Z]{1,4}|Z)$/.test(text)) text += ' +0000'
  }
  // Date's legacy parser turns almost anything into some date; a real one names its year.
  if (!/(?:^|\D)(?:19|2\d)\d{2}(?:\D|$)/.test(text)) return null
  const time = Date.parse(text)
  if (!Number.isFinite(time) || time < EARLIEST || time > LATEST) return null
  return new Date(time).toISOString()
}

/** An absolute http(s) address for a reference found in a feed (relative to `base`), or null for anything else. */
export function resolveHttpUrl(reference: string | undefined | null, base?: string): string | null {
  if (!reference) return null
  try {
    const url = new URL(reference.trim(), base)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    // Credentials in a link would be stored in the library and sent on every refresh: refuse them.
    if (url.username || url.password) return null
    return url.toString()
  } catch {
    return null
  }
}

/** A short, stable identifier for content that has no identity of its own. */
export function hashId(...parts: string[]): string {
  return `sha256:${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`
}

/** Plain text as HTML, so every item can offer contentHtml: paragraphs from blank lines, escaped. */
export function textToHtml(text: string): string {
  const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escape(paragraph).replaceAll('\n', '<br>')}</p>`)
    .join('\n')
}
