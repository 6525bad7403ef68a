/**
 * Bulk import benchmark: 500 fixture articles with images from a local server, saved through the same
 * bulk path the app and `lectern add --file` use. Prints articles per second, peak RSS and the longest
 * event-loop stall (how long the process could not answer the UI), for Lectern's concurrency and for a
 * one-at-a-time baseline in the same run.   Run: npm run bench:import [-- --count 500]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { createCore } from '../src/core/create-core'
import { createLocalApi } from '../src/core/local-api'
import { DEFAULT_IMPORT_LIMITS } from '../src/core/import/import-limits'
import type { ImportProgress } from '../src/shared/types'
import { articlePage, html, png, startFixtureSite, type Route } from '../tests/support/fixture-site'
import { solidPng } from '../tests/support/png'
import { tempDir } from '../tests/support/temp-dir'

const { values } = parseArgs({ options: { count: { type: 'string', default: '500' } } })
const count = Number(values.count)

// Each article has its own title and two images of its own (so nothing is deduplicated away).
const routes: Record<string, Route> = {}
for (let i = 0; i < count; i++) {
  const page = articlePage(`Bench Article Number ${i}`)
    .replace('/images/tower.png', `/bench-img/${i}-a.png`)
    .replace('images/logbook.png', `/bench-img/${i}-b.png`)
    .replace('/images/lead.png', `/bench-img/${i}-a.png`)
  routes[`/bench/${i}`] = html(page)
  routes[`/bench-img/${i}-a.png`] = png(solidPng(64, 48, [i % 256, 40, 90]))
  routes[`/bench-img/${i}-b.png`] = png(solidPng(48, 32, [10, i % 256, 200]))
}

interface Run {
  label: string
  seconds: number
  perSecond: number
  peakRssMb: number
  maxStallMs: number
  saved: number
  failed: number
}

async function run(label: string, concurrencyOverride: number | null): Promise<Run> {
  const site = await startFixtureSite(routes)
  const dir = tempDir('lectern-bench-')
  const core = await createCore({
    dataDir: dir.path,
    importLimits: DEFAULT_IMPORT_LIMITS,
    bulkConcurrency: concurrencyOverride ?? undefined
  })
  const urls = Array.from({ length: count }, (_, i) => site.url(`/bench/${i}`))
  const loop = monitorEventLoopDelay({ resolution: 5 })
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  loop.enable()
  const started = performance.now()
  const finished = new Promise<ImportProgress>((resolve) =>
    core.events.on('importProgress', (p) => p.finished && resolve(p))
  )
  const begun = await createLocalApi(core).addUrls({ urls })
  if (!begun.ok) throw new Error(begun.error.message)
  const last = await finished
  const seconds = (performance.now() - started) / 1000
  loop.disable()
  clearInterval(sampler)
  await core.close()
  await site.close()
  dir.remove()
  return {
    label,
    seconds,
    perSecond: last.saved / seconds,
    peakRssMb: peak / 1024 / 1024,
    maxStallMs: loop.max / 1e6,
    saved: last.saved,
    failed: last.failed
  }
}

const baseline = await run('baseline: one at a time', 1)
const lectern = await run('lectern: bulk (default concurrency)', null)
console.log(`\nBulk import of ${count} articles with 2 images each, from 127.0.0.1\n`)
console.log('run                                   saved failed   seconds  articles/s  peak RSS MB  longest stall ms')
for (const r of [baseline, lectern]) {
  console.log(
    `${r.label.padEnd(37)} ${String(r.saved).padStart(5)} ${String(r.failed).padStart(6)} ${r.seconds.toFixed(1).padStart(9)} ${r.perSecond.toFixed(1).padStart(11)} ${r.peakRssMb.toFixed(0).padStart(12)} ${r.maxStallMs.toFixed(0).padStart(17)}`
  )
}
console.log(`\nspeed-up vs baseline: ${(lectern.perSecond / baseline.perSecond).toFixed(2)}x`)
