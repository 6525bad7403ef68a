import { Command, InvalidArgumentError } from 'commander'
import { out, UsageError, valueOf, withLibrary, type GlobalOptions, type Run } from '../cli-support'

const OPERATORS = `
Operators: "exact phrase"  -word  tag:x  -tag:x  site:example.com  author:name
           is:unread|archived|favorite  saved:>2026-01-01  lang:zh  sort:saved|published|relevance
(see the README, "Search")`

/** `lectern search`: ranked hits with a snippet each. */
export function searchCommand(run: Run): Command {
  return new Command('search')
    .description('full-text search, best first, with a snippet of each')
    .argument('<query...>', 'words and operators, e.g. "lighthouse tag:history"')
    .option('--limit <n>', 'how many hits (1-200)', parseLimit, 20)
    .option('--json', 'print the hits as JSON (id, title, url, score, snippet, ...)')
    .addHelpText('after', OPERATORS)
    .action((words: string[], _options: unknown, command: Command) =>
      run(() => search(words, command.optsWithGlobals<GlobalOptions & { limit: number; json?: boolean }>()))
    )
}

function parseLimit(value: string): number {
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new InvalidArgumentError('--limit takes a number from 1 to 200.')
  return limit
}

/** Ranked hits, one block each: title, address and a snippet; --json prints the hits array. */
async function search(words: string[], options: GlobalOptions & { limit: number; json?: boolean }): Promise<number> {
  const query = words.join(' ').trim()
  if (!query) throw new UsageError('search needs a query, e.g. lectern search "lighthouse tag:history"')
  return withLibrary(options, async (api) => {
    // A whole word typed at the command line is not being completed: the trailing space turns off prefix matching.
    const result = valueOf(await api.search({ query: `${query} `, limit: options.limit }))
    if (options.json) {
      out(JSON.stringify(result.hits, null, 2))
      return 0
    }
    if (result.hits.length === 0) {
      out('No matches.')
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
  })
}
