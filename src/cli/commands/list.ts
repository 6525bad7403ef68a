import { Command, Option } from 'commander'
import type { ArticleMeta } from '../../shared/types'
import { LIBRARY_VIEWS, type LibraryView } from '../../shared/types'
import { out, valueOf, withLibrary, type GlobalOptions, type Run } from '../cli-support'

/** `lectern list`: the articles of a view, newest first. */
export function listCommand(run: Run): Command {
  return new Command('list')
    .description('list saved articles, newest first')
    .addOption(new Option('--view <view>', 'which articles').choices(LIBRARY_VIEWS).default('all'))
    .option('--json', 'machine-readable output')
    .action((_options: unknown, command: Command) =>
      run(() => {
        const options = command.optsWithGlobals<GlobalOptions & { view: LibraryView; json?: boolean }>()
        return withLibrary(options, async (api) => {
          const articles = valueOf(await api.listArticles({ view: options.view }))
          if (options.json) out(JSON.stringify(articles, null, 2))
          else out(articles.length ? articles.map(formatRow).join('\n') : 'No articles.')
          return 0
        })
      })
    )
}

function formatRow(a: ArticleMeta): string {
  const flags = `${a.state === 'archived' ? 'A' : ' '}${a.favorite ? '*' : ' '}`
  return `${a.id}  ${flags}  ${a.title}  (${a.siteName ?? new URL(a.url).hostname}, ${a.readingMinutes} min)`
}
