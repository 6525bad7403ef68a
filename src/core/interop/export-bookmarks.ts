import type { Writable } from 'node:stream'
import { escapeXml } from './article-dom'
import type { ExportArticle, ExportSummary } from './export-types'
import { endText, writeText } from './stream-text'

/**
 * Writes the articles as a Netscape bookmark file, which every browser and bookmark service imports:
 * one link each, in the order given, with ADD_DATE (Unix seconds) and TAGS (comma-separated).
 */
export async function writeBookmarks(articles: AsyncIterable<ExportArticle>, out: Writable): Promise<ExportSummary> {
  const summary: ExportSummary = { articles: 0, assets: 0, missingAssets: 0, files: [] }
  await writeText(
    out,
    `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- Exported by Lectern. -->
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
`
  )
  for await (const { meta } of articles) {
    const added = Math.floor(Date.parse(meta.savedAt) / 1000)
    // A comma inside a tag would split it in two on import.
    const tags = meta.tags.map((t) => t.replaceAll(',', ' ')).join(',')
    const attrs = [
      `HREF="${escapeXml(meta.url)}"`,
      Number.isFinite(added) ? `ADD_DATE="${added}"` : '',
      tags ? `TAGS="${escapeXml(tags)}"` : ''
    ].filter(Boolean)
    await writeText(out, `    <DT><A ${attrs.join(' ')}>${escapeXml(meta.title || meta.url)}</A>\n`)
    summary.articles++
  }
  await writeText(out, '</DL><p>\n')
  await endText(out)
  return summary
}
