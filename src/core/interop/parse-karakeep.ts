import { badExport, type Collected } from './import-types'
import {
  cleanTags,
  cleanTitle,
  folderTag,
  highlight,
  highlights,
  newItem,
  parseDate,
  parseFlag,
  webUrl
} from './import-values'

interface KarakeepList {
  id?: unknown
  name?: unknown
  parentId?: unknown
}

interface KarakeepBookmark {
  createdAt?: unknown
  title?: unknown
  tags?: unknown
  lists?: unknown
  content?: { type?: unknown; url?: unknown } | null
  note?: unknown
  archived?: unknown
  favourited?: unknown
}

/**
 * Karakeep's (formerly Hoarder's) JSON export: `{bookmarks: [...], lists: [...]}`. A bookmark's lists
 * become tags, each the list's path ("Reading/Later") through its parents; its note is kept as a note on
 * the whole article. Text notes and uploaded files have no address and are skipped.
 */
export function parseKarakeep(json: { bookmarks: readonly unknown[]; lists?: unknown }, into: Collected): void {
  const listPaths = listPathsById(Array.isArray(json.lists) ? json.lists : [])
  json.bookmarks.forEach((value, i) => {
    const origin = `entry ${i + 1}`
    const bookmark = (value && typeof value === 'object' ? value : {}) as KarakeepBookmark
    if (bookmark.content?.type !== undefined && bookmark.content.type !== 'link') {
      return void into.skipped.push({ origin, reason: 'a note or file, not a web page' })
    }
    const url = webUrl(bookmark.content?.url)
    if ('reason' in url) return void into.skipped.push({ origin, reason: url.reason })
    const item = newItem(url.url, origin)
    item.title = cleanTitle(bookmark.title, url.url)
    item.savedAt = parseDate(bookmark.createdAt)
    const lists = Array.isArray(bookmark.lists) ? bookmark.lists : []
    const listTags = lists.map((id: unknown) => (typeof id === 'string' ? listPaths.get(id) : undefined))
    item.tags = cleanTags([...(Array.isArray(bookmark.tags) ? bookmark.tags : []), ...listTags])
    const archived = parseFlag(bookmark.archived)
    item.state = archived === true ? 'archived' : archived === false ? 'unread' : null
    item.favorite = parseFlag(bookmark.favourited)
    item.highlights = highlights([highlight('', bookmark.note)])
    into.items.push(item)
  })
}

/** Each list's path of names from its top parent; a cycle or a missing parent ends the path. */
function listPathsById(lists: readonly unknown[]): Map<string, string> {
  const byId = new Map<string, KarakeepList>()
  for (const list of lists) {
    const l = (list ?? {}) as KarakeepList
    if (typeof l.id === 'string' && typeof l.name === 'string') byId.set(l.id, l)
  }
  const paths = new Map<string, string>()
  for (const [id] of byId) {
    const names: string[] = []
    const seen = new Set<string>()
    let current: KarakeepList | undefined = byId.get(id)
    while (current && typeof current.id === 'string' && !seen.has(current.id) && names.length < 20) {
      seen.add(current.id)
      names.unshift(String(current.name))
      current = typeof current.parentId === 'string' ? byId.get(current.parentId) : undefined
    }
    const tag = folderTag(names)
    if (tag) paths.set(id, tag)
  }
  return paths
}

/** True when a parsed JSON value is a Karakeep export. */
export function isKarakeepExport(json: unknown): json is { bookmarks: unknown[]; lists?: unknown } {
  return !!json && typeof json === 'object' && Array.isArray((json as { bookmarks?: unknown }).bookmarks)
}

/** Refuses a Karakeep-looking file whose bookmarks are not a list. */
export function assertKarakeep(json: unknown): asserts json is { bookmarks: unknown[]; lists?: unknown } {
  if (!isKarakeepExport(json)) throw badExport('', 'a Karakeep export has a "bookmarks" list')
}
