import type { LecternApi } from '../../../src/shared/contract'
import type { EventName, EventPayloads } from '../../../src/shared/contract-names'
import { fail, ok, type Result } from '../../../src/shared/result'
import type { ErrorCode } from '../../../src/shared/errors'
import {
  DEFAULT_SETTINGS,
  type AddUrlResult,
  type ArticleContent,
  type ArticleMeta,
  type ImportProgress,
  type LibrarySort,
  type RecoveryNotice,
  type SavedSearch,
  type SearchHit,
  type SearchResult,
  type Settings,
  type TextRange
} from '../../../src/shared/types'
import type { LecternClient } from '../../../src/renderer/src/api/lectern-client'
import { articleMeta } from '../../support/article-meta'
import { inView as matchesView } from '../../../src/shared/library-views'
import { matchesFilter } from '../../../src/renderer/src/store/matches-view'

let counter = 0

/** The core's orders (src/core/library/sorted-index.ts), for the fake queryArticles. */
const SORT_KEYS: Record<LibrarySort, (a: ArticleMeta) => string | number> = {
  saved: (a) => a.savedAt,
  published: (a) => a.publishedAt ?? a.savedAt,
  title: (a) => a.title.toLowerCase(),
  site: (a) => (a.siteName ?? '').toLowerCase(),
  readingTime: (a) => a.readingMinutes
}

/** An article with sensible defaults; override what a test cares about. */
export function makeArticle(overrides: Partial<ArticleMeta> = {}): ArticleMeta {
  counter += 1
  return articleMeta({
    id: `article-${counter}`,
    title: `Article ${counter}`,
    wordCount: 1000,
    readingMinutes: 5,
    // Each article made is a minute older than the one before, so newest-first lists keep the order of making.
    savedAt: new Date(Date.UTC(2024, 0, 1) - counter * 60_000).toISOString(),
    ...overrides
  })
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
  readonly savedSearches: SavedSearch[] = []
  /** Replaces the fake search (a test that holds answers back, or fails them); gets the input. */
  searchResponder:
    ((input: { query: string; limit?: number; offset?: number }) => Promise<Result<SearchResult>>) | null = null
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  /** How long a delete can be undone (the core reports it as undoUntil). */
  undoWindowMs = 30_000
  /** What getLibraryStatus reports as recovered at start. */
  recovered: RecoveryNotice[] = []
  private readonly trash = new Map<string, { meta: ArticleMeta; body: string }[]>()
  private tokens = 0

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
    getArticleText: async (input) => {
      this.record('getArticleText', input)
      const meta = this.articles.get(input.id)
      if (!meta) return fail('NOT_FOUND', 'That article is not in your library.')
      return ok({ meta, text: (this.bodies.get(input.id) ?? '').replace(/<[^>]*>/g, '') })
    },
    addUrl: async (input): Promise<Result<AddUrlResult>> => {
      this.record('addUrl', input)
      const failure = this.failures.get(input.url)
      if (failure) return fail(failure.code, failure.message)
      const existing = [...this.articles.values()].find((a) => a.url === input.url)
      if (existing) return ok({ article: existing, existed: true })
      const page = this.pages.get(input.url) ?? { title: `Saved ${input.url}`, html: '<p>Saved body</p>' }
      const article = makeArticle({
        url: input.url,
        canonicalUrl: input.url,
        title: page.title,
        savedAt: new Date().toISOString()
      })
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
      const article = makeArticle({ title: input.fileName, savedAt: new Date().toISOString() })
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
    queryArticles: async (input) => {
      this.record('queryArticles', input)
      const filter = { view: input.view ?? 'all', tag: input.tag ?? null, site: input.site ?? null }
      const key = SORT_KEYS[input.sort ?? 'saved']
      const matches = [...this.articles.values()]
        .filter((a) => matchesFilter(a, filter))
        .map((a) => ({ a, k: key(a) }))
        .sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0))
        .map((x) => x.a)
      if ((input.order ?? 'desc') === 'desc') matches.reverse()
      const offset = input.offset ?? 0
      return ok({ items: matches.slice(offset, offset + (input.limit ?? 100)), total: matches.length, offset })
    },
    libraryCounts: async (input) => {
      this.record('libraryCounts', input)
      const all = [...this.articles.values()]
      const tally = (values: string[]) => {
        const map = new Map<string, number>()
        for (const v of values) map.set(v, (map.get(v) ?? 0) + 1)
        return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      }
      return ok({
        inbox: all.filter((a) => a.state === 'unread').length,
        favorites: all.filter((a) => a.favorite).length,
        archive: all.filter((a) => a.state === 'archived').length,
        all: all.length,
        tags: tally(all.flatMap((a) => a.tags)).map(([tag, count]) => ({ tag, count })),
        sites: tally(all.flatMap((a) => (a.siteName ? [a.siteName] : []))).map(([site, count]) => ({ site, count }))
      })
    },
    setArchivedMany: async (input) =>
      this.updateMany('setArchivedMany', input, (a) =>
        a.state === (input.archived ? 'archived' : 'unread') ? null : { state: input.archived ? 'archived' : 'unread' }
      ),
    setFavoriteMany: async (input) =>
      this.updateMany('setFavoriteMany', input, (a) =>
        a.favorite === input.favorite ? null : { favorite: input.favorite }
      ),
    addTags: async (input) =>
      this.updateMany('addTags', input, (a) => {
        const next = [...a.tags, ...input.tags.filter((t) => !a.tags.includes(t))]
        return next.length === a.tags.length ? null : { tags: next }
      }),
    removeTags: async (input) =>
      this.updateMany('removeTags', input, (a) =>
        a.tags.some((t) => input.tags.includes(t)) ? { tags: a.tags.filter((t) => !input.tags.includes(t)) } : null
      ),
    renameTag: async (input) => this.merge('renameTag', input, [input.from], input.to),
    mergeTags: async (input) => this.merge('mergeTags', input, input.tags, input.into),
    deleteArticles: async (input) => {
      this.record('deleteArticles', input)
      const gone = input.ids.flatMap((id) => {
        const meta = this.articles.get(id)
        if (!meta) return []
        this.articles.delete(id)
        return [{ meta, body: this.bodies.get(id) ?? '' }]
      })
      const token = (++this.tokens).toString(16).padStart(8, '0')
      this.trash.set(token, gone)
      if (gone.length > 0) this.emit('libraryChanged', { ids: gone.map((g) => g.meta.id) })
      return ok({
        ids: gone.map((g) => g.meta.id),
        undoToken: token,
        undoUntil: new Date(Date.now() + this.undoWindowMs).toISOString()
      })
    },
    undoDelete: async (input) => {
      this.record('undoDelete', input)
      const gone = this.trash.get(input.token)
      if (!gone) return fail('NOT_FOUND', 'That delete can no longer be undone (its undo time has passed).')
      this.trash.delete(input.token)
      for (const { meta, body } of gone) {
        this.articles.set(meta.id, meta)
        this.bodies.set(meta.id, body)
      }
      this.emit('libraryChanged', { ids: gone.map((g) => g.meta.id) })
      return ok({ ids: gone.map((g) => g.meta.id) })
    },
    getLibraryStatus: async (input) => {
      this.record('getLibraryStatus', input)
      return ok({
        schemaVersion: 2,
        migratedFrom: null,
        articles: this.articles.size,
        recovered: this.recovered,
        contentMissing: 0,
        orphansRemoved: 0,
        orphansKept: 0,
        saveError: null
      })
    },
    dismissRepairs: async (input) => {
      this.record('dismissRepairs', input)
      const dismissed = this.recovered.length
      this.recovered = []
      return ok({ dismissed })
    },
    search: async (input) => {
      this.record('search', input)
      if (this.searchResponder) return this.searchResponder(input)
      return ok(this.fakeSearch(input.query, input.limit ?? 20, input.offset ?? 0))
    },
    listSavedSearches: async (input) => {
      this.record('listSavedSearches', input)
      return ok(this.savedSearches.map((s) => ({ ...s })))
    },
    saveSearch: async (input) => {
      this.record('saveSearch', input)
      const existing = input.id ? this.savedSearches.find((s) => s.id === input.id) : undefined
      if (existing) {
        Object.assign(existing, { name: input.name, query: input.query })
        return ok({ ...existing })
      }
      const saved: SavedSearch = {
        id: `saved-${this.savedSearches.length + 1}`,
        name: input.name,
        query: input.query,
        createdAt: new Date(2026, 0, 1).toISOString()
      }
      this.savedSearches.push(saved)
      return ok({ ...saved })
    },
    deleteSavedSearch: async (input) => {
      this.record('deleteSavedSearch', input)
      const index = this.savedSearches.findIndex((s) => s.id === input.id)
      if (index === -1) return fail('NOT_FOUND', 'That saved search does not exist.')
      this.savedSearches.splice(index, 1)
      return ok({ id: input.id })
    },
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

  /**
   * A small stand-in for the core's search: every plain word must occur (case-insensitive substring) in the
   * title or the body's text; is:unread|archived|favorite filter; other operators are ignored.
   */
  fakeSearch(query: string, limit: number, offset: number): SearchResult {
    const tokens = query.toLowerCase().split(/\s+/).filter(Boolean)
    const words = tokens.filter((t) => !t.includes(':') && !t.startsWith('-'))
    const states = tokens.filter((t) => t.startsWith('is:')).map((t) => t.slice(3))
    const hits: SearchHit[] = []
    for (const meta of this.articles.values()) {
      if (states.includes('favorite') && !meta.favorite) continue
      if (states.includes('archived') && meta.state !== 'archived') continue
      if (states.includes('unread') && meta.state !== 'unread') continue
      const body = (this.bodies.get(meta.id) ?? '')
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
      const text = `${meta.title.toLowerCase()} ${body.toLowerCase()}`
      if (!words.every((w) => text.includes(w))) continue
      const first = Math.min(...words.map((w) => body.toLowerCase().indexOf(w)).filter((i) => i >= 0), body.length)
      const start = Math.max(0, first - 40)
      const snippetText = body.slice(start, start + 160)
      hits.push({
        id: meta.id,
        title: meta.title,
        url: meta.url,
        siteName: meta.siteName,
        savedAt: meta.savedAt,
        score: 1,
        titleHighlights: ranges(meta.title, words),
        snippet: { text: snippetText, highlights: ranges(snippetText, words) }
      })
    }
    return {
      hits: hits.slice(offset, offset + limit),
      total: hits.length,
      totalIsEstimate: false,
      tookMs: 1,
      sort: words.length ? 'relevance' : 'saved'
    }
  }

  /** A bulk change as the core makes it: the ids that changed, and a libraryChanged event for them. */
  private async updateMany(
    method: string,
    input: { ids: string[] } | object,
    change: (a: ArticleMeta) => Partial<ArticleMeta> | null,
    targets: string[] = 'ids' in input ? input.ids : []
  ): Promise<Result<{ ids: string[] }>> {
    this.record(method, input)
    const ids: string[] = []
    for (const id of new Set(targets)) {
      const meta = this.articles.get(id)
      const patch = meta && change(meta)
      if (!meta || !patch) continue
      this.articles.set(id, { ...meta, ...patch })
      ids.push(id)
    }
    if (ids.length > 0) this.emit('libraryChanged', { ids })
    return ok({ ids })
  }

  /** Renames tags `from` to `into` everywhere; an existing tag is merged (as the core's mergeTags). */
  private merge(method: string, input: object, from: string[], into: string): Promise<Result<{ ids: string[] }>> {
    const sources = new Set(from.filter((t) => t !== into))
    const ids = [...this.articles.values()].filter((a) => a.tags.some((t) => sources.has(t))).map((a) => a.id)
    return this.updateMany(
      method,
      input,
      (a) => ({ tags: [...new Set(a.tags.map((t) => (sources.has(t) ? into : t)))] }),
      ids
    )
  }

  private record(method: string, input: unknown): void {
    this.calls.push({ method, input })
  }

  private async update(
    method: string,
    input: { id: string },
    patch: Partial<ArticleMeta>
  ): Promise<Result<ArticleMeta>> {
    this.record(method, input)
    const meta = this.articles.get(input.id)
    if (!meta) return fail('NOT_FOUND', 'That article is not in your library.')
    const updated = { ...meta, ...patch }
    this.articles.set(updated.id, updated)
    return ok(updated)
  }
}

/** Every case-insensitive occurrence of each word, sorted. */
function ranges(text: string, words: string[]): TextRange[] {
  const lower = text.toLowerCase()
  const found: TextRange[] = []
  for (const word of words) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length))
      found.push([at, at + word.length])
  }
  return found.sort((a, b) => a[0] - b[0])
}
