import type { Handlers } from '../../shared/contract'
import type { ArticleMeta } from '../../shared/types'
import type { HandlerContext } from './context'

/** Progress from which an article counts as read. */
const FINISHED = 0.98

type LibraryHandlers = Pick<
  Handlers,
  | 'listArticles'
  | 'queryArticles'
  | 'libraryCounts'
  | 'getLibraryStatus'
  | 'dismissRepairs'
  | 'getArticle'
  | 'getArticleText'
  | 'deleteArticle'
  | 'deleteArticles'
  | 'undoDelete'
  | 'setArchived'
  | 'setFavorite'
  | 'setProgress'
  | 'setArchivedMany'
  | 'setFavoriteMany'
  | 'addTags'
  | 'removeTags'
  | 'renameTag'
  | 'mergeTags'
>

/**
 * Reading and organising the library. The store announces what each call changes (see library-changes.ts),
 * so nothing here tells the windows or the search index.
 */
export function libraryHandlers({ store, settings }: Pick<HandlerContext, 'store' | 'settings'>): LibraryHandlers {
  return {
    async listArticles({ view }) {
      // Every match, newest first: for the CLI and small libraries; lists in the app page with queryArticles.
      return store.query({ view: view ?? 'all', limit: Infinity }).items
    },
    async queryArticles(query) {
      return store.query(query)
    },
    async libraryCounts() {
      return store.counts()
    },
    async getLibraryStatus() {
      return store.status()
    },
    async dismissRepairs() {
      return { dismissed: await store.dismissRepairs() }
    },
    async getArticle({ id }) {
      const meta = store.get(id)
      return { meta, html: await store.readContent(id) }
    },
    async getArticleText({ id }) {
      const meta = store.get(id)
      return { meta, text: await store.readText(id) }
    },
    async deleteArticle({ id }) {
      await store.remove(id)
      return { id }
    },
    async deleteArticles({ ids }) {
      return store.trashMany(ids)
    },
    async undoDelete({ token }) {
      return { ids: store.undoTrash(token) }
    },
    async setArchived({ id, archived }) {
      return store.update(id, archived ? { state: 'archived', readAt: new Date().toISOString() } : { state: 'unread' })
    },
    async setFavorite({ id, favorite }) {
      return store.update(id, { favorite })
    },
    async setProgress({ id, progress }) {
      const article = store.get(id)
      const change: Partial<ArticleMeta> = { progress }
      // Reaching the end is what "read" means; the article is archived too when the user asked for that.
      if (progress >= FINISHED && article.progress < FINISHED) {
        change.readAt = new Date().toISOString()
        if (settings.get().archiveOnFinish) change.state = 'archived'
      }
      return store.update(id, change)
    },
    async setArchivedMany({ ids, archived }) {
      const now = new Date().toISOString()
      const done = store.updateMany(ids, (a) =>
        archived
          ? a.state === 'archived'
            ? null
            : { state: 'archived', readAt: now }
          : a.state === 'unread'
            ? null
            : { state: 'unread' }
      )
      return { ids: done }
    },
    async setFavoriteMany({ ids, favorite }) {
      return { ids: store.updateMany(ids, (a) => (a.favorite === favorite ? null : { favorite })) }
    },
    async addTags({ ids, tags }) {
      return { ids: store.addTags(ids, tags) }
    },
    async removeTags({ ids, tags }) {
      return { ids: store.removeTags(ids, tags) }
    },
    async renameTag({ from, to }) {
      return { ids: store.mergeTags([from], to) }
    },
    async mergeTags({ tags, into }) {
      return { ids: store.mergeTags(tags, into) }
    }
  }
}
