import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { MethodInput, MethodName, MethodOutput } from '../shared/contract'
import { LecternError } from '../shared/errors'
import type { ArticleMeta, ImportProgress, LibraryView } from '../shared/types'
import { LIBRARY_VIEWS } from '../shared/types'
import { createCore, type CoreOptions, type EarlyAnswers, type LecternCore } from '../core/create-core'
import { defaultDataDir } from '../core/library/data-dir'
import { dispatch } from '../core/dispatch'
import { readLocalFile } from '../core/import/read-local-file'
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../core/import/import-limits'
import { startServer } from '../server/start-server'

const USAGE = `Usage: lectern <command> [options]

Commands:
  add <url|file.html>... [--file <list>]
                                save articles (fetch, extract, store text and images), or saved pages
                                from HTML files; with several addresses or --file (one URL a line,
                                - for stdin) it shows progress and a summary
  list [--view inbox|favorites|archive|all] [--json]
                                list saved articles
  read <id> [--text | --html]   print an article's text (default) or its stored, sanitized HTML
  search "<query>" [--json] [--limit <n>]
                                full-text search, best first, with a snippet of each; operators:
                                "exact phrase" -word tag:x -tag:x site:example.com author:name
                                is:unread|archived|favorite saved:>2026-01-01 lang:zh
                                sort:saved|published|relevance (see the README, "Search")
  reextract <id>                extract an article again from the page kept at import (offline)
  delete <id>                   delete an article and its files
  serve [--port <n>]            run Lectern for your browser on 127.0.0.1 and print the address to open
  extract <file.html> --url <original-url> [--json]
                                extract an article from a saved page without touching the library

Options:
  --data-dir <dir>   the library folder (default: $LECTERN_DATA_DIR, else the app's data folder)
  --timeout <s>      give up fetching a page after this many seconds (default 30)
  --json             machine-readable output
  -h, --help         show this help`

/** Thrown for wrong command-line usage: exit code 2 instead of 1. */
class UsageError extends Error {}

/** Runs the command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    process.stderr.write(`lectern: ${(error as Error).message}\n${USAGE}\n`)
    return 2
  }
  const { values, positionals } = parsed
  const [command, ...args] = positionals
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`)
    return command || values.help ? 0 : 2
  }
  try {
    if (command === 'extract') return await extract(args, values)
    if (command === 'serve') return await serve(values)
    const core = await openCore(values)
    try {
      await reportRepairs(core)
      return await run(core, command, args, values)
    } finally {
      await core.close()
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lectern: ${error.message}\n`)
      return 2
    }
    const message =
      error instanceof LecternError ? error.message : `unexpected error: ${(error as Error).stack ?? error}`
    process.stderr.write(`lectern: ${message}\n`)
    return 1
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
      text: { type: 'boolean', default: false },
      html: { type: 'boolean', default: false },
      view: { type: 'string' },
      port: { type: 'string' },
      url: { type: 'string' },
      file: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    }
  })
}

type Options = ReturnType<typeof parse>['values']

async function openCore(
  values: Options,
  hooks: Pick<CoreOptions, 'onLocked' | 'onEarly' | 'openSearchAfterMs'> = {}
): Promise<LecternCore> {
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir())
  return createCore({ dataDir, importLimits: importLimits(values), ...hooks })
}

function importLimits(values: Options): ImportLimits {
  if (values.timeout === undefined) return DEFAULT_IMPORT_LIMITS
  const seconds = Number(values.timeout)
  if (!(seconds > 0)) throw new UsageError('--timeout takes a number of seconds greater than 0')
  return { ...DEFAULT_IMPORT_LIMITS, page: { ...DEFAULT_IMPORT_LIMITS.page, timeoutMs: seconds * 1000 } }
}

/** Calls a contract method exactly as the app does, turning a failed Result into a thrown error. */
async function call<M extends MethodName>(
  core: LecternCore,
  method: M,
  input: MethodInput<M>
): Promise<MethodOutput<M>> {
  const result = await dispatch(core.handlers, method, input)
  if (!result.ok) throw new LecternError(result.error.code, result.error.message)
  return result.value as MethodOutput<M>
}

async function run(core: LecternCore, command: string, args: string[], values: Options): Promise<number> {
  const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
  const needArg = (what: string): string => {
    if (!args[0]) throw new UsageError(`${command} needs ${what}`)
    return args[0]
  }
  switch (command) {
    case 'add': {
      // A path to an existing file is a saved page to import; anything else is an address.
      const files = args.filter((arg) => !/^[a-z][a-z0-9+.-]*:/i.test(arg) && existsSync(arg))
      const urls = [
        ...args.filter((arg) => !files.includes(arg)),
        ...(values.file ? await readUrlList(values.file) : [])
      ]
      if (urls.length === 0 && files.length === 0)
        throw new UsageError('add needs a URL or an HTML file (or --file with a list of URLs)')
      for (const file of files) {
        const { article, existed } = await call(core, 'addHtml', {
          base64: (await readLocalFile(file)).toString('base64'),
          fileName: file
        })
        out(
          values.json
            ? JSON.stringify({ ...article, existed })
            : `${existed ? 'Already saved' : 'Saved'}: ${article.title} (${article.id})`
        )
      }
      if (urls.length === 0) return 0
      if (urls.length > 1 || values.file) return addMany(core, urls, values)
      const { article, existed } = await call(core, 'addUrl', { url: urls[0] as string })
      if (values.json) out(JSON.stringify({ ...article, existed }))
      else out(`${existed ? 'Already saved' : 'Saved'}: ${article.title} (${article.id})`)
      return 0
    }
    case 'list': {
      const view = values.view ?? 'all'
      if (!(LIBRARY_VIEWS as readonly string[]).includes(view))
        throw new UsageError(`--view is one of ${LIBRARY_VIEWS.join(', ')}`)
      const articles = await call(core, 'listArticles', { view: view as LibraryView })
      if (values.json) out(JSON.stringify(articles, null, 2))
      else out(articles.length ? articles.map(formatRow).join('\n') : 'No articles.')
      return 0
    }
    case 'read': {
      const id = needArg('an article id')
      if (values.html) out((await call(core, 'getArticle', { id })).html)
      else out(await core.store.readText(id))
      return 0
    }
    case 'reextract': {
      const article = await call(core, 'reextractArticle', { id: needArg('an article id') })
      out(values.json ? JSON.stringify(article) : `Extracted again: ${article.title} (${article.wordCount} words)`)
      return 0
    }
    case 'delete': {
      await call(core, 'deleteArticle', { id: needArg('an article id') })
      out('Deleted.')
      return 0
    }
    case 'search':
      return searchCommand(core, args, values)
    default:
      throw new UsageError(`unknown command "${command}" (see lectern --help)`)
  }
}

/** One address a line; blank lines and # comments are skipped. */
async function readUrlList(file: string): Promise<string[]> {
  const text =
    file === '-'
      ? await readStdin()
      : await readFile(file, 'utf8').catch(() => {
          throw new LecternError('NOT_FOUND', `cannot read the list of URLs in ${file}.`)
        })
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const STATUS_WORDS: Record<string, string> = {
  saved: 'saved',
  existing: 'already saved',
  failed: 'FAILED',
  cancelled: 'cancelled'
}

/** Bulk add: progress on stderr as each address finishes, a summary at the end; exit 1 if any failed. */
async function addMany(core: LecternCore, urls: string[], values: Options): Promise<number> {
  const reported = new Set<string>()
  const finished = new Promise<ImportProgress>((resolve) => {
    core.events.on('importProgress', (progress) => {
      for (const item of progress.items) {
        if (item.status === 'queued' || item.status === 'saving' || reported.has(item.url)) continue
        reported.add(item.url)
        const detail = item.status === 'failed' ? `${item.url}: ${item.error?.message}` : (item.title ?? item.url)
        process.stderr.write(`[${reported.size}/${progress.total}] ${STATUS_WORDS[item.status]}  ${detail}\n`)
      }
      if (progress.finished) resolve(progress)
    })
  })
  let batchId: string | null = null
  // Ctrl+C cancels the batch (what was saved stays) instead of killing the process mid-write.
  const cancel = () => {
    if (batchId) void call(core, 'cancelImport', { batchId }).catch(() => undefined)
  }
  process.once('SIGINT', cancel)
  const started = await call(core, 'addUrls', { urls })
  batchId = started.batchId
  const summary = started.finished ? started : await finished
  process.off('SIGINT', cancel)
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`)
  } else {
    process.stdout.write(
      `Saved ${summary.saved}, already saved ${summary.existing}, failed ${summary.failed}${summary.cancelled ? `, cancelled ${summary.cancelled}` : ''} (of ${summary.total}).\n`
    )
    for (const item of summary.items)
      if (item.status === 'failed') process.stdout.write(`  failed: ${item.url}\n    ${item.error?.message}\n`)
  }
  return summary.failed > 0 || summary.cancelled > 0 ? 1 : 0
}

function formatRow(a: ArticleMeta): string {
  const flags = `${a.state === 'archived' ? 'A' : ' '}${a.favorite ? '*' : ' '}`
  return `${a.id}  ${flags}  ${a.title}  (${a.siteName ?? new URL(a.url).hostname}, ${a.readingMinutes} min)`
}

/** Ranked hits, one block each: title, address and a snippet; --json prints the hits array. */
async function searchCommand(core: LecternCore, args: string[], values: Options): Promise<number> {
  const query = args.join(' ').trim()
  if (!query) throw new UsageError('search needs a query, e.g. lectern search "lighthouse tag:history"')
  const limit = values.limit === undefined ? 20 : Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError('--limit takes a number from 1 to 200')
  // A whole word typed at the command line is not being completed: the trailing space turns off prefix matching.
  const result = await call(core, 'search', { query: `${query} `, limit })
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result.hits, null, 2)}\n`)
    return 0
  }
  if (result.hits.length === 0) {
    process.stdout.write('No matches.\n')
    return 0
  }
  const lines = result.hits.map(
    (hit, i) => `${i + 1}. ${hit.title}  (${hit.id}, ${hit.siteName ?? hit.url})\n   ${hit.snippet.text}`
  )
  const more = result.total > result.hits.length ? `, showing ${result.hits.length}` : ''
  process.stdout.write(
    `${lines.join('\n')}\n${result.totalIsEstimate ? 'about ' : ''}${result.total} match${result.total === 1 ? '' : 'es'}${more} (${result.tookMs} ms)\n`
  )
  return 0
}

async function serve(values: Options): Promise<number> {
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number (0-65535)')
  const rendererDir = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer')
  if (!existsSync(resolve(rendererDir, 'index.html')))
    throw new LecternError('NOT_FOUND', 'the app is not built; run `npm run build` first.')
  // Serve the app as soon as the library is ours (locked), while it is still being read: a browser then
  // loads the page and scripts in parallel with opening a large library, and its first API calls wait,
  // except the ones the core can answer early (settings, and the list's first page from the start page).
  let locked: () => void = () => undefined
  const lockHeld = new Promise<void>((resolve) => (locked = resolve))
  let onEarly: (early: EarlyAnswers | null) => void = () => undefined
  const early = new Promise<EarlyAnswers | null>((resolve) => (onEarly = resolve))
  // The search index opens a moment after the first list is served (2 s), not in its way.
  const opening = openCore(values, { onLocked: locked, onEarly, openSearchAfterMs: 2000 })
  void opening.then(
    () => onEarly(null),
    () => onEarly(null)
  ) // none came (settles a pending `early` only)
  await Promise.race([lockHeld, opening]) // opening rejects first when the library is in use
  const server = await startServer({ core: opening, early, rendererDir, port }).catch(
    async (error: NodeJS.ErrnoException) => {
      await (await opening.catch(() => null))?.close()
      if (error.code === 'EADDRINUSE')
        throw new LecternError('CONNECTION_FAILED', `port ${port} is already in use; choose another with --port.`)
      throw error
    }
  )
  // Listened for already while the library opens: stopping then still closes it once open (so the start page
  // is left for the next start); a second Ctrl+C ends the process at once.
  const stopped = new Promise<void>((done) => {
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
  let core: LecternCore
  try {
    process.stdout.write(`Lectern is running. Open ${server.url}\n`)
    core = await opening
  } catch (error) {
    await server.close()
    throw error
  }
  process.stdout.write(`Library: ${core.dataDir}\nPress Ctrl+C to stop.\n`)
  await reportRepairs(core)
  await stopped
  await server.close()
  await core.close()
  return 0
}

/**
 * Repairs made when the library opened (a damaged file moved aside and restored) are said on stderr, so
 * the output of a command stays clean; they stay recorded for the app, which shows them until dismissed.
 */
async function reportRepairs(core: LecternCore): Promise<void> {
  // Each message says where the damaged file was kept.
  for (const notice of (await call(core, 'getLibraryStatus', {})).recovered)
    process.stderr.write(`lectern: the library was repaired when it opened: ${notice.message}\n`)
}

async function extract(args: string[], values: Options): Promise<number> {
  const file = args[0]
  if (!file) throw new UsageError('extract needs a saved HTML file')
  if (!values.url) throw new UsageError('extract needs --url <original-url> (used to resolve links and images)')
  // Read in the extract worker, as every import is: the same code, the same time limit.
  const { readPageInWorker } = await import('../core/import/extract-pool')
  const { extracted: a } = await readPageInWorker({ bytes: await readLocalFile(file), pageUrl: values.url })
  const result = {
    title: a.title,
    byline: a.byline,
    siteName: a.siteName,
    publishedTime: a.publishedTime,
    lang: a.lang,
    excerpt: a.excerpt,
    text: a.text,
    html: a.html,
    wordCount: a.wordCount
  }
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${a.title}\n\n${a.text}\n`)
  return 0
}
