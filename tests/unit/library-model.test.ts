import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/core/library/library-store'
import { LIBRARY_SORTS, LIBRARY_VIEWS, SORT_ORDERS, type ArticleMeta, type LibraryQuery } from '../../src/shared/types'
import { fixtureArticle } from '../support/library-fixtures'
import { tempDir } from '../support/temp-dir'

/**
 * The store against the simplest model that could be right: a Map of articles, filtered and sorted from
 * scratch for every query. Random sequences of every kind of change (including deletes with undo and a
 * close + reopen) must leave both answering every query the same.
 */
const TAGS = ['a', 'b', 'c', 'd e']

type Command =
  | { kind: 'add'; n: number }
  | { kind: 'archive'; at: number; archived: boolean }
  | { kind: 'favorite'; at: number; favorite: boolean }
  | { kind: 'progress'; at: number; progress: number }
  | { kind: 'retitle'; at: number; title: string }
  | { kind: 'tag'; at: number[]; tags: string[] }
  | { kind: 'untag'; at: number[]; tags: string[] }
  | { kind: 'merge'; from: string[]; into: string }
  | { kind: 'trash'; at: number[] }
  | { kind: 'undo'; which: number }
  | { kind: 'reopen' }

const index = fc.nat({ max: 1000 })
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), n: fc.nat({ max: 500 }) }) },
  fc.record({ kind: fc.constant('archive' as const), at: index, archived: fc.boolean() }),
  fc.record({ kind: fc.constant('favorite' as const), at: index, favorite: fc.boolean() }),
  fc.record({
    kind: fc.constant('progress' as const),
    at: index,
    progress: fc.double({ min: 0, max: 1, noNaN: true })
  }),
  fc.record({ kind: fc.constant('retitle' as const), at: index, title: fc.string({ maxLength: 6 }) }),
  fc.record({
    kind: fc.constant('tag' as const),
    at: fc.array(index, { minLength: 1, maxLength: 4 }),
    tags: fc.subarray(TAGS, { minLength: 1 })
  }),
  fc.record({
    kind: fc.constant('untag' as const),
    at: fc.array(index, { minLength: 1, maxLength: 4 }),
    tags: fc.subarray(TAGS, { minLength: 1 })
  }),
  fc.record({
    kind: fc.constant('merge' as const),
    from: fc.subarray(TAGS, { minLength: 1 }),
    into: fc.constantFrom(...TAGS, 'new')
  }),
  fc.record({ kind: fc.constant('trash' as const), at: fc.array(index, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('undo' as const), which: index }),
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) }
)

const query: fc.Arbitrary<LibraryQuery> = fc.record(
  {
    view: fc.constantFrom(...LIBRARY_VIEWS),
    tag: fc.constantFrom(...TAGS, 'new'),
    site: fc.constantFrom('Site 1', 'Site 2'),
    sort: fc.constantFrom(...LIBRARY_SORTS),
    order: fc.constantFrom(...SORT_ORDERS),
    offset: fc.nat({ max: 20 }),
    limit: fc.integer({ min: 1, max: 30 })
  },
  { requiredKeys: ['view', 'sort', 'order'] }
)

const KEY: Record<string, (a: ArticleMeta) => string | number> = {
  saved: (a) => a.savedAt,
  published: (a) => a.publishedAt ?? a.savedAt,
  title: (a) => a.title.toLowerCase(),
  site: (a) => (a.siteName ?? '').toLowerCase(),
  readingTime: (a) => a.readingMinutes
}

function modelQuery(model: Map<string, ArticleMeta>, q: LibraryQuery) {
  const key = KEY[q.sort ?? 'saved']!
  const matching = [...model.values()]
    .filter((a) =>
      q.view === 'inbox'
        ? a.state === 'unread'
        : q.view === 'archive'
          ? a.state === 'archived'
          : q.view === 'favorites'
            ? a.favorite
            : true
    )
    .filter((a) => q.tag === undefined || a.tags.includes(q.tag))
    .filter((a) => q.site === undefined || a.siteName === q.site)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  if (q.order !== 'asc') matching.reverse()
  return {
    total: matching.length,
    ids: matching.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 100)).map((a) => a.id)
  }
}

describe('the library store against an in-memory model', () => {
  it('answers every query like the model after any sequence of changes, reopens included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { maxLength: 40 }),
        fc.array(query, { minLength: 3, maxLength: 3 }),
        async (commands, queries) => {
          const dir = tempDir()
          let store = await LibraryStore.open(dir.path, { shardCount: 4 })
          const model = new Map<string, ArticleMeta>()
          let tokens: { token: string; articles: ArticleMeta[] }[] = []
          const pick = (at: number) => [...model.keys()].sort()[at % Math.max(1, model.size)]
          try {
            for (const c of commands) {
              const id = 'at' in c && typeof c.at === 'number' ? pick(c.at) : undefined
              switch (c.kind) {
                case 'add': {
                  const article = fixtureArticle(c.n)
                  if (model.has(article.id) || tokens.some((t) => t.articles.some((a) => a.id === article.id))) break
                  model.set(article.id, structuredClone(article))
                  void store.add(article)
                  break
                }
                case 'archive':
                  if (!id) break
                  await store.update(id, { state: c.archived ? 'archived' : 'unread' })
                  model.get(id)!.state = c.archived ? 'archived' : 'unread'
                  break
                case 'favorite':
                  if (!id) break
                  await store.update(id, { favorite: c.favorite })
                  model.get(id)!.favorite = c.favorite
                  break
                case 'progress':
                  if (!id) break
                  await store.update(id, { progress: c.progress })
                  model.get(id)!.progress = c.progress
                  break
                case 'retitle':
                  if (!id) break
                  await store.update(id, { title: c.title })
                  model.get(id)!.title = c.title
                  break
                case 'tag':
                case 'untag': {
                  const ids = c.at.map(pick).filter((x): x is string => x !== undefined)
                  if (c.kind === 'tag') store.addTags(ids, c.tags)
                  else store.removeTags(ids, c.tags)
                  for (const x of new Set(ids)) {
                    const a = model.get(x)!
                    a.tags =
                      c.kind === 'tag'
                        ? [...a.tags, ...c.tags.filter((t) => !a.tags.includes(t))]
                        : a.tags.filter((t) => !c.tags.includes(t))
                  }
                  break
                }
                case 'merge':
                  store.mergeTags(c.from, c.into)
                  for (const a of model.values()) {
                    if (!a.tags.some((t) => c.from.includes(t) && t !== c.into)) continue
                    const next: string[] = []
                    for (const t of a.tags) {
                      const r = c.from.includes(t) ? c.into : t
                      if (!next.includes(r)) next.push(r)
                    }
                    a.tags = next
                  }
                  break
                case 'trash': {
                  const ids = [...new Set(c.at.map(pick).filter((x): x is string => x !== undefined))]
                  const result = store.trashMany(ids)
                  expect(result.ids.sort()).toEqual([...ids].sort())
                  tokens.push({ token: result.undoToken, articles: ids.map((x) => model.get(x)!) })
                  for (const x of ids) model.delete(x)
                  break
                }
                case 'undo': {
                  const entry = tokens[c.which % Math.max(1, tokens.length)]
                  if (!entry) break
                  expect(store.undoTrash(entry.token).sort()).toEqual(entry.articles.map((a) => a.id).sort())
                  tokens = tokens.filter((t) => t !== entry)
                  for (const a of entry.articles) model.set(a.id, a)
                  break
                }
                case 'reopen':
                  await store.close()
                  tokens = [] // the undo window ends at close
                  store = await LibraryStore.open(dir.path)
                  break
              }
              for (const q of queries) {
                const page = store.query(q)
                expect({ total: page.total, ids: page.items.map((a) => a.id) }).toEqual(modelQuery(model, q))
              }
            }
            expect(store.counts().all).toBe(model.size)
            expect(store.counts().inbox).toBe([...model.values()].filter((a) => a.state === 'unread').length)
            await store.close()
            // Everything survives a restart, field for field.
            store = await LibraryStore.open(dir.path)
            expect(new Map(store.all().map((a) => [a.id, { ...a, contentMissing: undefined }]))).toEqual(
              new Map([...model].map(([k, a]) => [k, { ...a, contentMissing: undefined }]))
            )
          } finally {
            await store.close()
            dir.remove()
          }
        }
      ),
      { numRuns: Number(process.env.LECTERN_PROPERTY_RUNS ?? 60) }
    )
  }, 120_000)
})
