import { normalizeUrl } from '../import/check-url'
import { hashId } from './feed-text'
import type { FeedItem } from './feed-types'

/**
 * The keys an item is recognised by across refreshes: its id, its address, and its title with its
 * date. Any one of them matching a key seen before makes it the same item, so an item is not added
 * twice when a feed moves (301) and its GUIDs change host or scheme, when a generator flips between
 * GUID and link, or when tracking parameters are added to links. Address keys ignore the scheme,
 * "www.", the fragment, tracking parameters and a trailing slash.
 */
export function itemKeys(item: Pick<FeedItem, 'id' | 'url' | 'title' | 'publishedAt'>): string[] {
  const keys = new Set<string>()
  const idAsUrl = urlKey(item.id)
  keys.add(idAsUrl ? `url:${idAsUrl}` : `id:${item.id}`)
  const url = item.url ? urlKey(item.url) : null
  if (url) keys.add(`url:${url}`)
  // Without a date, a title alone ("Weekly links") would merge different items.
  if (item.publishedAt && item.title) keys.add(`title-date:${hashId(item.title.toLowerCase(), item.publishedAt)}`)
  return [...keys]
}

function urlKey(text: string): string | null {
  if (!/^https?:\/\//i.test(text)) return null
  try {
    const url = new URL(normalizeUrl(text))
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : ''
    return `${url.hostname.replace(/^www\./, '')}${url.port ? `:${url.port}` : ''}${path}${url.search}`
  } catch {
    return null
  }
}

/**
 * The items of a fetched feed not seen before, in feed order, each once: an item whose keys (see
 * itemKeys) include one in `known`, or one of an item earlier in the same fetch, is left out.
 */
export function selectNewItems<T extends Pick<FeedItem, 'id' | 'url' | 'title' | 'publishedAt'>>(
  items: readonly T[],
  known: ReadonlySet<string> | { has(key: string): boolean }
): T[] {
  const fresh: T[] = []
  const thisFetch = new Set<string>()
  for (const item of items) {
    const keys = itemKeys(item)
    if (keys.some((key) => known.has(key) || thisFetch.has(key))) continue
    for (const key of keys) thisFetch.add(key)
    fresh.push(item)
  }
  return fresh
}

/** Item keys a feed has seen, with when each was last seen in it (epoch ms). Plain data, for a JSON file. */
export type SeenItems = Record<string, number>

export interface SeenLimits {
  /** A key not seen in the feed for this long is forgotten. */
  forgetAfterDays: number
  /** At most this many keys are kept per feed, the most recently seen. */
  maxKeys: number
}

export const DEFAULT_SEEN_LIMITS: SeenLimits = { forgetAfterDays: 90, maxKeys: 10_000 }

/**
 * Records the keys of every item in a fetch (new or not) as seen now, and forgets old keys. Items still
 * listed by the feed stay known however long ago their article was removed by retention, so cleanup
 * never makes them come back; keys of items the feed stopped listing are forgotten after a while, so the
 * record stays small.
 */
export function rememberItems(
  seen: SeenItems,
  items: ReadonlyArray<Pick<FeedItem, 'id' | 'url' | 'title' | 'publishedAt'>>,
  nowMs: number,
  limits: SeenLimits = DEFAULT_SEEN_LIMITS
): SeenItems {
  const oldest = nowMs - limits.forgetAfterDays * 86_400_000
  const entries = new Map<string, number>()
  for (const [key, at] of Object.entries(seen)) if (Number.isFinite(at) && at >= oldest) entries.set(key, at)
  for (const item of items) for (const key of itemKeys(item)) entries.set(key, nowMs)
  let kept = [...entries]
  if (kept.length > limits.maxKeys) kept = kept.sort((a, b) => b[1] - a[1]).slice(0, limits.maxKeys)
  return Object.fromEntries(kept)
}

/** The `known` set for selectNewItems from a feed's record. */
export function knownKeys(seen: SeenItems): ReadonlySet<string> {
  return new Set(Object.keys(seen))
}
