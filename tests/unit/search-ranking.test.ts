import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SearchService, type SearchSource } from '../../src/core/search/search-service'
import { loadIndex } from '../../src/core/search/index-file'
import type { ArticleMeta, SearchResult } from '../../src/shared/types'
import { articleMeta } from '../support/article-meta'
import { tempDir } from '../support/temp-dir'

let n = 0
function meta(id: string, title: string, extra: Partial<ArticleMeta> = {}): ArticleMeta {
  n++
  return articleMeta({
    id,
    url: `https://example.com/${id}`,
    title,
    wordCount: 100,
    readingMinutes: 1,
    savedAt: new Date(Date.UTC(2026, 0, n)).toISOString(),
    ...extra
  })
}

/** An in-memory library: what the index reads, nothing else. */
function library(entries: [ArticleMeta, string][]) {
  const metas = new Map(entries.map(([m]) => [m.id, m]))
  const texts = new Map(entries.map(([m, t]) => [m.id, t]))
  const source: SearchSource = {
    all: () => [...metas.values()],
    find: (id) => metas.get(id),
    readTextBytes: (id) => Buffer.from(texts.get(id) ?? '')
  }
  return { metas, texts, source }
}

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir('lectern-search-')
})
afterEach(() => dir.remove())

const ids = (r: SearchResult) => r.hits.map((h) => h.id)

describe('search ranking', () => {
  it('ranks a title match above body matches, and BM25 above a passing mention', async () => {
    const lib = library([
      [
        meta('body-many', 'Notes from the coast'),
        'The harbour. The harbour again. A harbour wall, a harbour light, harbour boats.'
      ],
      [meta('title', 'The Harbour'), 'Boats come and go every morning with the tide.'],
      [
        meta('body-once', 'Weather'),
        'Rain, wind and a long walk past the harbour to the cliffs and back through the fields of barley and wheat.'
      ]
    ])
    const search = new SearchService({ indexDir: join(dir.path, 'index'), source: lib.source })
    const result = await search.search({ query: 'harbour ' })
    expect(ids(result)).toEqual(['title', 'body-many', 'body-once'])
    expect(result.hits[0]!.titleHighlights).toEqual([[4, 11]])
    expect(result.sort).toBe('relevance')
    await search.close()
  })

  it('matches prefixes while typing, tolerates one typo in longer words, and folds accents', async () => {
    const lib = library([
      [meta('a', 'Lighthouses of the north'), 'Keepers lived on remote rocks.'],
      [meta('b', 'Crème brûlée'), 'La crème doit être prise avant de caraméliser le sucre.']
    ])
    const search = new SearchService({ indexDir: join(dir.path, 'index'), source: lib.source })
    expect(ids(await search.search({ query: 'lightho' }))).toEqual(['a'])
    expect(ids(await search.search({ query: 'lightho ' }))).toEqual([]) // a finished word is not a prefix
    expect(ids(await search.search({ query: 'keepres ' }))).toEqual(['a']) // transposition
    expect(ids(await search.search({ query: 'kepers ' }))).toEqual(['a']) // deletion
    expect(ids(await search.search({ query: 'rcks ' }))).toEqual([]) // too short for typo tolerance
    const accent = await search.search({ query: 'creme caramelise' })
    expect(ids(accent)).toEqual(['b'])
    const { text, highlights } = accent.hits[0]!.snippet
    expect(highlights.map(([s, e]) => text.slice(s, e))).toEqual(['crème', 'caraméliser'])
    expect(accent.hits[0]!.titleHighlights).toEqual([[0, 5]])
    await search.close()
  })

  it('applies phrases, exclusions and every filter', async () => {
    const lib = library([
      [
        meta('x', 'Red sky at night', {
          tags: ['Weather'],
          byline: 'Ada Marsh',
          state: 'archived',
          favorite: true,
          lang: 'en-GB',
          publishedAt: '2025-05-01T00:00:00Z',
          savedAt: '2025-06-01T00:00:00Z'
        }),
        'Red sky at night, shepherd’s delight.'
      ],
      [
        meta('y', 'Sky and sea', { url: 'https://news.other.org/sky', tags: ['sea'], byline: 'Tom Okafor' }),
        'The night sky was red over the sea.'
      ],
      [meta('z', '天空', { lang: 'zh' }), '夜晚的天空是红色的。']
    ])
    const search = new SearchService({ indexDir: join(dir.path, 'index'), source: lib.source })
    const q = async (query: string) => ids(await search.search({ query }))
    expect(await q('"red sky" ')).toEqual(['x'])
    expect((await q('red sky ')).sort()).toEqual(['x', 'y'])
    expect(await q('sky -shepherd ')).toEqual(['y'])
    expect(await q('sky -"night sky" ')).toEqual(['x'])
    expect(await q('sky tag:weather')).toEqual(['x'])
    expect(await q('sky -tag:weather')).toEqual(['y'])
    expect(await q('sky site:other.org')).toEqual(['y'])
    expect(await q('sky site:news.other.org')).toEqual(['y'])
    expect(await q('sky author:marsh')).toEqual(['x'])
    expect(await q('sky is:archived')).toEqual(['x'])
    expect((await q('is:unread')).sort()).toEqual(['y', 'z'])
    expect(await q('is:favorite')).toEqual(['x'])
    expect((await q('lang:en')).sort()).toEqual(['x', 'y'])
    expect(await q('lang:en-gb')).toEqual(['x'])
    expect(await q('lang:zh')).toEqual(['z'])
    expect(await q('sky saved:<2025-07-01')).toEqual(['x'])
    expect(await q('sky published:2025')).toEqual(['x'])
    expect(await q('天空')).toEqual(['z'])
    const sorted = await search.search({ query: 'sky sort:saved' })
    expect(sorted.sort).toBe('saved')
    expect(ids(sorted)).toEqual(['y', 'x'])
    expect(await q('unknown:operator sky')).toEqual(expect.arrayContaining(['x', 'y']))
    await search.close()
  })

  it('finds a phrase in articles ranked below hundreds that only have its words apart, and counts it', async () => {
    // 260 articles rich in both words (ranked first) but never side by side; 3 with the phrase once.
    const decoys = Array.from({ length: 260 }, (_, i): [ArticleMeta, string] => [
      meta(`d${i}`, `York notes ${i}`),
      'York is old. New roads and new walls. York stone again, York.'
    ])
    const real = ['p1', 'p2', 'p3'].map((id): [ArticleMeta, string] => [
      meta(id, `Travel ${id}`),
      `We flew to New York in spring, then drove north through quiet towns and long valleys.`
    ])
    const search = new SearchService({
      indexDir: join(dir.path, 'index'),
      source: library([...decoys, ...real]).source
    })
    const rare = await search.search({ query: '"new york"' })
    expect(ids(rare).sort()).toEqual(['p1', 'p2', 'p3'])
    expect(rare.total).toBe(3)
    expect(rare.totalIsEstimate).toBe(false)
    // A phrase most candidates have fills the page from the best ones; the total is then an estimate.
    const common = await search.search({ query: '"new roads"', limit: 10 })
    expect(common.hits).toHaveLength(10)
    expect(common.totalIsEstimate).toBe(true)
    expect(common.total).toBeGreaterThanOrEqual(250)
    await search.close()
  })

  it('pages results and reports the total', async () => {
    const lib = library(
      Array.from(
        { length: 30 },
        (_, i) => [meta(`p${i}`, `Post ${i}`), `common word and number ${i}`] as [ArticleMeta, string]
      )
    )
    const search = new SearchService({ indexDir: join(dir.path, 'index'), source: lib.source })
    const first = await search.search({ query: 'common ', limit: 10 })
    const second = await search.search({ query: 'common ', limit: 10, offset: 10 })
    expect(first.total).toBe(30)
    expect(first.hits).toHaveLength(10)
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(20)
    expect((await search.search({ query: '' })).hits).toEqual([])
    await search.close()
  })

  it('follows changes, saves to index/, reloads, and rebuilds when the file is gone or damaged', async () => {
    const lib = library([[meta('a', 'Alpha'), 'first text about gliders']])
    const progress: string[] = []
    let search = new SearchService({
      indexDir: join(dir.path, 'index'),
      source: lib.source,
      onProgress: (p) => progress.push(p.phase)
    })
    expect(ids(await search.search({ query: 'gliders ' }))).toEqual(['a'])
    expect(progress).toContain('rebuilding')
    lib.metas.set('b', meta('b', 'Beta'))
    lib.texts.set('b', 'second text about gliders and kites')
    search.changed(['b'])
    expect(ids(await search.search({ query: 'kites ' }))).toEqual(['b'])
    lib.texts.set('a', 'first text about balloons')
    lib.metas.get('a')!.wordCount = 4
    search.changed(['a'])
    expect(ids(await search.search({ query: 'gliders ' }))).toEqual(['b'])
    lib.metas.delete('b')
    search.changed(['b'])
    expect(ids(await search.search({ query: 'kites ' }))).toEqual([])
    await search.close()

    const saved = await loadIndex(join(dir.path, 'index'))
    expect(saved?.live).toBe(1)
    progress.length = 0
    search = new SearchService({
      indexDir: join(dir.path, 'index'),
      source: lib.source,
      onProgress: (p) => progress.push(p.phase)
    })
    expect(ids(await search.search({ query: 'balloons ' }))).toEqual(['a'])
    expect(progress).not.toContain('rebuilding')
    await search.close()

    rmSync(join(dir.path, 'index'), { recursive: true })
    search = new SearchService({
      indexDir: join(dir.path, 'index'),
      source: lib.source,
      onProgress: (p) => progress.push(p.phase)
    })
    expect(ids(await search.search({ query: 'balloons ' }))).toEqual(['a'])
    expect(progress).toContain('rebuilding')
    await search.close()
  })
})
