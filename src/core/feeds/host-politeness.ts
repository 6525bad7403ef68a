/** How hard one host may be hit during a refresh. */
export interface PolitenessRule {
  /** Requests in flight to one host at a time. */
  maxPerHost: number
  /** Between the end of one request to a host and the start of the next. */
  minGapMs: number
}

export const DEFAULT_POLITENESS: PolitenessRule = { maxPerHost: 1, minGapMs: 1_000 }

/**
 * start: fetch this now. wait: nothing may start for `ms` (a host is resting), ask again then or when a
 * fetch ends. busy: everything waiting is behind a fetch in flight, ask again when one ends. idle: no work.
 */
export type NextFetch<T> =
  { kind: 'start'; item: T } | { kind: 'wait'; ms: number } | { kind: 'busy' } | { kind: 'idle' }

interface HostState<T> {
  queue: T[]
  inFlight: number
  /** When the last request to this host ended (epoch ms), or -Infinity. */
  lastEnd: number
}

/**
 * Orders fetches so that no host gets more than `maxPerHost` requests at once or two requests closer
 * than `minGapMs` apart, while other hosts go ahead: 100 feeds on one blog platform do not hold up the
 * rest. Hosts take turns (round robin); within a host, items keep the order they were added in. Time is
 * passed in, so the refresher drives it with its clock and tests with numbers.
 *
 * Use: `add` every due feed, then loop on `next(now)` (see NextFetch), calling `done(item, now)` when each
 * fetch handed out ends.
 */
export class HostScheduler<T> {
  private readonly hosts = new Map<string, HostState<T>>()
  private readonly hostOf = new Map<T, string>()
  private turn: string[] = []

  constructor(
    private readonly urlOf: (item: T) => string,
    private readonly rule: PolitenessRule = DEFAULT_POLITENESS
  ) {}

  add(item: T): void {
    const host = hostKey(this.urlOf(item))
    let state = this.hosts.get(host)
    if (!state) {
      state = { queue: [], inFlight: 0, lastEnd: -Infinity }
      this.hosts.set(host, state)
      this.turn.push(host)
    }
    state.queue.push(item)
    this.hostOf.set(item, host)
  }

  /** What may start at `nowMs`. */
  next(nowMs: number): NextFetch<T> {
    let soonest = Infinity
    for (let i = 0; i < this.turn.length; i++) {
      const host = this.turn[i] as string
      const state = this.hosts.get(host) as HostState<T>
      if (state.queue.length === 0) continue
      if (state.inFlight >= this.rule.maxPerHost) continue
      const readyAt = state.lastEnd + this.rule.minGapMs
      if (readyAt > nowMs) {
        soonest = Math.min(soonest, readyAt - nowMs)
        continue
      }
      const item = state.queue.shift() as T
      state.inFlight++
      // This host goes to the back of the line.
      this.turn.splice(i, 1)
      this.turn.push(host)
      return { kind: 'start', item }
    }
    if (soonest < Infinity) return { kind: 'wait', ms: soonest }
    return this.pending() > 0 ? { kind: 'busy' } : { kind: 'idle' }
  }

  /** Reports that the fetch of `item` (handed out by `next`) has ended, successfully or not. */
  done(item: T, nowMs: number): void {
    const host = this.hostOf.get(item)
    const state = host === undefined ? undefined : this.hosts.get(host)
    if (!state || host === undefined) return
    this.hostOf.delete(item)
    state.inFlight = Math.max(0, state.inFlight - 1)
    state.lastEnd = Math.max(state.lastEnd, nowMs)
    if (state.queue.length === 0 && state.inFlight === 0) {
      this.hosts.delete(host)
      this.turn = this.turn.filter((h) => h !== host)
    }
  }

  /** Items added and not yet handed out. */
  pending(): number {
    let count = 0
    for (const state of this.hosts.values()) count += state.queue.length
    return count
  }
}

/** The politeness key of an address: its host name, lower case, without "www.". */
export function hostKey(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '')
  } catch {
    return url
  }
}
