// Extraction benchmark: quality and speed of Lectern's page reader against plain Readability on linkedom.
//
//   npx tsx bench/extract.ts              (or: npm run bench:extract)
//   npx tsx bench/extract.ts --ablation   also scores Lectern with each cleanup rule switched off
//   npx tsx bench/extract.ts --rounds 5   timing rounds per page (default 3; each page's median is used)
//
// In one process it runs both extractors on every page of the extraction-dev corpus (../shared, beside the
// repository; never copied into it): Lectern from the page's bytes (readPage: decoding, extraction,
// cleanup, sanitizing, text and word count, exactly what the extract worker runs), the baseline from the
// decoded text (linkedom parse + Readability + textContent). It scores both with the corpus's own scorer,
// prints F1 / precision / recall, the median, p95, p99 and max time per page, the five slowest pages and
// the ratio to the baseline per page. Then every page of Mozilla's Readability test pages goes through the
// same reader (time per page, none over 1 s, none may throw), and every page of both corpora is imported
// through the real entry point (`addHtml`, as `lectern add page.html` and drag and drop do: worker pool,
// image storage, library) — none may fail with anything but an expected, specific error.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { createCore } from '../src/core/create-core'
import { dispatch } from '../src/core/dispatch'
import { readPage } from '../src/core/extract/extract-page'
import { CLEANUP_RULES, type CleanupRule } from '../src/core/extract/clean-article'
import { closeExtractPool } from '../src/core/import/extract-pool'
import { DEFAULT_IMPORT_LIMITS } from '../src/core/import/import-limits'
import { LecternError } from '../src/shared/errors'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const devDir = path.resolve(repoRoot, '../shared/corpus/extraction-dev')
const readabilityDir = path.resolve(repoRoot, '../shared/corpus/readability-pages')
const scorer = path.join(devDir, 'evaluate-extractor.mjs')

const { values: args } = parseArgs({
  options: { ablation: { type: 'boolean', default: false }, rounds: { type: 'string', default: '3' } }
})
const ROUNDS = Math.max(1, Number(args.rounds))

interface Page {
  id: string
  url: string
  bytes: Buffer
  html: string
}
interface Prediction {
  id: string
  text: string
  ms: number
  error?: string
}
interface Scores {
  f1: number
  precision: number
  recall: number
}

function loadDevPages(): Page[] {
  const truth = JSON.parse(fs.readFileSync(path.join(devDir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { url: string }
  >
  return Object.keys(truth)
    .sort()
    .map((id) => {
      const bytes = gunzipSync(fs.readFileSync(path.join(devDir, 'html', `${id}.html.gz`)))
      return { id, url: truth[id]?.url ?? 'https://example.invalid/', bytes, html: bytes.toString('utf8') }
    })
}

function loadReadabilityPages(): Page[] {
  if (!fs.existsSync(readabilityDir)) return []
  return fs
    .readdirSync(readabilityDir)
    .filter((d) => fs.existsSync(path.join(readabilityDir, d, 'source.html')))
    .sort()
    .map((id) => {
      const bytes = fs.readFileSync(path.join(readabilityDir, id, 'source.html'))
      return { id, url: 'http://fakehost/test/page.html', bytes, html: bytes.toString('utf8') }
    })
}

/** The baseline: Mozilla Readability 0.6 on linkedom (the fast parser), its textContent as the article body. */
function baseline(page: Page): string {
  return new Readability(parseHTML(page.html).document as unknown as Document).parse()?.textContent ?? ''
}

/** Lectern's reader from the page's bytes, as the extract worker runs it. */
function lectern(page: Page, disabledRules?: CleanupRule[]): string {
  return readPage({ bytes: page.bytes, pageUrl: page.url, options: { disabledRules } }).extracted.text
}

/** Each page `ROUNDS` times (after a warm-up); a page's time is the median of its rounds. */
function run(pages: Page[], extract: (page: Page) => string, rounds = ROUNDS): Prediction[] {
  for (const page of pages.slice(0, 5)) {
    try {
      extract(page)
    } catch {
      // measured below
    }
  }
  return pages.map((page) => {
    const times: number[] = []
    let text = ''
    let error: string | undefined
    for (let round = 0; round < rounds; round++) {
      const start = performance.now()
      try {
        text = extract(page)
      } catch (e) {
        error = String((e as Error)?.message ?? e)
      }
      times.push(performance.now() - start)
    }
    return { id: page.id, text, ms: percentile(times, 0.5), ...(error ? { error } : {}) }
  })
}

function score(name: string, predictions: Prediction[], tmp: string): Scores {
  const jsonl = path.join(tmp, `${name}.jsonl`)
  const report = path.join(tmp, `${name}.report.json`)
  fs.writeFileSync(jsonl, predictions.map((p) => JSON.stringify(p)).join('\n') + '\n')
  const result = spawnSync(
    process.execPath,
    [scorer, '--data', devDir, '--jsonl', jsonl, '--report', report, '--quiet', '--bootstrap', '0', '--worst', '0'],
    { encoding: 'utf8' }
  )
  if (result.status !== 0) throw new Error(`scorer failed for ${name}: ${result.stderr || result.stdout}`)
  const metrics = (JSON.parse(fs.readFileSync(report, 'utf8')) as { metrics: Scores }).metrics
  return { f1: metrics.f1, precision: metrics.precision, recall: metrics.recall }
}

function percentile(values: number[], p: number): number {
  const xs = [...values].sort((a, b) => a - b)
  if (xs.length === 0) return NaN
  const rank = (xs.length - 1) * p
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  return (xs[lo] ?? 0) + ((xs[hi] ?? 0) - (xs[lo] ?? 0)) * (rank - lo)
}

const f3 = (x: number): string => x.toFixed(3)
const f1 = (x: number): string => x.toFixed(1)
const pad = (text: string, width: number): string => text.padStart(width)

function timingRow(name: string, ms: number[], extra = ''): string {
  const cells = [0.5, 0.95, 0.99, 1].map((p) => pad(f1(percentile(ms, p)), 8))
  return `${name.padEnd(44)} ${cells.join('')}${extra}`
}

async function main(): Promise<void> {
  if (!fs.existsSync(scorer)) {
    console.log(`bench:extract skipped: corpus not found at ${devDir} (it lives in ../shared beside the repository).`)
    return
  }
  const pages = loadDevPages()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-extract-'))
  console.log(`extraction-dev: ${pages.length} pages, ${ROUNDS} timing rounds each; predictions in ${tmp}`)

  const base = run(pages, baseline)
  const ours = run(pages, (page) => lectern(page))
  const baseScores = score('baseline', base, tmp)
  const ourScores = score('lectern', ours, tmp)
  const baseMs = base.map((p) => p.ms)
  const ourMs = ours.map((p) => p.ms)

  console.log(`\n${'extractor'.padEnd(44)} ${pad('F1', 6)} ${pad('prec', 6)} ${pad('recall', 6)} ${pad('errors', 7)}`)
  for (const [name, s, preds] of [
    ['baseline: Readability 0.6 on linkedom', baseScores, base],
    ['lectern: readPage from bytes', ourScores, ours]
  ] as const) {
    const errors = preds.filter((p) => p.error).length
    console.log(
      `${name.padEnd(44)} ${pad(f3(s.f1), 6)} ${pad(f3(s.precision), 6)} ${pad(f3(s.recall), 6)} ${pad(String(errors), 7)}`
    )
    for (const p of preds.filter((x) => x.error))
      console.log(`    ${p.id.slice(0, 16)} threw: ${p.error?.slice(0, 120)}`)
  }

  console.log(
    `\nms per page (median of ${ROUNDS} rounds)     ${['median', 'p95', 'p99', 'max'].map((h) => pad(h, 8)).join('')}`
  )
  console.log(timingRow('baseline', baseMs))
  console.log(timingRow('lectern', ourMs))
  const ratios = pages.map((_, i) => ourMs[i]! / baseMs[i]!)
  console.log(
    `lectern / baseline per page: median ${f1(percentile(ratios, 0.5))}x, p95 ${f1(percentile(ratios, 0.95))}x, ` +
      `max ${f1(percentile(ratios, 1))}x; at the median page ${f1(percentile(ourMs, 0.5) / percentile(baseMs, 0.5))}x`
  )
  console.log('five slowest pages (lectern ms, baseline ms, ratio, KB):')
  const slowest = pages
    .map((page, i) => ({ page, ms: ourMs[i]!, base: baseMs[i]! }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
  for (const { page, ms, base: b } of slowest) {
    console.log(
      `  ${page.id.slice(0, 16)}  ${pad(f1(ms), 7)}  ${pad(f1(b), 7)}  ${pad(f1(ms / b), 5)}x  ${pad(String(Math.round(page.bytes.length / 1024)), 6)}`
    )
  }

  if (args.ablation) {
    console.log('\nablation (lectern with one cleanup rule switched off; ΔF1 > 0 means the rule helps):')
    for (const rule of ['all' as const, ...CLEANUP_RULES]) {
      const disabled = rule === 'all' ? [...CLEANUP_RULES] : [rule]
      const s = score(
        `lectern-without-${rule}`,
        run(pages, (page) => lectern(page, disabled), 1),
        tmp
      )
      const delta = ourScores.f1 - s.f1
      console.log(
        `  without ${rule.padEnd(22)} F1 ${f3(s.f1)} P ${f3(s.precision)} R ${f3(s.recall)}   ΔF1 ${(delta >= 0 ? '+' : '') + delta.toFixed(4)}`
      )
    }
  }

  const mozilla = loadReadabilityPages()
  benchReadabilityPages(mozilla)
  await importEveryPage([...pages, ...mozilla])
}

/** Mozilla's test pages through the same reader: time per page, and none may throw (NOT_AN_ARTICLE is an answer). */
function benchReadabilityPages(pages: Page[]): void {
  if (pages.length === 0) {
    console.log(`\nreadability-pages skipped: not found at ${readabilityDir}`)
    return
  }
  let crashes = 0
  let notArticle = 0
  const ms: number[] = []
  const base: number[] = []
  for (const page of pages) {
    const start = performance.now()
    try {
      lectern(page)
    } catch (error) {
      if (error instanceof LecternError && error.code === 'NOT_AN_ARTICLE') notArticle++
      else {
        crashes++
        console.log(`  ${page.id} threw: ${String((error as Error)?.message ?? error).slice(0, 160)}`)
      }
    }
    ms.push(performance.now() - start)
    const baseStart = performance.now()
    try {
      baseline(page)
    } catch {
      // the baseline's own failures are not ours
    }
    base.push(performance.now() - baseStart)
  }
  const over = pages.filter((_, i) => ms[i]! > 1000)
  const slowest = pages.map((page, i) => ({ id: page.id, ms: ms[i]!, base: base[i]! })).sort((a, b) => b.ms - a.ms)
  console.log(
    `\nreadability-pages: ${pages.length} pages, ${crashes} threw (must be 0), ${notArticle} NOT_AN_ARTICLE, ` +
      `${over.length} over 1 s (must be 0)`
  )
  console.log(
    `ms per page                                  ${['median', 'p95', 'p99', 'max'].map((h) => pad(h, 8)).join('')}`
  )
  console.log(timingRow('baseline', base))
  console.log(timingRow('lectern', ms))
  console.log(
    `slowest: ${slowest
      .slice(0, 5)
      .map((s) => `${s.id} ${f1(s.ms)} ms (baseline ${f1(s.base)})`)
      .join(', ')}`
  )
  if (crashes > 0 || over.length > 0) process.exitCode = 1
}

/**
 * Every page imported through the entry point users hit: addHtml (the worker pool, image storage, the
 * library). Images point at hosts that do not resolve here, so they fail fast and are left out, as offline.
 */
async function importEveryPage(pages: Page[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-import-'))
  const limits = { ...DEFAULT_IMPORT_LIMITS, images: { ...DEFAULT_IMPORT_LIMITS.images, timeoutMs: 500 } }
  const core = await createCore({ dataDir: dir, importLimits: limits })
  const outcomes = new Map<string, number>()
  const unexpected: string[] = []
  const started = performance.now()
  for (const page of pages) {
    const result = await dispatch(core.handlers, 'addHtml', {
      base64: page.bytes.toString('base64'),
      fileName: `${page.id}.html`
    })
    const outcome = result.ok
      ? (result.value as { existed: boolean }).existed
        ? 'existing'
        : 'saved'
      : result.error.code
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
    if (!result.ok && !['NOT_AN_ARTICLE'].includes(result.error.code)) {
      unexpected.push(`${page.id}: ${result.error.code} ${result.error.message}`)
    }
  }
  const seconds = (performance.now() - started) / 1000
  await core.close()
  await closeExtractPool()
  fs.rmSync(dir, { recursive: true, force: true })
  const summary = [...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')
  console.log(`\nimport through addHtml (worker pool): ${pages.length} pages in ${f1(seconds)} s: ${summary}`)
  for (const line of unexpected) console.log(`  unexpected: ${line}`)
  if (unexpected.length > 0) process.exitCode = 1
}

await main()
