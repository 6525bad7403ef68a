import type { Writable } from 'node:stream'
import { htmlToText } from './html-text'
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, archivePath, type ArchiveManifest } from './lectern-archive-format'
import { articleAssets, type ExportArticle, type ExportSummary } from './export-types'
import { ZipWriter } from './zip-writer'

/**
 * Writes the Lectern archive (see lectern-archive-format.ts) to `out`, one article at a time: each
 * article's files are written before the next is asked for. Everything needed to rebuild the library is
 * in it: ids, metadata, states, tags, progress, content, text, images and highlights.
 */
export async function writeLecternArchive(
  articles: AsyncIterable<ExportArticle>,
  out: Writable,
  options: { now?: Date } = {}
): Promise<ExportSummary> {
  const now = options.now ?? new Date()
  const zip = new ZipWriter(out, now)
  const summary: ExportSummary = { articles: 0, assets: 0, missingAssets: 0, files: [] }
  let highlights = 0
  for await (const article of articles) {
    const { contentMissing: _derived, ...meta } = article.meta
    const id = meta.id
    zip.add(archivePath(id, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`)
    zip.add(archivePath(id, 'content.html'), article.html)
    zip.add(archivePath(id, 'content.txt'), article.text ?? htmlToText(article.html))
    const marks = article.highlights.map(({ quote, note, color, createdAt }) => ({ quote, note, color, createdAt }))
    zip.add(archivePath(id, 'highlights.json'), `${JSON.stringify(marks, null, 2)}\n`)
    highlights += marks.length
    for (const name of articleAssets(article)) {
      const bytes = await article.readAsset(name).catch(() => null)
      if (!bytes) {
        summary.missingAssets++
        continue
      }
      zip.add(archivePath(id, name), bytes, { compress: false })
      summary.assets++
      await zip.drain()
    }
    summary.articles++
    await zip.drain()
  }
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    createdAt: now.toISOString(),
    articles: summary.articles,
    assets: summary.assets,
    highlights
  }
  zip.add('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`)
  await zip.finish()
  return summary
}
