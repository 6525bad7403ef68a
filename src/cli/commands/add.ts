import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { Command } from 'commander'
import type { LecternApi } from '../../shared/contract'
import { LecternError } from '../../shared/errors'
import type { ImportProgress } from '../../shared/types'
import { readLocalFile } from '../../core/import/read-local-file'
import { out, parseTimeout, UsageError, valueOf, withLibrary, type GlobalOptions, type Run } from '../cli-support'

interface AddOptions extends GlobalOptions {
  file?: string
  json?: boolean
  timeout?: number
}

/** `lectern add`: addresses and saved pages; several addresses (or --file) as one bulk import with progress. */
export function addCommand(run: Run): Command {
  return new Command('add')
    .description(
      'save articles (fetch, extract, store text and images), or saved pages from HTML files; with several ' +
        'addresses or --file it shows progress and a summary, and exits 1 if any failed'
    )
    .argument('[url-or-file...]', 'web addresses, or paths of saved .html pages')
    .option('--file <list>', 'a file with one URL a line (# comments allowed; - reads stdin)')
    .option('--timeout <seconds>', 'give up fetching a page after this many seconds (default 30)', parseTimeout)
    .option('--json', 'machine-readable output')
    .action((args: string[], _options: AddOptions, command: Command) =>
      run(() => add(args, command.optsWithGlobals<AddOptions>()))
    )
}

async function add(args: string[], options: AddOptions): Promise<number> {
  // A path to an existing file is a saved page to import; anything else is an address.
  const files = args.filter((arg) => !/^[a-z][a-z0-9+.-]*:/i.test(arg) && existsSync(arg))
  const urls = [...args.filter((arg) => !files.includes(arg)), ...(options.file ? await readUrlList(options.file) : [])]
  if (urls.length === 0 && files.length === 0)
    throw new UsageError('add needs a URL or an HTML file (or --file with a list of URLs)')
  // Start the page reader's worker now: it loads while the library opens and the page downloads.
  void import('../../core/import/extract-pool').then(({ extractPool }) => extractPool())
  return withLibrary(options, async (api) => {
    for (const file of files) {
      const { article, existed } = valueOf(
        await api.addHtml({ base64: (await readLocalFile(file)).toString('base64'), fileName: file })
      )
      out(
        options.json
          ? JSON.stringify({ ...article, existed })
          : `${existed ? 'Already saved' : 'Saved'}: ${article.title} (${article.id})`
      )
    }
    if (urls.length === 0) return 0
    if (urls.length > 1 || options.file) return addMany(api, urls, options)
    const { article, existed } = valueOf(await api.addUrl({ url: urls[0] as string }))
    if (options.json) out(JSON.stringify({ ...article, existed }))
    else out(`${existed ? 'Already saved' : 'Saved'}: ${article.title} (${article.id})`)
    return 0
  })
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
async function addMany(api: LecternApi, urls: string[], options: AddOptions): Promise<number> {
  const reported = new Set<string>()
  const finished = new Promise<ImportProgress>((resolve) => {
    api.on('importProgress', (progress) => {
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
    if (batchId) void api.cancelImport({ batchId }).catch(() => undefined)
  }
  process.once('SIGINT', cancel)
  const started = valueOf(await api.addUrls({ urls }))
  batchId = started.batchId
  const summary = started.finished ? started : await finished
  process.off('SIGINT', cancel)
  if (options.json) {
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
