import { LecternError } from '../../shared/errors'
import { checkWebUrl } from '../import/check-url'
import { normalizeTag } from '../../shared/tags'
import { IMPORT_CAPS, type ImportedHighlight, type ImportedItem } from './import-types'

// Value parsers shared by every import format. Each is total: a bad value gives null (or a reason), never
// an exception, so one odd cell never stops a file.

// A host name with a dot, optional port, then a path or nothing: "example.com/post" as people paste it.
const HOST_LIKE = /^[\w-]+(\.[\w-]+)+(:\d+)?([/?#]|$)/
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/g

/** The address to import as the source wrote it (https:// added when it had no scheme), or why not. */
export function webUrl(raw: unknown): { url: string } | { reason: string } {
  if (typeof raw !== 'string' || raw.trim() === '') return { reason: 'no address' }
  let text = raw.trim()
  if (text.length > IMPORT_CAPS.maxUrlLength) {
    return { reason: `address longer than ${IMPORT_CAPS.maxUrlLength} characters` }
  }
  if (text.startsWith('//')) text = `https:${text}`
  else if (HOST_LIKE.test(text)) text = `https://${text}`
  try {
    checkWebUrl(text)
    return { url: text }
  } catch (error) {
    if (!(error instanceof LecternError) || error.code === 'INVALID_URL') {
      return {
        reason: /^[a-z][\w+.-]*:\/\/[^/]*@/i.test(text) ? 'address holds a user name or password' : 'not a web address'
      }
    }
    const scheme = /^([a-z][\w+.-]*):/i.exec(text)?.[1]?.toLowerCase().slice(0, 20) ?? 'other'
    return { reason: `a ${scheme}: address, not a web page` }
  }
}

/** Plain one-line text: control and direction-override characters out, whitespace collapsed, capped. */
export function cleanText(raw: unknown, max: number): string | null {
  if (typeof raw !== 'string') return null
  const text = raw.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
  if (!text) return null
  return text.length > max ? text.slice(0, max) : text
}

/** A title, or null when the export had none (or only repeated the address, as Pocket does). */
export function cleanTitle(raw: unknown, url?: string): string | null {
  const title = cleanText(raw, IMPORT_CAPS.maxTitleLength)
  return title && title !== url ? title : null
}

/** Tags as the library keeps them: trimmed, whitespace collapsed, no empties, no duplicates, capped. */
export function cleanTags(raw: readonly unknown[]): string[] {
  const tags = new Set<string>()
  for (const value of raw) {
    if (tags.size >= IMPORT_CAPS.maxTagsPerItem) break
    if (typeof value !== 'string' && typeof value !== 'number') continue
    const tag = normalizeTag(String(value).replace(CONTROL, ' ')).slice(0, IMPORT_CAPS.maxTagLength).trim()
    if (tag) tags.add(tag)
  }
  return [...tags]
}

/** Splits a tag cell ("a|b", "a, b") into clean tags. */
export function splitTags(raw: unknown, separator: string | RegExp): string[] {
  return typeof raw === 'string' && raw.trim() ? cleanTags(raw.split(separator)) : []
}

// Years outside this window are placeholders (Pocket's 0, a bookmark's ADD_DATE="1") or garbage.
const MIN_TIME = Date.UTC(1990, 0, 1)
const MAX_TIME = Date.UTC(2200, 0, 1)
const ISO_LIKE =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i

/**
 * An ISO 8601 timestamp from what exports write: Unix seconds or milliseconds (number or digits),
 * ISO 8601 with or without "T", fractional seconds or offset ("+0000", "+00:00"), or an RFC 2822 date.
 * A time without an offset is taken as UTC, so the result does not depend on the machine's time zone.
 */
export function parseDate(raw: unknown): string | null {
  let ms: number
  if (typeof raw === 'number') ms = raw >= 1e11 ? raw : raw * 1000
  else if (typeof raw === 'string') {
    const text = raw.trim()
    if (/^\d{1,15}(\.\d+)?$/.test(text)) return parseDate(Number(text))
    const iso = ISO_LIKE.exec(text)
    if (iso) {
      const [, day, hm = '00:00', s = '00', fraction = '', zone = 'Z'] = iso
      const offset = /^(Z|UTC|GMT)$/i.test(zone)
        ? 'Z'
        : zone.length === 3
          ? `${zone}:00`
          : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')
      ms = Date.parse(`${day}T${hm}:${s}.${fraction.padEnd(3, '0').slice(0, 3)}${offset}`)
    } else if (text.length <= 100) ms = Date.parse(text)
    else return null
  } else return null
  if (!Number.isFinite(ms) || ms < MIN_TIME || ms > MAX_TIME) return null
  return new Date(ms).toISOString()
}

/** A progress in 0..1 from a fraction, or from a percentage when `percent` (Omnivore writes 0..100). */
export function parseProgress(raw: unknown, percent = false): number | null {
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() ? Number(raw.replace('%', '')) : NaN
  if (!Number.isFinite(value) || value < 0) return null
  const fraction = percent || (typeof raw === 'string' && raw.includes('%')) ? value / 100 : value
  return Math.min(1, fraction)
}

/** A yes/no cell: true/false, 1/0, yes/no (any case); anything else is "not said". */
export function parseFlag(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : null
  if (typeof raw !== 'string') return null
  const text = raw.trim().toLowerCase()
  if (text === 'true' || text === '1' || text === 'yes') return true
  if (text === 'false' || text === '0' || text === 'no') return false
  return null
}

/** A highlight with its text capped; null when it has neither a quote nor a note. */
export function highlight(
  quote: unknown,
  note: unknown,
  color: unknown = null,
  createdAt: unknown = null
): ImportedHighlight | null {
  const cap = (value: unknown) =>
    typeof value === 'string' && value.trim() ? value.trim().slice(0, IMPORT_CAPS.maxHighlightLength) : null
  const q = cap(quote)
  const n = cap(note)
  if (!q && !n) return null
  return { quote: q ?? '', note: n, color: cleanText(color, 40), createdAt: parseDate(createdAt) }
}

/** Keeps the non-null highlights, at most the cap. */
export function highlights(list: readonly (ImportedHighlight | null)[]): ImportedHighlight[] {
  return list.filter((h): h is ImportedHighlight => h !== null).slice(0, IMPORT_CAPS.maxHighlightsPerItem)
}

/** A folder path ("Tech/AI", or ["Tech", "AI"]) as the one tag it becomes; null for none. */
export function folderTag(path: string | readonly string[]): string | null {
  const parts = (typeof path === 'string' ? path.split('/') : path).map((p) => normalizeTag(p)).filter(Boolean)
  return parts.length ? parts.join('/').slice(0, IMPORT_CAPS.maxTagLength) : null
}

/** An item with nothing known but its address. */
export function newItem(url: string, origin: string): ImportedItem {
  return {
    url,
    title: null,
    savedAt: null,
    tags: [],
    state: null,
    favorite: null,
    progress: null,
    content: null,
    highlights: [],
    origin
  }
}
