import { describe, expect, it } from 'vitest'
import type { AppError } from '../../src/shared/result'
import { conditionalHeaders, nextValidators } from '../../src/core/feeds/conditional-request'
import { HostScheduler } from '../../src/core/feeds/host-politeness'
import {
  afterFailure,
  afterSuccess,
  DEFAULT_REFRESH_POLICY,
  isDue,
  NEW_FEED_HEALTH,
  retryAfterMs,
  type FeedHealth
} from '../../src/core/feeds/refresh-backoff'

const MIN = 60_000
const HOUR = 60 * MIN
const at = (iso: string) => new Date(iso)

describe('conditional requests', () => {
  it('sends the last ETag and Last-Modified back', () => {
    const validators = nextValidators(null, {
      status: 200,
      headers: new Headers({ etag: 'W/"abc"', 'last-modified': 'Tue, 10 Jun 2025 04:00:00 GMT' })
    })
    expect(conditionalHeaders(validators)).toEqual({
      'if-none-match': 'W/"abc"',
      'if-modified-since': 'Tue, 10 Jun 2025 04:00:00 GMT'
    })
  })

  it('sends nothing for a feed never fetched, or one whose server gives no validators', () => {
    expect(conditionalHeaders(null)).toEqual({})
    const previous = { etag: '"old"', lastModified: null }
    expect(conditionalHeaders(nextValidators(previous, { status: 200, headers: {} }))).toEqual({})
  })

  it('keeps the validators through a 304 and through failures, updating them when a 304 brings new ones', () => {
    const previous = { etag: '"v1"', lastModified: 'Mon, 09 Jun 2025 00:00:00 GMT' }
    expect(nextValidators(previous, { status: 304, headers: {} })).toEqual(previous)
    expect(nextValidators(previous, { status: 503, headers: { ETag: '"x"' } })).toEqual(previous)
    expect(nextValidators(previous, { status: 304, headers: { ETag: '"v2"' } })).toEqual({ ...previous, etag: '"v2"' })
  })

  it('never echoes a header value fetch() would refuse', () => {
    const validators = nextValidators(null, {
      status: 200,
      headers: { etag: '"a"\r\nx-injected: 1', 'last-modified': 'x'.repeat(5000) }
    })
    expect(conditionalHeaders(validators)).toEqual({})
  })
})

describe('refresh backoff', () => {
  const policy = DEFAULT_REFRESH_POLICY
  const now = at('2025-06-01T00:00:00Z')
  const timeout: AppError = { code: 'TIMEOUT', message: 'timed out' }
  const fail = (health: FeedHealth, error: AppError = timeout, retryAfter?: number) =>
    afterFailure(health, { now, error, retryAfterMs: retryAfter }, policy, () => 0.5)
  const waitOf = (health: FeedHealth) => Date.parse(health.nextRefreshAt ?? '') - now.getTime()

  it('a new feed is due; after a success it is due again one interval later', () => {
    expect(isDue(NEW_FEED_HEALTH, now)).toBe(true)
    const ok = afterSuccess(NEW_FEED_HEALTH, now)
    expect(ok).toMatchObject({ lastSuccessAt: now.toISOString(), consecutiveFailures: 0, lastError: null })
    expect(isDue(ok, new Date(now.getTime() + policy.intervalMs - 1))).toBe(false)
    expect(isDue(ok, new Date(now.getTime() + policy.intervalMs))).toBe(true)
  })

  it('doubles the wait with each failure up to the cap, keeping the error and the last success', () => {
    let health = afterSuccess(NEW_FEED_HEALTH, at('2025-05-31T00:00:00Z'))
    const waits: number[] = []
    for (let i = 0; i < 8; i++) {
      health = fail(health)
      waits.push(waitOf(health))
    }
    expect(waits).toEqual([30 * MIN, 60 * MIN, 2 * HOUR, 4 * HOUR, 8 * HOUR, 16 * HOUR, 24 * HOUR, 24 * HOUR])
    expect(health).toMatchObject({
      consecutiveFailures: 8,
      lastError: timeout,
      lastSuccessAt: '2025-05-31T00:00:00.000Z'
    })
  })

  it('starts over after a success', () => {
    const recovered = afterSuccess(fail(fail(fail(NEW_FEED_HEALTH))), now)
    expect(recovered.consecutiveFailures).toBe(0)
    expect(waitOf(fail(recovered))).toBe(30 * MIN)
  })

  it('honours Retry-After, waits the cap at once for a feed that is gone, and spreads retries by ±10%', () => {
    expect(waitOf(fail(NEW_FEED_HEALTH, { code: 'HTTP_429', message: '' }, 3 * HOUR))).toBe(3 * HOUR)
    expect(waitOf(fail(NEW_FEED_HEALTH, { code: 'HTTP_410', message: '' }))).toBe(24 * HOUR)
    const low = afterFailure(NEW_FEED_HEALTH, { now, error: timeout }, policy, () => 0)
    const high = afterFailure(NEW_FEED_HEALTH, { now, error: timeout }, policy, () => 0.999999)
    expect(waitOf(low)).toBe(27 * MIN)
    expect(waitOf(high)).toBeCloseTo(33 * MIN, -2)
  })

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs('Sun, 01 Jun 2025 01:00:00 GMT', now)).toBe(HOUR)
    expect(retryAfterMs('soon', now)).toBeNull()
    expect(retryAfterMs(null, now)).toBeNull()
  })
})

describe('HostScheduler', () => {
  const feed = (url: string) => ({ url })

  it('lets other hosts go ahead while one host is busy, one request per host at a time', () => {
    const scheduler = new HostScheduler<{ url: string }>((f) => f.url, { maxPerHost: 1, minGapMs: 1000 })
    const [a1, a2, a3, b1, c1] = [
      'https://a.example/1',
      'https://a.example/2',
      'https://www.a.example/3',
      'https://b.example/1',
      'https://c.example/1'
    ].map(feed)
    for (const f of [a1, a2, a3, b1, c1]) scheduler.add(f!)
    const started = [scheduler.next(0), scheduler.next(0), scheduler.next(0), scheduler.next(0)]
    expect(started).toEqual([
      { kind: 'start', item: a1 },
      { kind: 'start', item: b1 },
      { kind: 'start', item: c1 },
      { kind: 'busy' }
    ])
    scheduler.done(a1!, 500)
    expect(scheduler.next(600)).toEqual({ kind: 'wait', ms: 900 })
    expect(scheduler.next(1500)).toEqual({ kind: 'start', item: a2 })
    scheduler.done(a2!, 2000)
    scheduler.done(b1!, 2000)
    scheduler.done(c1!, 2000)
    expect(scheduler.next(3000)).toEqual({ kind: 'start', item: a3 })
    scheduler.done(a3!, 3100)
    expect(scheduler.next(5000)).toEqual({ kind: 'idle' })
  })

  it('takes hosts in turns, so one host with many feeds does not go first for all of them', () => {
    const scheduler = new HostScheduler<{ url: string }>((f) => f.url, { maxPerHost: 2, minGapMs: 0 })
    for (let i = 0; i < 4; i++) scheduler.add(feed(`https://big.example/${i}`))
    scheduler.add(feed('https://small.example/1'))
    const first = scheduler.next(0)
    const second = scheduler.next(0)
    expect([first, second].map((n) => (n.kind === 'start' ? n.item.url : n.kind))).toEqual([
      'https://big.example/0',
      'https://small.example/1'
    ])
    expect(scheduler.pending()).toBe(3)
  })
})
