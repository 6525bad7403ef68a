import { Command } from 'commander'
import { readLocalFile } from '../../core/import/read-local-file'
import type { GlobalOptions, Run } from '../cli-support'

/** `lectern extract`: extraction only, from a saved page; the library is never opened. */
export function extractCommand(run: Run): Command {
  return new Command('extract')
    .description('extract an article from a saved page without touching the library')
    .argument('<file.html>', 'the saved page')
    .requiredOption('--url <original-url>', 'the address the page came from (resolves links and images)')
    .option('--json', 'machine-readable output')
    .action((file: string, _options: unknown, command: Command) =>
      run(() => extract(file, command.optsWithGlobals<GlobalOptions & { url: string; json?: boolean }>()))
    )
}

async function extract(file: string, options: { url: string; json?: boolean }): Promise<number> {
  // Loaded here: the extractor's DOM libraries and the charset decoders take a while to load and no other
  // command needs them here (every command pays for what the CLI loads at start; `serve` before opening).
  const [{ extractArticle }, { decodeHtml }] = await Promise.all([
    import('../../core/extract/extract-article'),
    import('../../core/extract/decode-html')
  ])
  const a = extractArticle(decodeHtml(await readLocalFile(file)).html, options.url)
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
  process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${a.title}\n\n${a.text}\n`)
  return 0
}
