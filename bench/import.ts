/**
 * Bulk import benchmark: 500 pages from a local server, saved through the same bulk path the app and
 * `lectern add --file` use, with the search index open and following every save as in the app. Most pages
 * are articles with two images each; one in fifty is a very long page (Mozilla's wikipedia-2 test page when
 * ../shared is beside the repository, else a generated 1 MB article), the kind that used to freeze the
 * process for a minute. Prints articles per second, peak RSS and the longest event-loop stall (how long
 * the process could not answer the window: the target is 20 ms) for: one page at a time on one worker
 * (the baseline), the bulk queue on one worker, and the bulk queue on the pool's default size (one worker
 * per spare core), all in this process.   Run: npm run bench:import [-- --count 500]
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { availableParallelism } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createCore } from '../src/core/create-core'
import { createLocalApi } from '../src/core/local-api'
import { closeExtractPool, extractPoolSize, setExtractPoolSize } from '../src/core/import/extract-pool'
import { DEFAULT_IMPORT_LIMITS } from '../src/core/import/import-limits'
import type { ImportProgress } from '../src/shared/types'
import { tempDir } from '../tests/support/temp-dir'

const { values } = parseArgs({ options: { count: { type: 'string', default: '500' } } })
const count = Number(values.count)
const LONG_EVERY = 50

/** The site, served by a child process: serving must not run on the event loop being measured. */
async function startSite(): Promise<{ url: (path: string) => string; longLabel: string; close(): Promise<void> }> {
  const script = fileURLToPath(new URL('./support/import-site.ts', import.meta.url))
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, '--count', String(count), '--long-every', String(LONG_EVERY)],
    {
      stdio: ['pipe', 'pipe', 'inherit']
    }
  )
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const origin = (await lines.next()).value as string
  const longLabel = (await lines.next()).value as string
  return {
    url: (path) => origin + path,
    longLabel,
    close: async () => {
      child.stdin.end()
      await once(child, 'exit')
    }
  }
}

interface Run {
  label: string
  workers: number
  seconds: number
  perSecond: number
  peakRssMb: number
  maxStallMs: number
  p99StallMs: number
  saved: number
  failed: number
}

async function run(label: string, workers: number, concurrency: number | null): Promise<Run> {
  await setExtractPoolSize(workers)
  const dir = tempDir('lectern-bench-')
  const core = await createCore({
    dataDir: dir.path,
    importLimits: DEFAULT_IMPORT_LIMITS,
    bulkConcurrency: concurrency ?? undefined,
    openSearchAfterMs: 0 // the index follows every save, as in the app and `lectern serve`
  })
  const urls = Array.from({ length: count }, (_, i) => site.url(`/bench/${i}`))
  // Let the index open and the worker start before the clock does.
  await createLocalApi(core).search({ query: 'warm' })
  const loop = monitorEventLoopDelay({ resolution: 1 })
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const started = performance.now()
  const finished = new Promise<ImportProgress>((resolve) =>
    core.events.on('importProgress', (p) => p.finished && resolve(p))
  )
  loop.enable()
  const begun = await createLocalApi(core).addUrls({ urls })
  if (!begun.ok) throw new Error(begun.error.message)
  const last = await finished
  const seconds = (performance.now() - started) / 1000
  loop.disable()
  clearInterval(sampler)
  for (const item of last.items.filter((i) => i.status === 'failed').slice(0, 3)) {
    console.log(`  ${label}: ${item.url} failed: ${item.error?.code} ${item.error?.message}`)
  }
  await core.close()
  dir.remove()
  return {
    label,
    workers,
    seconds,
    perSecond: last.saved / seconds,
    peakRssMb: peak / 1024 / 1024,
    maxStallMs: loop.max / 1e6,
    p99StallMs: loop.percentile(99) / 1e6,
    saved: last.saved,
    failed: last.failed
  }
}

const site = await startSite()
const defaultWorkers = extractPoolSize()
const runs = [
  await run('baseline: one page at a time', 1, 1),
  await run('bulk queue, 1 worker', 1, null),
  await run(`bulk queue, pool (${defaultWorkers} worker${defaultWorkers > 1 ? 's' : ''})`, defaultWorkers, null)
]
await closeExtractPool()
await site.close()
const [baseline] = runs as [Run, ...Run[]]
console.log(
  `\nBulk import of ${count} pages from 127.0.0.1 (${count - Math.floor(count / LONG_EVERY)} articles with 2 images, ` +
    `${Math.floor(count / LONG_EVERY)} × ${site.longLabel}), search index open; ${availableParallelism()} cores\n`
)
const head = ['saved', 'failed', 'seconds', 'articles/s', 'vs base', 'peak RSS MB', 'stall p99 ms', 'stall max ms']
console.log(`${'run'.padEnd(34)} ${head.map((h) => h.padStart(12)).join('')}`)
for (const r of runs) {
  const cells = [
    String(r.saved),
    String(r.failed),
    r.seconds.toFixed(1),
    r.perSecond.toFixed(1),
    `${(r.perSecond / baseline.perSecond).toFixed(2)}x`,
    r.peakRssMb.toFixed(0),
    r.p99StallMs.toFixed(1),
    r.maxStallMs.toFixed(1)
  ]
  console.log(`${r.label.padEnd(34)} ${cells.map((c) => c.padStart(12)).join('')}`)
}
const worst = Math.max(...runs.map((r) => r.maxStallMs))
console.log(`\nlongest stall ${worst.toFixed(1)} ms (target ≤ 20 ms): ${worst <= 20 ? 'met' : 'NOT met'}`)
