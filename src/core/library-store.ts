import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import type { ArticleMeta } from '../shared/types'
import { LecternError } from '../shared/errors'

export const SCHEMA_VERSION = 1

export interface LibraryData {
  schemaVersion: number
  articles: ArticleMeta[]
}

const ARTICLE_DIR = /^[a-z0-9][a-z0-9-]{0,63}$/

/**
 * The library's metadata (lowdb, library.json) and the per-article folders it points to. All metadata
 * writes go through this one object; bodies never enter library.json (lowdb rewrites it whole each time).
 */
export class LibraryStore {
  private constructor(
    readonly dataDir: string,
    private readonly db: Low<LibraryData>
  ) {}

  static async open(dataDir: string): Promise<LibraryStore> {
    await mkdir(join(dataDir, 'articles'), { recursive: true })
    const db = new Low<LibraryData>(new JSONFile(join(dataDir, 'library.json')), { schemaVersion: SCHEMA_VERSION, articles: [] })
    await db.read()
    const store = new LibraryStore(dataDir, db)
    await store.removeOrphans()
    return store
  }

  articleDir(id: string): string {
    return join(this.dataDir, 'articles', id)
  }

  all(): readonly ArticleMeta[] {
    return this.db.data.articles
  }

  find(id: string): ArticleMeta | undefined {
    return this.db.data.articles.find((a) => a.id === id)
  }

  get(id: string): ArticleMeta {
    const article = this.find(id)
    if (!article) throw new LecternError('NOT_FOUND', 'That article is not in the library (it may have been deleted).')
    return article
  }

  /** Adds an article whose files are already written; metadata last, so it never points at nothing. */
  async add(article: ArticleMeta): Promise<void> {
    this.db.data.articles.push(article)
    await this.db.write()
  }

  async update(id: string, change: Partial<Omit<ArticleMeta, 'id'>>): Promise<ArticleMeta> {
    const article = this.get(id)
    Object.assign(article, change)
    await this.db.write()
    return article
  }

  /** Removes the metadata first (the article disappears at once), then its folder. */
  async remove(id: string): Promise<void> {
    this.get(id)
    this.db.data.articles = this.db.data.articles.filter((a) => a.id !== id)
    await this.db.write()
    await rm(this.articleDir(id), { recursive: true, force: true })
  }

  async readContent(id: string): Promise<string> {
    this.get(id)
    try {
      return await readFile(join(this.articleDir(id), 'content.html'), 'utf8')
    } catch {
      throw new LecternError('NOT_FOUND', 'The text of this article is missing from the library folder.')
    }
  }

  async readText(id: string): Promise<string> {
    this.get(id)
    return readFile(join(this.articleDir(id), 'content.txt'), 'utf8')
  }

  /** Folders left by an import that failed or crashed before its metadata was written. */
  private async removeOrphans(): Promise<void> {
    const known = new Set(this.db.data.articles.map((a) => a.id))
    for (const entry of await readdir(join(this.dataDir, 'articles'), { withFileTypes: true })) {
      if (entry.isDirectory() && ARTICLE_DIR.test(entry.name) && !known.has(entry.name)) {
        await rm(this.articleDir(entry.name), { recursive: true, force: true })
      }
    }
  }
}
