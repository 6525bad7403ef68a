import type { Writable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import type { ExportArticle, ExportSummary } from './export-types'
import { endText, writeText } from './stream-text'

/** Pocket's columns: the CSV every read-later service imports. */
export const POCKET_COLUMNS = ['title', 'url', 'time_added', 'tags', 'status'] as const

/**
 * Writes the articles as Pocket's CSV (`title,url,time_added,tags,status`: Unix seconds, `|`-separated
 * tags, `unread`/`archive`), quoted by csv-stringify, a row at a time.
 */
export async function writeCsv(articles: AsyncIterable<ExportArticle>, out: Writable): Promise<ExportSummary> {
  const summary: ExportSummary = { articles: 0, assets: 0, missingAssets: 0, files: [] }
  await writeText(out, stringify([[...POCKET_COLUMNS]]))
  for await (const { meta } of articles) {
    const added = Math.floor(Date.parse(meta.savedAt) / 1000)
    // A "|" inside a tag would split it in two on import.
    const tags = meta.tags.map((t) => t.replaceAll('|', '/')).join('|')
    const row = [
      meta.title,
      meta.url,
      Number.isFinite(added) ? added : '',
      tags,
      meta.state === 'archived' ? 'archive' : 'unread'
    ]
    await writeText(out, stringify([row]))
    summary.articles++
  }
  await endText(out)
  return summary
}
