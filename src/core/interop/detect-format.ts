import { csvHeader } from './csv-records'
import type { ImportFormat } from './import-types'
import { webUrl } from './import-values'

/** The name of the Lectern archive's manifest: its presence is what makes a zip a Lectern archive. */
export const ARCHIVE_MANIFEST = 'manifest.json'

/** Which zip export this is, from the names inside: Lectern's manifest, Omnivore's metadata, Pocket's CSVs. */
export function detectZipFormat(names: readonly string[]): 'lectern' | 'omnivore' | 'pocket' | null {
  if (names.includes(ARCHIVE_MANIFEST)) return 'lectern'
  if (names.some((n) => /(^|\/)metadata_[^/]*\.json$/i.test(n))) return 'omnivore'
  if (names.some((n) => /\.csv$/i.test(n))) return 'pocket'
  return null
}

/**
 * Which text export this is, from its content: JSON (decided once parsed, see detectJsonFormat), HTML
 * (Netscape bookmarks or Pocket's old ril_export.html), a CSV whose header names the service, or lines of
 * addresses. Null when it is none of them.
 */
export function detectTextFormat(text: string): Exclude<ImportFormat, 'lectern' | 'omnivore'> | 'json' | null {
  const head = text.slice(0, 4096).trimStart()
  if (head.startsWith('{') || head.startsWith('[')) return 'json'
  if (head.startsWith('<')) {
    if (/^<!DOCTYPE\s+NETSCAPE-Bookmark-file/i.test(head)) return 'bookmarks'
    if (/<title>\s*Pocket Export\s*<\/title>/i.test(head) || /<h1>\s*Unread\s*<\/h1>/i.test(head)) return 'pocket-html'
    if (/<dl[\s>]/i.test(head) && /<a\s/i.test(text.slice(0, 65536))) return 'bookmarks'
    return null
  }
  const columns = new Set(csvHeader(text))
  if (columns.has('url')) {
    if (columns.has('document tags') || (columns.has('saved date') && columns.has('location'))) return 'readwise'
    if (columns.has('folder') && columns.has('created') && (columns.has('excerpt') || columns.has('highlights')))
      return 'raindrop'
    if (columns.has('folder') && columns.has('timestamp')) return 'instapaper'
    if (columns.has('time_added')) return 'pocket'
  }
  return looksLikeUrlList(text) ? 'urls' : null
}

/** Which JSON export this is: Karakeep's object with bookmarks, or an array of Wallabag or Omnivore entries. */
export function detectJsonFormat(json: unknown): 'karakeep' | 'wallabag' | 'omnivore' | null {
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    return Array.isArray((json as { bookmarks?: unknown }).bookmarks) ? 'karakeep' : null
  }
  if (!Array.isArray(json)) return null
  const first = json.find((e) => e && typeof e === 'object') as Record<string, unknown> | undefined
  if (!first) return null
  if ('is_archived' in first || 'is_starred' in first || ('content' in first && 'created_at' in first))
    return 'wallabag'
  if ('slug' in first || 'savedAt' in first || 'labels' in first) return 'omnivore'
  return null
}

// A list of addresses: most of its first non-empty, non-comment lines are addresses.
function looksLikeUrlList(text: string): boolean {
  const lines: string[] = []
  for (const line of text.slice(0, 65536).split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed && !trimmed.startsWith('#')) lines.push(trimmed)
    if (lines.length === 50) break
  }
  const urls = lines.filter((line) => 'url' in webUrl(line.split(/\s+\|\s+|\s/)[0])).length
  return urls > 0 && urls * 2 >= lines.length
}
