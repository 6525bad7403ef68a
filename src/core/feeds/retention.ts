/** What retention needs to know about an article. */
export interface RetentionCandidate {
  id: string
  /** The feed the article came from; null for articles the user saved, which retention never removes. */
  feedId: string | null
  /** ISO: when it entered the library. Age is counted from here, not from the feed's date, so a feed subscribed today keeps its back items for the full period. */
  savedAt: string
  favorite: boolean
  tags: readonly string[]
  state: 'unread' | 'archived'
  /** Anything else the user did to keep it (highlights, notes): kept like a favorite. */
  pinned?: boolean
}

export const DEFAULT_RETENTION_DAYS = 30

export interface RetentionRule {
  /** Days a feed item is kept; null keeps them forever. */
  defaultDays: number | null
  /** Per feed; a feed missing here uses defaultDays, null keeps its items forever. */
  daysByFeed?: Readonly<Record<string, number | null | undefined>>
}

export const DEFAULT_RETENTION: RetentionRule = { defaultDays: DEFAULT_RETENTION_DAYS }

/** Whether the user has made an article theirs: favorited, tagged, archived or otherwise pinned. */
export function isKeptByUser(article: RetentionCandidate): boolean {
  return article.favorite || article.tags.length > 0 || article.state === 'archived' || article.pinned === true
}

/**
 * The ids of feed articles that may be removed at `now`: older than their feed's retention period
 * and not kept by the user. Articles the user saved by hand are never listed. A period that is not a
 * positive number (a bad setting) keeps everything, since removing is the one thing that cannot be undone.
 */
export function expiredArticles(
  articles: Iterable<RetentionCandidate>,
  now: Date,
  rule: RetentionRule = DEFAULT_RETENTION
): string[] {
  const expired: string[] = []
  for (const article of articles) {
    if (article.feedId === null || isKeptByUser(article)) continue
    const perFeed = rule.daysByFeed?.[article.feedId]
    const days = perFeed === undefined ? rule.defaultDays : perFeed
    if (days === null || !Number.isFinite(days) || days <= 0) continue
    const savedAt = Date.parse(article.savedAt)
    if (!Number.isFinite(savedAt)) continue
    if (now.getTime() - savedAt > days * 86_400_000) expired.push(article.id)
  }
  return expired
}
