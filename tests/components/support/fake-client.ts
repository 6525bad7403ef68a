import type { LecternApi } from '../../../src/shared/contract'
import type { EventName, EventPayloads } from '../../../src/shared/contract-names'
import { fail, ok, type Result } from '../../../src/shared/result'
import type { ErrorCode } from '../../../src/shared/errors'
import type { AddUrlResult, ArticleContent, ArticleMeta } from '../../../src/shared/types'
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
    deleteArticle: async (input) => {
      this.record('deleteArticle', input)
      if (!this.articles.delete(input.id)) return fail('NOT_FOUND', 'That article is not in your library.')
      return ok({ id: input.id })
    },
    setArchived: async (input) => this.update('setArchived', input, { state: input.archived ? 'archived' : 'unread' }),
    setFavorite: async (input) => this.update('setFavorite', input, { favorite: input.favorite }),
    openExternal: async (input) => {
      this.record('openExternal', input)
      return ok({ opened: true })
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
