/**
 * Highlights benchmark: what 500 highlights add to opening a long article in the reader (issue 15's target:
 * under 100 ms more than the same article without highlights), and what re-anchoring them costs in the core
 * after the article changed.
 *
 *   npx tsx bench/highlights.ts [--generated]        (or: npm run bench:highlights)
 *
 * The article is the longest page of Mozilla's Readability test pages (../shared/corpus, beside the
 * repository; never copied into it: a Wikipedia article of 118k characters in 7,200 text nodes, so 500
 * highlights make about 5,900 marks), or, with --generated or where the corpus is absent, generated prose of
 * the same length with fewer links.
 *
 * Reader, in Debian's Chromium (LECTERN_CHROMIUM to use another): the article is sanitized and loaded into a
 * sandboxed srcdoc frame with the reader's CSP, and laid out; "with highlights" then draws the 500 highlights
 * from the parent as the reader would on load (wrapHighlights: normalised text, anchoring, <mark> wrapping)
 * and lets the frame lay out again. The code is the app's own, bundled by Vite. Besides wall-clock medians it
 * reports the browser's CPU time per opening (from /proc), which other processes on a busy machine inflate
 * far less, and the fastest run of each step.
 *
 * Core: anchorHighlights on the text after a re-extraction that inserted paragraphs at the top (so every
 * highlight moved) and changed a word inside every tenth highlight (those need the fuzzy match).
 */
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { JSDOM } from 'jsdom'
import { build } from 'vite'
import { anchorHighlights, describeSelection, normaliseText, type HighlightSelectors } from '../src/shared/highlights'

const HIGHLIGHTS = 500
const ROUNDS = 4
const BATCH = 5

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const corpusPage = path.resolve(repoRoot, '../shared/corpus/readability-pages/wikipedia-2/expected.html')
const chromiumPath = process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium'

/** Deterministic pseudo-random numbers, so every run measures the same highlights. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return state / 2 ** 32
  }
}

/** About 120k characters of prose in paragraphs and lists, with a few links and emphasis per paragraph. */
function generatedArticle(): string {
  const words = 'the tide harbour boat net line market morning island wind stone wall field music ferry pier'.split(' ')
  const next = random(7)
  const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ')
  const link = (n: number) => `<a href="https://example.test/">${text(n)}</a>`
  const block = (i: number) =>
    i % 7 === 3
      ? `<ul><li>${text(40)}</li><li>${text(30)} ${link(4)} ${text(30)}</li></ul>`
      : `<p>${text(40)} <em>${text(3)}</em> ${text(40)} ${link(3)} ${text(20)}.</p>`
  return `<article>${Array.from({ length: 220 }, (_, i) => block(i)).join('\n')}</article>`
}

const fromCorpus = fs.existsSync(corpusPage) && !process.argv.includes('--generated')
const html = fromCorpus ? fs.readFileSync(corpusPage, 'utf8') : generatedArticle()

/** 500 highlights of 20-300 characters spread over a text, some overlapping, as a reader would make them. */
function makeHighlights(text: string): HighlightSelectors[] {
  if (text.length < 1000) throw new Error(`the article text is too short (${text.length} characters)`)
  const next = random(42)
  const made: HighlightSelectors[] = []
  while (made.length < HIGHLIGHTS) {
    const start = Math.floor(next() * (text.length - 400))
    const selectors = describeSelection(text, start, start + 20 + Math.floor(next() * 280))
    if (selectors) made.push(selectors)
  }
  return made
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const ms = (value: number): string => `${value.toFixed(1)} ms`

/** The reader's own sanitizing and highlight code, bundled by Vite for the page (a virtual entry module). */
async function bundle(): Promise<string> {
  const reader = path.join(repoRoot, 'src/renderer/src/reader')
  const entry = 'virtual:bench-highlights'
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'bench-entry',
        // Vite resolves a library entry against the root: match the name at the end.
        resolveId: (id) => (id.endsWith(entry) ? `\0${entry}` : null),
        load: (id) =>
          id === `\0${entry}`
            ? `export { sanitizeArticleHtml } from ${JSON.stringify(`${reader}/sanitize-article.ts`)}\n` +
              `export * from ${JSON.stringify(`${reader}/highlight-ranges.ts`)}\n` +
              `export { anchorHighlights } from ${JSON.stringify(path.join(repoRoot, 'src/shared/highlights/index.ts'))}`
            : null
      }
    ],
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ['iife'], name: 'Reader', fileName: () => 'bench.js' }
    }
  })
  const result = (Array.isArray(output) ? output[0] : output) as { output: { type: string; code?: string }[] }
  return result.output.find((chunk) => chunk.type === 'chunk')!.code!
}

/** Steps of drawing the highlights in a loaded article, in milliseconds. */
interface Steps {
  total: number
  text: number
  anchor: number
  wrap: number
  layout: number
  marks: number
}

/** In the page: opens the article as the reader does; with highlights, draws them on load. */
function pageScript(): void {
  // What the bundle exports (highlight-ranges.ts, sanitize-article.ts), typed here: the renderer's sources
  // are not part of the Node type-check project.
  type Mark = { id: string; color: string; start: number; end: number }
  type TextMap = { text: string }
  type ReaderLib = {
    sanitizeArticleHtml(html: string): string
    readerTextMap(root: Node): TextMap
    anchorHighlights(highlights: unknown[], text: string): ({ start: number; end: number } | null)[]
    wrapRanges(doc: Document, map: TextMap, marks: Mark[]): void
  }
  const w = window as unknown as { Reader: ReaderLib; openArticle: unknown; articleText: unknown }
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`
  const load = (body: string) =>
    new Promise<HTMLIFrameElement>((resolve) => {
      const frame = document.createElement('iframe')
      frame.setAttribute('sandbox', 'allow-same-origin')
      frame.style.cssText = 'width: 800px; height: 600px'
      frame.onload = () => {
        void frame.contentDocument!.documentElement.offsetHeight
        resolve(frame)
      }
      // srcdoc before insertion: otherwise the frame first "loads" its initial about:blank.
      frame.srcdoc = `<!doctype html><html><head><meta charset="utf-8">${csp}</head><body><article>${body}</article></body></html>`
      document.body.appendChild(frame)
    })
  w.articleText = async (html: string) => {
    const frame = await load(w.Reader.sanitizeArticleHtml(html))
    const text = w.Reader.readerTextMap(frame.contentDocument!.querySelector('article')!).text
    frame.remove()
    return text
  }
  w.openArticle = async (html: string, highlights: unknown[] | null, count: number) => {
    const runs: Steps[] = []
    for (let i = 0; i < count; i++) {
      const start = performance.now()
      const frame = await load(w.Reader.sanitizeArticleHtml(html))
      const steps = { total: 0, text: 0, anchor: 0, wrap: 0, layout: 0, marks: 0 }
      if (highlights) {
        // wrapHighlights, step by step.
        const doc = frame.contentDocument!
        const root = doc.querySelector('article')!
        const t0 = performance.now()
        const map = w.Reader.readerTextMap(root)
        const t1 = performance.now()
        const anchors = w.Reader.anchorHighlights(highlights, map.text)
        const t2 = performance.now()
        const marks = (highlights as { id: string; color: string }[]).flatMap((h, j) => {
          const anchor = anchors[j]
          return anchor ? [{ id: h.id, color: h.color, start: anchor.start, end: anchor.end }] : []
        })
        w.Reader.wrapRanges(doc, map, marks)
        const t3 = performance.now()
        void doc.documentElement.offsetHeight
        const t4 = performance.now()
        Object.assign(steps, { text: t1 - t0, anchor: t2 - t1, wrap: t3 - t2, layout: t4 - t3 })
        steps.marks = doc.querySelectorAll('mark').length
      }
      steps.total = performance.now() - start
      runs.push(steps)
      frame.remove()
    }
    return runs
  }
}

/** CPU time (ms) used so far by a process and all its descendants, from /proc (Linux). */
function treeCpuMs(rootPid: number): number {
  const parents = new Map<number, number>()
  const ticks = new Map<number, number>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      parents.set(Number(entry), Number(fields[1]))
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]))
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0
  for (const [pid, used] of ticks) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) {
      if (p !== rootPid) continue
      total += used
      break
    }
  }
  return total * 10 // clock ticks of 10 ms (USER_HZ is 100 on Linux)
}

/** The pid of the browser process started with `tag` among its arguments (its children have --type=). */
function browserPid(tag: string): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      if (args.includes(tag) && !args.some((arg) => arg.startsWith('--type='))) return Number(entry)
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error('cannot find the browser process')
}

interface ReaderFigures {
  chars: number
  plain: Steps[]
  drawn: Steps[]
  /** CPU milliseconds of the browser per opening. */
  cpu: { plain: number; drawn: number }
}

async function measureReader(): Promise<ReaderFigures | string> {
  if (!fs.existsSync(chromiumPath)) return `no Chromium at ${chromiumPath} (set LECTERN_CHROMIUM)`
  const code = await bundle()
  const tag = `--lectern-bench=${process.pid}` // an unknown switch Chromium ignores, to find its process by
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', tag] })
  try {
    const page = await browser.newPage()
    await page.setContent('<!doctype html><html><body></body></html>')
    await page.addScriptTag({ content: code })
    // tsx keeps function names with a __name() helper, which the page does not have.
    await page.addScriptTag({ content: `var __name = (f) => f;\n(${pageScript.toString()})()` })
    type PageWindow = {
      articleText(html: string): Promise<string>
      openArticle(html: string, highlights: unknown[] | null, count: number): Promise<Steps[]>
    }
    // The highlights are made from the browser's own normalised text, as the reader makes them.
    const text = await page.evaluate((source) => (window as unknown as PageWindow).articleText(source), html)
    const highlights = makeHighlights(text).map((selectors, i) => ({
      id: `h${i}`,
      articleId: 'bench',
      color: (['yellow', 'green', 'blue', 'pink'] as const)[i % 4],
      note: null,
      createdAt: '2026-03-14T10:00:00.000Z',
      updatedAt: '2026-03-14T10:00:00.000Z',
      ...selectors
    }))
    const open = (withHighlights: boolean, count: number) =>
      page.evaluate(
        ({ source, highlights, count }) => (window as unknown as PageWindow).openArticle(source, highlights, count),
        { source: html, highlights: withHighlights ? highlights : null, count }
      )
    await open(false, 1) // warm-up
    await open(true, 1)
    const pid = browserPid(tag)
    const figures: ReaderFigures = { chars: text.length, plain: [], drawn: [], cpu: { plain: 0, drawn: 0 } }
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of ['plain', 'drawn'] as const) {
        const before = treeCpuMs(pid)
        figures[kind].push(...(await open(kind === 'drawn', BATCH)))
        figures.cpu[kind] += (treeCpuMs(pid) - before) / (ROUNDS * BATCH)
      }
    }
    return figures
  } finally {
    await browser.close()
  }
}

function measureCore(): { chars: number; ms: number; methods: Record<string, number> } {
  const body = (source: string) => normaliseText(new JSDOM(source).window.document.body).text
  const text = body(html)
  const highlights = makeHighlights(text)
  let changed = body(`<p>An editor's note was added.</p><p>And a second paragraph.</p>${html}`)
  for (const h of highlights.filter((_, i) => i % 10 === 0)) {
    const word = /\p{L}{4,}/u.exec(h.quote.exact)?.[0]
    if (word) changed = changed.replace(h.quote.exact, h.quote.exact.replace(word, 'CHANGED'))
  }
  anchorHighlights(highlights, changed) // warm-up
  const times = Array.from({ length: 3 }, () => {
    const start = performance.now()
    anchorHighlights(highlights, changed)
    return performance.now() - start
  })
  const methods: Record<string, number> = { position: 0, exact: 0, fuzzy: 0, orphaned: 0 }
  for (const anchor of anchorHighlights(highlights, changed)) methods[anchor?.method ?? 'orphaned']!++
  return { chars: changed.length, ms: median(times), methods }
}

const reader = await measureReader()
console.log(`article: ${fromCorpus ? 'wikipedia-2 (Readability test pages)' : 'generated prose'}`)
if (typeof reader === 'string') console.log(`reader: skipped, ${reader}`)
else {
  const { plain, drawn, cpu } = reader
  const wall = (runs: Steps[]) => median(runs.map((r) => r.total))
  const step = (name: keyof Steps) =>
    `${name} ${ms(Math.min(...drawn.map((r) => r[name])))} (median ${ms(median(drawn.map((r) => r[name])))})`
  console.log(`reader in Chromium: ${reader.chars} characters, ${HIGHLIGHTS} highlights in ${drawn[0]?.marks} marks`)
  console.log(`  ${ROUNDS * BATCH} openings each         wall median   browser CPU`)
  console.log(`  without highlights      ${ms(wall(plain)).padStart(12)}  ${ms(cpu.plain).padStart(12)}`)
  console.log(`  with highlights         ${ms(wall(drawn)).padStart(12)}  ${ms(cpu.drawn).padStart(12)}`)
  console.log(
    `  more                    ${ms(wall(drawn) - wall(plain)).padStart(12)}  ${ms(cpu.drawn - cpu.plain).padStart(12)}   (target: < 100 ms)`
  )
  console.log(`  steps, fastest run: ${step('text')}, ${step('anchor')}, ${step('wrap')}, ${step('layout')}`)
}
const core = measureCore()
console.log(`core re-anchoring after a re-extraction, ${core.chars} characters: ${ms(core.ms)} for ${HIGHLIGHTS}`)
console.log(`  ${JSON.stringify(core.methods)}`)
