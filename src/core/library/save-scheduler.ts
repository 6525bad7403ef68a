interface Waiter {
  generation: number
  resolve(): void
  reject(error: unknown): void
}

/**
 * Coalesces changes into few saves: the first change after a save starts a timer of `delayMs`; every change
 * until it fires is written by the same save. Changes keep arriving? They are saved every `delayMs`, never
 * postponed further, so a change is on disk within about delayMs + one save. persisted() resolves once
 * everything changed before the call is on disk; flush() saves now.
 */
export class SaveScheduler {
  private changes = 0
  private saved = 0
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private urgent = false
  private waiters: Waiter[] = []
  lastError: Error | null = null

  constructor(
    /** Writes everything changed so far; throws when it could not (the caller keeps what is unsaved dirty). */
    private readonly save: () => Promise<void>,
    private readonly delayMs: number,
    /** Called after each successful save (e.g. to start a periodic backup). */
    private readonly afterSave: () => void = () => {}
  ) {}

  /** Records a change; it will be saved within about delayMs. */
  changed(): void {
    this.changes++
    this.schedule(this.delayMs)
  }

  get pending(): boolean {
    return this.saved < this.changes
  }

  /** Resolves when every change made before this call is on disk; rejects if saving it failed. */
  persisted(): Promise<void> {
    if (this.saved >= this.changes) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.waiters.push({ generation: this.changes, resolve, reject })
      this.schedule(this.delayMs)
    })
  }

  /** Saves now (not waiting for the timer) and resolves when everything changed so far is on disk. */
  flush(): Promise<void> {
    const done = this.persisted()
    if (this.pending) {
      this.urgent = true
      if (this.timer) clearTimeout(this.timer)
      this.timer = null
      void this.run()
    }
    return done
  }

  private schedule(delay: number): void {
    if (this.timer || this.running || !this.pending) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.run()
    }, delay)
  }

  private async run(): Promise<void> {
    if (this.running) return
    this.running = (async () => {
      do {
        this.urgent = false
        const generation = this.changes
        try {
          await this.save()
          this.saved = generation
          this.lastError = null
          this.settle(generation, null)
          this.afterSave()
        } catch (error) {
          this.lastError = error as Error
          this.settle(generation, error)
          break
        }
      } while (this.urgent && this.pending)
    })()
    await this.running
    this.running = null
    // Changes made during the save (or a failed save, retried a little later).
    if (this.pending) this.schedule(this.lastError ? Math.max(this.delayMs, 1000) : this.delayMs)
  }

  private settle(generation: number, error: unknown): void {
    const remaining: Waiter[] = []
    for (const waiter of this.waiters) {
      if (waiter.generation > generation) remaining.push(waiter)
      else if (error) waiter.reject(error)
      else waiter.resolve()
    }
    this.waiters = remaining
  }
}
