import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ArticleMeta } from '../../src/shared/types'

/** The articles as stored on disk (library/meta-NN.json shards, v2 layout), read without the store. */
export function readStoredArticles(dataDir: string): ArticleMeta[] {
  const dir = join(dataDir, 'library')
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => /^meta-\d+\.json$/.test(name))
    .flatMap((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { articles: ArticleMeta[] }).articles)
}
