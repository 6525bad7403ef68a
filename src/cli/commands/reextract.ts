import { Command } from 'commander'
import { out, valueOf, withLibrary, type GlobalOptions, type Run } from '../cli-support'

/** `lectern reextract`: extraction again from the page kept at import, offline. */
export function reextractCommand(run: Run): Command {
  return new Command('reextract')
    .description('extract an article again from the page kept at import (offline)')
    .argument('<id>', 'the article id (see lectern list)')
    .option('--json', 'machine-readable output')
    .action((id: string, _options: unknown, command: Command) =>
      run(() => {
        const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>()
        return withLibrary(options, async (api) => {
          const article = valueOf(await api.reextractArticle({ id }))
          out(options.json ? JSON.stringify(article) : `Extracted again: ${article.title} (${article.wordCount} words)`)
          return 0
        })
      })
    )
}
