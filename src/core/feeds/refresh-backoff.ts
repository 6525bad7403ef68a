import type { AppError } from '../../shared/result'

/** A feed's refresh record: what the sidebar shows (last success, error) and when to try next. */
export interface FeedHealth {
  consecutiveFailures: number
  /** ISO timestamps. */
  lastSuccessAt: string | null
  lastAttemptAt: string | null
  /** The last failure, kept until a refresh succeeds, so the user sees why a feed is stale. */
  lastError: AppError | null
  nextRefreshAt: string | null
}

export interface RefreshPolicy {
  /** Between successful refreshes (the user's "every N minutes"). */
  intervalMs: number
  /** The wait after the first failure; it doubles with each further one. */
  firstBackoffMs: number
  maxBackoffMs: number
}

export const DEFAULT_REFRESH_POLICY: RefreshPolicy = {
  intervalMs: 30 * 60_000,
  firstBackoffMs: 30 * 60_000,
  maxBackoffMs: 24 * 60 * 60_000
}

export const NEW_FEED_HEALTH: FeedHealth = {
  consecutiveFailures: 0,
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  nextRefreshAt: null
}

/** Whether a feed should be refreshed now (a feed never refreshed is due). */
export function isDue(health: FeedHealth, now: Date): boolean {
  return health.nextRefreshAt === null || Date.parse(health.nextRefreshAt) <= now.getTime()
}

/** After a successful refresh (a 304 is a success): failures forgotten, next one a full interval away. */
export function afterSuccess(
  health: FeedHealth,
  now: Date,
  policy: RefreshPolicy = DEFAULT_REFRESH_POLICY
): FeedHealth {
  return {
    ...health,
    consecutiveFailures: 0,
    lastSuccessAt: now.toISOString(),
    lastAttemptAt: now.toISOString(),
    lastError: null,
    nextRefreshAt: new Date(now.getTime() + policy.intervalMs).toISOString()
  }
}

/**
 * After a failed refresh: wait first, 2×first, 4×first, ... up to the cap, never less than the
 * interval, and never less than the server's Retry-After. A feed that is gone (HTTP 410) waits the cap
 * at once. `random` spreads feeds that failed together (one host down) by ±10%; tests pass a constant.
 */
export function afterFailure(
  health: FeedHealth,
  failure: { now: Date; error: AppError; retryAfterMs?: number | null },
  policy: RefreshPolicy = DEFAULT_REFRESH_POLICY,
  random: () => number = Math.random
): FeedHealth {
  const failures = health.consecutiveFailures + 1
  const exponential = policy.firstBackoffMs * 2 ** Math.min(failures - 1, 30)
  let delay = failure.error.code === 'HTTP_410' ? policy.maxBackoffMs : Math.min(exponential, policy.maxBackoffMs)
  delay = Math.max(delay, policy.intervalMs, Math.min(failure.retryAfterMs ?? 0, policy.maxBackoffMs))
  delay = Math.round(delay * (0.9 + 0.2 * Math.min(Math.max(random(), 0), 1)))
  return {
    ...health,
    consecutiveFailures: failures,
    lastAttemptAt: failure.now.toISOString(),
    lastError: { code: failure.error.code, message: failure.error.message },
    nextRefreshAt: new Date(failure.now.getTime() + delay).toISOString()
  }
}

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  const text = header?.trim()
  if (!text) return null
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  return Number.isFinite(at) ? Math.max(0, at - now.getTime()) : null
}
