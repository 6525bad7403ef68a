import { Command } from 'commander'
import { out, valueOf, withLibrary, type GlobalOptions, type Run } from '../cli-support'

/** `lectern read`: an article's text, or its stored sanitized HTML. */
export function readCommand(run: Run): Command {
  return new Command('read')
    .description("print an article's text (the default) or its stored, sanitized HTML")
    .argument('<id>', 'the article id (see lectern list)')
    .option('--text', 'the plain text (the default)')
    .option('--html', 'the stored, sanitized HTML')
    .action((id: string, _options: unknown, command: Command) =>
      run(() => {
        const options = command.optsWithGlobals<GlobalOptions & { html?: boolean }>()
        return withLibrary(options, async (api) => {
          out(
            options.html ? valueOf(await api.getArticle({ id })).html : valueOf(await api.getArticleText({ id })).text
          )
          return 0
        })
      })
    )
}
