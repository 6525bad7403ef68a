import { Command } from 'commander'
import { out, valueOf, withLibrary, type GlobalOptions, type Run } from '../cli-support'

/** `lectern delete`: an article and its files, for good. */
export function deleteCommand(run: Run): Command {
  return new Command('delete')
    .description('delete an article and its files')
    .argument('<id>', 'the article id (see lectern list)')
    .action((id: string, _options: unknown, command: Command) =>
      run(() =>
        withLibrary(command.optsWithGlobals<GlobalOptions>(), async (api) => {
          valueOf(await api.deleteArticle({ id }))
          out('Deleted.')
          return 0
        })
      )
    )
}
