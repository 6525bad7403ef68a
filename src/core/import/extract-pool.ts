import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import { LecternError } from '../../shared/errors'
import type { PageInput, ReadPage } from '../extract/extract-page'
import type { ExtractTask, ExtractTaskResult } from '../extract/extract-worker'
import { DEFAULT_EXTRACT_TIMEOUT_MS } from './import-limits'

/**
 * The pool of extract workers (worker_threads, through Piscina), one per process: the Electron main
 * process, `lectern serve` and the CLI all read pages through it, with the same code. One worker per spare
 * core, at least one. A page that runs past its time is stopped by terminating its worker (Piscina starts
 * another); the rest of a bulk import goes on.
 */

// A worker idle this long exits; the next page starts one again (~0.2 s).
const IDLE_MS = 60_000
// A page that needs more than this to parse is not an article anyone can read; the worker dies, not the app.
const WORKER_HEAP_MB = 1024

let pool: Piscina | null = null
// One worker per spare core, at least one (the benchmark compares other sizes through setExtractPoolSize).
let maxThreads = Math.max(1, availableParallelism() - 1)

/**
 * Where the worker's code is: beside this module in a build (out/cli, out/main: both bundle
 * extract-worker.js next to their entry), or the TypeScript source when running from src (tests, benchmarks,
 * tsx), which the worker then loads through tsx.
 */
function workerFile(): { filename: string; execArgv: string[] } {
  const built = new URL('./extract-worker.js', import.meta.url)
  if (existsSync(fileURLToPath(built))) return { filename: built.href, execArgv: [] }
  const source = new URL('../extract/extract-worker.ts', import.meta.url)
  return { filename: source.href, execArgv: ['--import', 'tsx'] }
}

/** The process's pool, started on first use (starting it is what warms it: call early to hide the start). */
export function extractPool(): Piscina {
  if (!pool) {
    const { filename, execArgv } = workerFile()
    pool = new Piscina({
      filename,
      execArgv,
      minThreads: 1,
      maxThreads,
      idleTimeout: IDLE_MS,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }
    })
  }
  return pool
}

/** Sets how many workers the pool runs from its next start (closes the current pool). For measurements. */
export async function setExtractPoolSize(threads: number): Promise<void> {
  await closeExtractPool()
  maxThreads = Math.max(1, Math.floor(threads))
}

/** How many workers the pool runs. */
export function extractPoolSize(): number {
  return maxThreads
}

/** Stops the pool's workers (at shutdown; a later call to extractPool starts a new pool). */
export async function closeExtractPool(): Promise<void> {
  const closing = pool
  pool = null
  await closing?.destroy()
}

/** Decodes and extracts a page in a worker. Throws LecternError: the page's own failure, TIMEOUT, CANCELLED. */
export function readPageInWorker(
  input: PageInput,
  timeoutMs = DEFAULT_EXTRACT_TIMEOUT_MS,
  cancel?: AbortSignal
): Promise<ReadPage> {
  return run<ReadPage>({ kind: 'read', ...input }, timeoutMs, cancel)
}

/** The article's final HTML: its images pointed at their stored copies, the ones not stored removed. */
export function localizeHtmlInWorker(
  html: string,
  images: Map<string, string>,
  timeoutMs = DEFAULT_EXTRACT_TIMEOUT_MS
): Promise<string> {
  return run<string>({ kind: 'localize', html, images: [...images] }, timeoutMs)
}

async function run<T>(task: ExtractTask, timeoutMs: number, cancel?: AbortSignal): Promise<T> {
  if (cancel?.aborted) throw new LecternError('CANCELLED', 'Cancelled.')
  // The time limit counts from the moment a worker starts this page (it flags the shared cell), never the
  // wait behind other pages in a bulk import or a replacement worker's start.
  const started = new Int32Array(new SharedArrayBuffer(4))
  const timeout = new AbortController()
  let timer: NodeJS.Timeout | undefined
  let settled = false
  const startClock = (): void => {
    // The start is noticed asynchronously: a page may be read before its start is, and then needs no clock.
    if (settled) return
    timer = setTimeout(() => timeout.abort(), timeoutMs)
    timer.unref()
  }
  const wait = Atomics.waitAsync(started, 0, 0)
  if (wait.async) void wait.value.then(startClock)
  else startClock()
  const signal = cancel ? AbortSignal.any([cancel, timeout.signal]) : timeout.signal
  let result: ExtractTaskResult
  try {
    result = (await extractPool().run({ ...task, started }, { signal })) as ExtractTaskResult
  } catch (error) {
    if (cancel?.aborted) throw new LecternError('CANCELLED', 'Cancelled.')
    if (timeout.signal.aborted) {
      throw new LecternError(
        'TIMEOUT',
        `This page took more than ${Math.round(timeoutMs / 1000)} s to read, so it was left out; it is too large or too complex to be an article.`
      )
    }
    if ((error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      throw new LecternError('TOO_LARGE', 'This page needs more memory than Lectern allows to read one article.')
    }
    console.error('lectern: the extract worker failed', error)
    throw new LecternError('INTERNAL', 'Something went wrong while reading this page; details are in the log.')
  } finally {
    settled = true
    clearTimeout(timer)
    // A task that never started (cancelled while queued) releases its waiter.
    Atomics.store(started, 0, 2)
    Atomics.notify(started, 0)
  }
  if (!result.ok) throw new LecternError(result.error.code, result.error.message)
  return result.value as T
}
