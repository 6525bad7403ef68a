/**
 * Library benchmark: synthetic libraries of 1k, 10k and 50k articles (metadata + one content folder each)
 * written to temp dirs, then measured in a fresh child process each, as the app would hold them:
 *   open      process start → library ready (and → first page of the list ready)
 *   durable   one change (archive / favorite / progress) → fsynced on disk, including the coalescing delay
 *   stall     the longest the event loop was blocked while saves ran (monitorEventLoopDelay), incl. a bulk
 *             change touching every shard
 *   RSS       of the process holding the library
 *   query     filter + sort + first page, p95 over 300 random queries
 *   paint     browser mode: `lectern serve` started on the library → first row of the list painted in Chromium
 *             (needs `npm run build` and Chromium; skipped with a note otherwise); in the table after a clean
 *             close, as a user restarts it, and below it without the start page (as after a crash)
 * and, to show why the layout is sharded, how long serializing the whole library as one file (v1) blocks.
 * Run: npm run bench:library [-- --sizes 1000,10000,50000]
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { LibraryStore } from '../src/core/library/library-store'
import { START_PAGE_FILE } from '../src/core/library/start-page'
import { LIBRARY_SORTS, LIBRARY_VIEWS, SORT_ORDERS, type LibraryQuery } from '../src/shared/types'
import { fixtureArticle } from '../tests/support/library-fixtures'
import { tempDir } from '../tests/support/temp-dir'

interface Figures {
  size: number
  readyMs: number
  openCallMs: number
  firstPageMs: number
  durableMedianMs: number
  durableMaxMs: number
  stallMs: number
  gcMaxMs: number
  rssMb: number
  queryP95Ms: number
  wholeFileStringifyMs: number
  /** Browser mode: server process start → first list row painted; null when it could not be measured. */
  paintMs?: number | null
  /** The same without a start page (as after a crash, or the first start of this version). */
  paintColdMs?: number | null
}

const { values } = parseArgs({
  options: { child: { type: 'string' }, sizes: { type: 'string', default: '1000,10000,50000' } }
})

if (values.child) await child(values.child)
else await parent(values.sizes.split(',').map(Number))

async function parent(sizes: number[]): Promise<void> {
  const work = tempDir('lectern-bench-')
  try {
    // The app runs bundled code; so does the measured child (tsx would add its own transpiling to "open").
    const bundle = join(work.path, 'library-bench.mjs')
    const root = join(fileURLToPath(import.meta.url), '..', '..')
    execFileSync(join(root, 'node_modules/.bin/esbuild'), [
      join(root, 'bench/library.ts'),
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--log-level=warning',
      '--external:@playwright/test',
      `--outfile=${bundle}`
    ])
    const rows: Figures[] = []
    for (const size of sizes) {
      const dataDir = join(work.path, `lib-${rows.length}-${size}`)
      const made = performance.now()
      await makeLibrary(dataDir, size)
      process.stderr.write(
        `library of ${size} written in ${((performance.now() - made) / 1000).toFixed(1)} s; measuring…\n`
      )
      const figures = JSON.parse(await run(process.execPath, ['--expose-gc', bundle, '--child', dataDir])) as Figures
      const paint = await firstPaint(root, dataDir)
      figures.paintMs = paint?.warm ?? null
      figures.paintColdMs = paint?.cold ?? null
      rows.push(figures)
    }
    print(rows)
  } finally {
    work.remove()
  }
}

async function makeLibrary(dataDir: string, size: number): Promise<void> {
  const store = await LibraryStore.open(dataDir)
  const adds: Promise<void>[] = []
  for (let n = 0; n < size; n++) {
    const article = fixtureArticle(n)
    mkdirSync(store.articleDir(article.id))
    adds.push(store.add(article))
  }
  await Promise.all(adds)
  await store.close()
}

/**
 * Browser mode as a user starts it: `lectern serve` on the library, the printed address opened in
 * Chromium, until the first row of the article list is painted. Measured from the server's spawn, twice:
 * as after a clean close (the start page it left answers the first calls), then as after a crash (none).
 */
async function firstPaint(root: string, dataDir: string): Promise<{ warm: number; cold: number } | null> {
  const CHROMIUM = process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium'
  const cli = join(root, 'bin/lectern.js')
  if (!existsSync(join(root, 'out/cli/index.js')) || !existsSync(CHROMIUM)) {
    process.stderr.write('browser first paint skipped: run `npm run build` and install chromium to measure it\n')
    return null
  }
  // Loaded here, not at the top: the measured child is this file bundled, and must not carry Playwright.
  const { chromium } = await import('@playwright/test')
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  const once = async (): Promise<number> => {
    const page = await browser.newPage()
    // The page notes when its first row is painted (the frame after the row is in the DOM) by the clock
    // every process shares: the figure is the app's, not how soon Playwright hears of it (a locator's
    // waitFor() polls with pauses of up to 500 ms, and the driver lags ~100 ms on a busy machine).
    await page.addInitScript({
      content: `new MutationObserver(function (_, observer) {
        if (!document.querySelector('ul[aria-label="Articles"] > li[data-testid="article-item"]')) return
        observer.disconnect()
        requestAnimationFrame(function () { window.firstRowPainted = performance.timeOrigin + performance.now() })
      }).observe(document, { childList: true, subtree: true })`
    })
    const started = performance.timeOrigin + performance.now()
    const server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out)
          if (match) resolve(match[1] as string)
        })
        server.once('exit', (code) => reject(new Error(`lectern serve exited with ${code}`)))
      })
      await page.goto(url)
      const painted = await page.waitForFunction(
        () => (window as { firstRowPainted?: number }).firstRowPainted,
        undefined,
        { polling: 'raf' }
      )
      return ((await painted.jsonValue()) as number) - started
    } finally {
      await page.close()
      server.kill('SIGTERM') // serve closes the library (leaving the start page) once it is open
      await new Promise((done) => (server.exitCode === null ? server.once('exit', done) : done(null)))
    }
  }
  try {
    // A first start, not counted, takes what only a first start pays (the backup of the changes made above,
    // a fresh browser's first page), so the two measured starts differ only in the start page.
    await once()
    const warm = await once()
    rmSync(join(dataDir, START_PAGE_FILE), { force: true })
    return { warm, cold: await once() }
  } finally {
    await browser.close()
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    proc.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`benchmark child failed (${code})`))))
  })
}

/** Runs in the fresh child: everything is measured from this process's start. */
async function child(dataDir: string): Promise<void> {
  const openStart = performance.now()
  const store = await LibraryStore.open(dataDir)
  const readyMs = performance.now() // since process start (performance.timeOrigin)
  store.query({ view: 'inbox', limit: 100 })
  const firstPageMs = performance.now()
  const size = store.all().length
  const ids = store.all().map((a) => a.id)
  const pickId = (i: number) => ids[(i * 7919) % ids.length] as string

  // List queries: random view, sort, order, sometimes a tag or site; first page.
  const times: number[] = []
  for (let i = 0; i < 300; i++) {
    const query: LibraryQuery = {
      view: LIBRARY_VIEWS[i % LIBRARY_VIEWS.length],
      sort: LIBRARY_SORTS[Math.floor(i / 4) % LIBRARY_SORTS.length],
      order: SORT_ORDERS[i % 2],
      tag: i % 5 === 0 ? 'sea' : undefined,
      site: i % 7 === 0 ? 'Site 3' : undefined,
      limit: 100
    }
    const t = performance.now()
    store.query(query)
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const queryP95Ms = times[Math.floor(times.length * 0.95)] as number

  // One change → durable, with the event loop watched throughout (bulk change included).
  const loop = monitorEventLoopDelay({ resolution: 1 })
  let gcMaxMs = 0
  const gcWatch = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, entry.duration)
  })
  gcWatch.observe({ entryTypes: ['gc'] })
  loop.enable()
  const durable: number[] = []
  for (let i = 0; i < 12; i++) {
    const id = pickId(i)
    const t = performance.now()
    if (i % 3 === 0) await store.update(id, { state: store.get(id).state === 'archived' ? 'unread' : 'archived' })
    else if (i % 3 === 1) await store.update(id, { favorite: !store.get(id).favorite })
    else await store.update(id, { progress: i / 12 })
    await store.persisted()
    durable.push(performance.now() - t)
  }
  // A bulk change over 1,000 articles (every shard rewritten in one save).
  store.updateMany(ids.slice(0, 1000), (a) => ({ favorite: !a.favorite }))
  await store.persisted()
  loop.disable()
  gcWatch.disconnect()
  durable.sort((a, b) => a - b)

  ;(globalThis as { gc?: () => void }).gc?.()
  const rssMb = process.memoryUsage().rss / 1e6

  // What v1's layout would block for on every save: serializing the whole library at once.
  const t = performance.now()
  JSON.stringify({ schemaVersion: 1, articles: store.all() })
  const wholeFileStringifyMs = performance.now() - t
  await store.close()

  const figures: Figures = {
    size,
    readyMs,
    openCallMs: readyMs - openStart,
    firstPageMs,
    durableMedianMs: durable[Math.floor(durable.length / 2)] as number,
    durableMaxMs: durable.at(-1) as number,
    stallMs: loop.max / 1e6,
    gcMaxMs,
    rssMb,
    queryP95Ms,
    wholeFileStringifyMs
  }
  process.stdout.write(JSON.stringify(figures))
}

function print(rows: Figures[]): void {
  const base = rows[0] as Figures
  const cell = (value: number, baseline: number, digits = 1) =>
    `${value.toFixed(digits)} (${(value / baseline).toFixed(1)}x)`
  const lines: string[][] = [
    [
      'articles',
      'open: start→ready ms',
      'open() ms',
      'start→first page ms',
      'browser: start→first paint ms',
      'change→durable median/max ms',
      'longest stall ms (GC)',
      'RSS MB',
      'query p95 ms',
      'v1 whole-file stringify ms'
    ]
  ]
  for (const r of rows) {
    lines.push([
      String(r.size),
      cell(r.readyMs, base.readyMs, 0),
      cell(r.openCallMs, base.openCallMs, 0),
      cell(r.firstPageMs, base.firstPageMs, 0),
      r.paintMs && base.paintMs ? cell(r.paintMs, base.paintMs, 0) : 'not measured',
      `${r.durableMedianMs.toFixed(0)} / ${cell(r.durableMaxMs, base.durableMaxMs, 0)}`,
      `${cell(r.stallMs, base.stallMs)} (${r.gcMaxMs.toFixed(0)})`,
      cell(r.rssMb, base.rssMb, 0),
      cell(r.queryP95Ms, base.queryP95Ms, 2),
      cell(r.wholeFileStringifyMs, base.wholeFileStringifyMs)
    ])
  }
  const widths = (lines[0] as string[]).map((_, i) => Math.max(...lines.map((l) => (l[i] as string).length)))
  console.log('\nLectern library benchmark (figure (ratio to the 1k library))\n')
  for (const [i, line] of lines.entries()) {
    console.log(line.map((c, j) => c.padEnd(widths[j] as number)).join('  '))
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  }
  if (rows.some((r) => r.paintColdMs)) {
    console.log(
      `\nbrowser: start→first paint without a start page (as after a crash): ${rows.map((r) => `${r.size}: ${r.paintColdMs?.toFixed(0) ?? '-'} ms`).join(', ')}`
    )
  }
  const last = rows.at(-1) as Figures
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')
  console.log(
    `\nTargets at ${last.size}: open < 1000 ms: ${verdict(last.readyMs < 1000)}; ` +
      `first paint in browser mode < 1000 ms: ${last.paintMs ? verdict(last.paintMs < 1000) : 'not measured'}; change→durable < 1000 ms: ${verdict(last.durableMaxMs < 1000)}; ` +
      `stall ≤ 50 ms: ${verdict(last.stallMs <= 50)}; RSS < 300 MB: ${verdict(last.rssMb < 300)}; query p95 < 20 ms: ${verdict(last.queryP95Ms < 20)}`
  )
}
