import type { LecternApi } from '../../../src/shared/contract'
import type { EventName, EventPayloads } from '../../../src/shared/contract-names'
import { fail, ok, type Result } from '../../../src/shared/result'
import type { ErrorCode } from '../../../src/shared/errors'
import { DEFAULT_SETTINGS, type AddUrlResult, type ArticleContent, type ArticleMeta, type ImportProgress, type Settings } from '../../../src/shared/types'
import type { LecternClient } from '../../../src/renderer/src/api/lectern-client'
import { matchesView } from '../../../src/renderer/src/store/matches-view'

let counter = 0

/** An article with sensible defaults; override what a test cares about. */
export function makeArticle(overrides: Partial<ArticleMeta> = {}): ArticleMeta {
  counter += 1
  const id = overrides.id ?? `article-${counter}`
  return {
    id,
    url: `https://example.test/${id}`,
    canonicalUrl: `https://example.test/${id}`,
    title: `Article ${counter}`,
    byline: null,
    siteName: 'Example',
    excerpt: null,
    lang: 'en',
    wordCount: 1000,
    readingMinutes: 5,
    savedAt: new Date(2024, 0, counter).toISOString(),
    publishedAt: null,
    readAt: null,
    state: 'unread',
    favorite: false,
    tags: [],
    progress: 0,
    leadImage: null,
    ...overrides
  }
}

interface PendingPage {
  title: string
  html: string
}

/**
 * An in-memory LecternClient: a tiny library that behaves like the real one through the contract, records
 * calls, and lets a test script failures and server events.
 */
export class FakeClient implements LecternClient {
  readonly articles = new Map<string, ArticleMeta>()
  readonly bodies = new Map<string, string>()
  /** URLs addUrl knows how to "fetch". */
  readonly pages = new Map<string, PendingPage>()
  /** URLs whose addUrl fails with this error. */
  readonly failures = new Map<string, { code: ErrorCode; message: string }>()
  readonly calls: { method: string; input: unknown }[] = []
  readonly opened: string[] = []
  /** What the "core" holds; updateSettings merges into it and emits settingsChanged like the real one. */
  settings: Settings = { ...DEFAULT_SETTINGS }
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>()

  constructor(initial: (ArticleMeta | ArticleContent)[] = []) {
    for (const item of initial) {
      const meta = 'meta' in item ? item.meta : item
      this.articles.set(meta.id, meta)
      this.bodies.set(meta.id, 'html' in item ? item.html : `<p>Body of ${meta.title}</p>`)
    }
  }

  readonly api: LecternApi = {
    listArticles: async (input) => {
      this.record('listArticles', input)
      const view = input.view ?? 'inbox'
      return ok([...this.articles.values()].filter((a) => matchesView(a, view)))
    },
    getArticle: async (input) => {
      this.record('getArticle', input)
      const meta = this.articles.get(input.id)
      if (!meta) return fail('NOT_FOUND', 'That article is not in your library.')
      return ok({ meta, html: this.bodies.get(input.id) ?? '' })
    },
    addUrl: async (input): Promise<Result<AddUrlResult>> => {
      this.record('addUrl', input)
      const failure = this.failures.get(input.url)
      if (failure) return fail(failure.code, failure.message)
      const existing = [...this.articles.values()].find((a) => a.url === input.url)
      if (existing) return ok({ article: existing, existed: true })
      const page = this.pages.get(input.url) ?? { title: `Saved ${input.url}`, html: '<p>Saved body</p>' }
      const article = makeArticle({ url: input.url, canonicalUrl: input.url, title: page.title })
      this.articles.set(article.id, article)
      this.bodies.set(article.id, page.html)
      return ok({ article, existed: false })
    },
    addUrls: async (input) => {
      this.record('addUrls', input)
      // The batch starts; a test drives it with emit('importProgress', ...), as the core's events would.
      return ok(this.batch(input.urls))
    },
    cancelImport: async (input) => {
      this.record('cancelImport', input)
      return ok({ ...this.batch([]), batchId: input.batchId, finished: true })
    },
    addHtml: async (input) => {
      this.record('addHtml', input)
      const article = makeArticle({ title: input.fileName })
      this.articles.set(article.id, article)
      this.bodies.set(article.id, atob(input.base64))
      return ok({ article, existed: false })
    },
    reextractArticle: async (input) => this.update('reextractArticle', input, {}),
    deleteArticle: async (input) => {
      this.record('deleteArticle', input)
      if (!this.articles.delete(input.id)) return fail('NOT_FOUND', 'That article is not in your library.')
      return ok({ id: input.id })
    },
    setArchived: async (input) => this.update('setArchived', input, { state: input.archived ? 'archived' : 'unread' }),
    setFavorite: async (input) => this.update('setFavorite', input, { favorite: input.favorite }),
    setProgress: async (input) => {
      const meta = this.articles.get(input.id)
      const patch: Partial<ArticleMeta> = { progress: input.progress }
      // The core's rule: reaching the end marks the article read, and archives it when that is the setting.
      if (meta && input.progress >= 0.98 && meta.progress < 0.98) {
        patch.readAt = new Date(2024, 5, 1).toISOString()
        if (this.settings.archiveOnFinish) patch.state = 'archived'
      }
      return this.update('setProgress', input, patch)
    },
    getSettings: async (input) => {
      this.record('getSettings', input)
      return ok({ ...this.settings })
    },
    updateSettings: async (input) => {
      this.record('updateSettings', input)
      this.settings = { ...this.settings, ...input }
      const value = { ...this.settings }
      this.emit('settingsChanged', value)
      return ok(value)
    },
    openExternal: async (input) => {
      this.record('openExternal', input)
      return ok({ opened: true })
    },
    // Library paging, tags, bulk actions, undoable delete (core half only so far): stubs until the renderer uses them.
    queryArticles: async () => fail('NOT_SUPPORTED', 'queryArticles is not faked yet.'),
    libraryCounts: async () => fail('NOT_SUPPORTED', 'libraryCounts is not faked yet.'),
    setArchivedMany: async () => fail('NOT_SUPPORTED', 'setArchivedMany is not faked yet.'),
    setFavoriteMany: async () => fail('NOT_SUPPORTED', 'setFavoriteMany is not faked yet.'),
    addTags: async () => fail('NOT_SUPPORTED', 'addTags is not faked yet.'),
    removeTags: async () => fail('NOT_SUPPORTED', 'removeTags is not faked yet.'),
    renameTag: async () => fail('NOT_SUPPORTED', 'renameTag is not faked yet.'),
    mergeTags: async () => fail('NOT_SUPPORTED', 'mergeTags is not faked yet.'),
    deleteArticles: async () => fail('NOT_SUPPORTED', 'deleteArticles is not faked yet.'),
    undoDelete: async () => fail('NOT_SUPPORTED', 'undoDelete is not faked yet.'),
    getLibraryStatus: async () => fail('NOT_SUPPORTED', 'getLibraryStatus is not faked yet.'),
    // Search (core half only so far): stubs until the renderer's search lands.
    search: async () => fail('NOT_SUPPORTED', 'Search is not faked yet.'),
    listSavedSearches: async () => fail('NOT_SUPPORTED', 'Saved searches are not faked yet.'),
    saveSearch: async () => fail('NOT_SUPPORTED', 'Saved searches are not faked yet.'),
    deleteSavedSearch: async () => fail('NOT_SUPPORTED', 'Saved searches are not faked yet.'),
    on: <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => {
      const set = this.listeners.get(event) ?? new Set()
      this.listeners.set(event, set)
      const wrapped = listener as (payload: unknown) => void
      set.add(wrapped)
      return () => set.delete(wrapped)
    }
  }

  assetBase(articleId: string): string {
    return `lectern://articles/${articleId}/`
  }

  async openExternal(url: string): Promise<void> {
    this.opened.push(url)
  }

  /** Simulates the server pushing an event (another window or the CLI changed something). */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload)
  }

  callsOf(method: string): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input)
  }

  /** A bulk import as the core reports it when it starts: everything queued. */
  batch(urls: string[]): ImportProgress {
    return {
      batchId: 'batch-1',
      total: urls.length,
      done: 0,
      saved: 0,
      existing: 0,
      failed: 0,
      cancelled: 0,
      finished: false,
      items: urls.map((url) => ({ url, status: 'queued' }))
    }
  }

  private record(method: string, input: unknown): void {
    this.calls.push({ method, input })
  }

  private async update(method: string, input: { id: string }, patch: Partial<ArticleMeta>): Promise<Result<ArticleMeta>> {
    this.record(method, input)
    const meta = this.articles.get(input.id)
    if (!meta) return fail('NOT_FOUND', 'That article is not in your library.')
    const updated = { ...meta, ...patch }
    this.articles.set(updated.id, updated)
    return ok(updated)
  }
}
