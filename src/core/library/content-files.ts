import { readFileSync } from 'node:fs'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isArticleId } from '../../shared/article-id'
import type { ArticleMeta } from '../../shared/types'

/** Folder of the per-article content folders, relative to the data dir. */
export const ARTICLES_DIR = 'articles'

/**
 * The per-article content folders: articles/<id>/content.html, content.txt, assets/, source.html.gz. The
 * store reads them for the contract; the import pipeline writes them into articleDir(id) before the
 * metadata that points to them.
 */
export class ContentFiles {
  constructor(private readonly dataDir: string) {}

  articleDir(id: string): string {
    return join(this.dataDir, ARTICLES_DIR, id)
  }

  /** The names in articles/ (folder names only: no stat per entry, see checkContentFolders). */
  listFolders(): Promise<string[]> {
    return readdir(join(this.dataDir, ARTICLES_DIR))
  }

  /** The stored, sanitized HTML; null when it cannot be read. */
  async readHtml(id: string): Promise<string | null> {
    try {
      return await readFile(join(this.articleDir(id), 'content.html'), 'utf8')
    } catch {
      return null
    }
  }

  /** The plain text; null when it cannot be read. */
  async readText(id: string): Promise<string | null> {
    try {
      return (await readFile(join(this.articleDir(id), 'content.txt'))).toString('utf8')
    } catch {
      return null
    }
  }

  /** The plain text as stored (UTF-8). Synchronous on purpose: search reads 20 small files per query (search-service.ts). */
  readTextBytes(id: string): Buffer {
    return readFileSync(join(this.articleDir(id), 'content.txt'))
  }

  removeFolder(id: string): Promise<void> {
    return rm(this.articleDir(id), { recursive: true, force: true })
  }
}

/** What the content check at open did with folders no metadata points to. */
export interface OrphanReport {
  orphansRemoved: number
  orphansKept: number
}

/**
 * Flags articles whose folder is gone, and removes folders no metadata points to (an import that crashed
 * before its metadata was written, a delete whose undo window was cut short). With `keepOrphans` (metadata
 * was recovered at this open) orphans are kept instead: they may belong to articles the damaged file listed.
 * `names` is the listing of articles/: names only (no stat per entry: at 50k folders, withFileTypes costs
 * more than the rest of the check).
 */
export async function checkContentFolders(
  files: ContentFiles,
  articles: { size: number; find(id: string): ArticleMeta | undefined; values(): Iterable<ArticleMeta> },
  names: readonly string[],
  keepOrphans: boolean
): Promise<OrphanReport> {
  const orphans: string[] = []
  let present = 0
  for (const name of names) {
    const article = articles.find(name)
    if (article) {
      present++
      if (article.contentMissing) delete article.contentMissing
    } else if (isArticleId(name)) {
      orphans.push(name)
    }
  }
  // Names in a folder are unique: when every article's folder was listed, none is missing.
  if (present < articles.size) {
    const listed = new Set(names)
    for (const article of articles.values()) if (!listed.has(article.id)) article.contentMissing = true
  }
  const report: OrphanReport = { orphansRemoved: 0, orphansKept: 0 }
  for (const name of orphans) {
    if (keepOrphans) {
      report.orphansKept++
      continue
    }
    await files.removeFolder(name)
    report.orphansRemoved++
  }
  return report
}
