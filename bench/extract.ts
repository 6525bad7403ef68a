// Extraction benchmark: quality and speed of Lectern's extractArticle against plain Readability on jsdom.
//
//   npx tsx bench/extract.ts              (or: npm run bench:extract)
//   npx tsx bench/extract.ts --ablation   also scores Lectern with each cleanup rule switched off
//
// In one process it runs both extractors on every page of the extraction-dev corpus (../shared, beside the
// repository; never copied into it), writes each one's predictions as JSONL to a temp dir, scores both with
// the corpus's own scorer, and prints F1 / precision / recall and per-page timings. Then it runs
// extractArticle over Mozilla's Readability test pages and counts crashes (must be 0).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { Readability } from '@mozilla/readability'
import { JSDOM, VirtualConsole } from 'jsdom'
import { extractArticle, extractArticleWith } from '../src/core/extract/extract-article'
import { CLEANUP_RULES, type CleanupRule } from '../src/core/extract/clean-article'
import { LecternError } from '../src/shared/errors'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const devDir = path.resolve(repoRoot, '../shared/corpus/extraction-dev')
const readabilityDir = path.resolve(repoRoot, '../shared/corpus/readability-pages')
const scorer = path.join(devDir, 'evaluate-extractor.mjs')

interface Page {
  id: string
  url: string
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
    .map((id) => ({
      id,
      url: truth[id]?.url ?? 'https://example.invalid/',
      html: gunzipSync(fs.readFileSync(path.join(devDir, 'html', `${id}.html.gz`))).toString('utf8')
    }))
}

const quiet = new VirtualConsole()

/** The baseline: Mozilla Readability 0.6 on jsdom, its textContent as the article body. */
function baseline(html: string, url: string): string {
  const dom = new JSDOM(html, { url, virtualConsole: quiet })
  try {
    return new Readability(dom.window.document).parse()?.textContent ?? ''
  } finally {
    dom.window.close()
  }
}

function run(pages: Page[], extract: (html: string, url: string) => string): Prediction[] {
  // Warm up on a few pages so the first measured page does not pay for JIT and lazy module loading.
  for (const page of pages.slice(0, 3)) {
    try {
      extract(page.html, page.url)
    } catch {
      // measured below
    }
  }
  return pages.map((page) => {
    const start = performance.now()
    try {
      const text = extract(page.html, page.url)
      return { id: page.id, text, ms: performance.now() - start }
    } catch (error) {
      return { id: page.id, text: '', ms: performance.now() - start, error: String((error as Error)?.message ?? error) }
    }
  })
}

function score(name: string, predictions: Prediction[], tmp: string): Scores {
  const jsonl = path.join(tmp, `${name}.jsonl`)
  const report = path.join(tmp, `${name}.report.json`)
  fs.writeFileSync(jsonl, predictions.map((p) => JSON.stringify(p)).join('\n') + '\n')
  const result = spawnSync(
    process.execPath,
    [
      scorer,
      '--data',
      devDir,
      '--jsonl',
      jsonl,
      '--report',
      report,
      '--quiet',
      '--bootstrap',
      '0',
      '--worst',
      '0',
      '--name',
      name
    ],
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

function main(): void {
  if (!fs.existsSync(scorer)) {
    console.log(`bench:extract skipped: corpus not found at ${devDir} (it lives in ../shared beside the repository).`)
    return
  }
  const ablation = process.argv.includes('--ablation')
  const pages = loadDevPages()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-extract-'))
  console.log(`extraction-dev: ${pages.length} pages; predictions in ${tmp}`)

  const base = run(pages, baseline)
  const ours = run(pages, (html, url) => extractArticle(html, url).text)
  const baseScores = score('baseline', base, tmp)
  const ourScores = score('lectern', ours, tmp)

  const baseMs = base.map((p) => p.ms)
  const ourMs = ours.map((p) => p.ms)
  const rows: [string, Scores, number[], Prediction[]][] = [
    ['baseline (Readability 0.6 + jsdom, textContent)', baseScores, baseMs, base],
    ['lectern extractArticle', ourScores, ourMs, ours]
  ]
  console.log('')
  console.log(
    `${'extractor'.padEnd(50)} ${'F1'.padStart(6)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'med ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'errors'.padStart(6)}`
  )
  for (const [name, s, ms, preds] of rows) {
    const errors = preds.filter((p) => p.error).length
    console.log(
      `${name.padEnd(50)} ${f3(s.f1).padStart(6)} ${f3(s.precision).padStart(6)} ${f3(s.recall).padStart(6)} ${f1(percentile(ms, 0.5)).padStart(7)} ${f1(percentile(ms, 0.95)).padStart(7)} ${String(errors).padStart(6)}`
    )
  }
  console.log(
    `speed: lectern is ${f1(percentile(baseMs, 0.5) / percentile(ourMs, 0.5))}x faster than the baseline at the median, ${f1(percentile(baseMs, 0.95) / percentile(ourMs, 0.95))}x at p95`
  )
  for (const [name, , , preds] of rows) {
    for (const p of preds.filter((x) => x.error))
      console.log(`  ${name}: ${p.id.slice(0, 16)} threw: ${p.error?.slice(0, 120)}`)
  }

  if (ablation) {
    console.log('\nablation (lectern with one cleanup rule switched off; ΔF1 > 0 means the rule helps):')
    const off = (rule: CleanupRule | 'all'): Scores => {
      const disabled = rule === 'all' ? [...CLEANUP_RULES] : [rule]
      const preds = run(pages, (html, url) => extractArticleWith(html, url, { disabledRules: disabled }).text)
      return score(`lectern-without-${rule}`, preds, tmp)
    }
    for (const rule of ['all' as const, ...CLEANUP_RULES]) {
      const s = off(rule)
      console.log(
        `  without ${rule.padEnd(22)} F1 ${f3(s.f1)} P ${f3(s.precision)} R ${f3(s.recall)}   ΔF1 ${(ourScores.f1 - s.f1 >= 0 ? '+' : '') + (ourScores.f1 - s.f1).toFixed(4)}`
      )
    }
  }

  benchReadabilityPages()
}

/** Mozilla's test pages: extractArticle must never crash on them (NOT_AN_ARTICLE is an answer, not a crash). */
function benchReadabilityPages(): void {
  if (!fs.existsSync(readabilityDir)) {
    console.log(`\nreadability-pages skipped: not found at ${readabilityDir}`)
    return
  }
  const dirs = fs
    .readdirSync(readabilityDir)
    .filter((d) => fs.existsSync(path.join(readabilityDir, d, 'source.html')))
    .sort()
  let crashes = 0
  let notArticle = 0
  const ms: number[] = []
  for (const dir of dirs) {
    const html = fs.readFileSync(path.join(readabilityDir, dir, 'source.html'), 'utf8')
    const start = performance.now()
    try {
      extractArticle(html, 'http://fakehost/test/page.html')
    } catch (error) {
      if (error instanceof LecternError && error.code === 'NOT_AN_ARTICLE') notArticle++
      else {
        crashes++
        console.log(`  ${dir} threw: ${String((error as Error)?.message ?? error).slice(0, 160)}`)
      }
    }
    ms.push(performance.now() - start)
  }
  const mean = ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length)
  console.log(
    `\nreadability-pages: ${dirs.length} pages, ${crashes} threw (must be 0), ${notArticle} NOT_AN_ARTICLE, mean ${f1(mean)} ms, median ${f1(percentile(ms, 0.5))} ms per page`
  )
  if (crashes > 0) process.exitCode = 1
}

main()
