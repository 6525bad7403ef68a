import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LibraryStore } from '../../src/core/library/library-store'
import type { ArticleMeta } from '../../src/shared/types'

/**
 * Writes articles into a data dir's library before a core opens it (the core keeps its store private):
 * each with a content folder holding `html` as content.html, then the metadata, durably.
 */
export async function seedLibrary(
  dataDir: string,
  articles: readonly ArticleMeta[],
  html = '<p>body</p>'
): Promise<void> {
  const store = await LibraryStore.open(dataDir)
  for (const article of articles) {
    mkdirSync(store.articleDir(article.id), { recursive: true })
    writeFileSync(join(store.articleDir(article.id), 'content.html'), html)
    void store.add(article)
  }
  await store.close()
}
