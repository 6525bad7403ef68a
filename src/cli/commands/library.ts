import { Command, Option } from 'commander'
import type { ArticleMeta } from '../../shared/types'
import { LIBRARY_VIEWS, type LibraryView } from '../../shared/types'
import { out, valueOf, withLibrary, type GlobalOptions } from '../cli-support'

type Run = (action: () => Promise<number>) => Promise<void>

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

function formatRow(a: ArticleMeta): string {
  const flags = `${a.state === 'archived' ? 'A' : ' '}${a.favorite ? '*' : ' '}`
  return `${a.id}  ${flags}  ${a.title}  (${a.siteName ?? new URL(a.url).hostname}, ${a.readingMinutes} min)`
}
