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
  // Read in the extract worker, as every import is: the same code and the same time limit. Loaded here:
  // no other command needs the pool at start.
  const { readPageInWorker } = await import('../../core/import/extract-pool')
  const { extracted: a } = await readPageInWorker({ bytes: await readLocalFile(file), pageUrl: options.url })
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
