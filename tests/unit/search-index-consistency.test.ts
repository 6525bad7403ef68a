import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadIndex } from '../../src/core/search/index-file'
import { InvertedIndex } from '../../src/core/search/inverted-index'
import { parseQuery } from '../../src/core/search/parse-query'
import { runQuery } from '../../src/core/search/run-query'
import { docInfo } from '../../src/core/search/search-doc'
import { SearchService, type SearchSource } from '../../src/core/search/search-service'
import {
  buildPairFilter,
  mayContainPair,
  PairFilterStore,
  pairProbe,
  termHash
} from '../../src/core/search/pair-filter'
import { textPieces } from '../../src/shared/segment-words'
import type { ArticleMeta, SearchResult } from '../../src/shared/types'
import { articleMeta } from '../support/article-meta'
import { tempDir } from '../support/temp-dir'

/*
 * The index is changed in place after loading (new postings go to per-term tails, retired articles are
 * skipped, saving compacts). Whatever path it took, it must answer exactly as an index built from scratch
 * over the same library.
 */

const WORDS =
  'amber basin cedar delta ember fjord glacier harbour island jetty kelp lagoon meadow nectar orchard pebble quarry reef summit tundra umber valley willow yarrow zephyr café'.split(
    ' '
  )

/** Small deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function article(i: number, version = 0): [ArticleMeta, string] {
  const r = prng(i * 31 + version * 7919 + 1)
  const pick = () => WORDS[Math.floor(Math.pow(r(), 1.6) * WORDS.length)]!
  const text = Array.from({ length: 20 + Math.floor(r() * 60) }, pick).join(' ')
  const meta = articleMeta({
    id: `a${i}`,
    url: `https://${['example.com', 'news.example.org', 'blog.test'][i % 3]}/${i}`,
    title: `${pick()} ${pick()}`,
    byline: i % 4 === 0 ? 'Ana Lima' : null,
    tags: i % 5 === 0 ? ['Travel'] : [],
    lang: 'en',
    state: r() < 0.3 ? 'archived' : 'unread',
    favorite: r() < 0.2,
    wordCount: text.split(' ').length,
    savedAt: new Date(Date.UTC(2025, 0, 1 + i, version)).toISOString()
  })
  return [meta, text]
}

function library(entries: [ArticleMeta, string][]) {
  const metas = new Map(entries.map(([m]) => [m.id, m]))
  const texts = new Map(entries.map(([m, t]) => [m.id, t]))
  const source: SearchSource = {
    all: () => [...metas.values()],
    find: (id) => metas.get(id),
    readTextBytes: (id) => Buffer.from(texts.get(id) ?? '')
  }
  const set = ([m, t]: [ArticleMeta, string]) => {
    metas.set(m.id, m)
    texts.set(m.id, t)
  }
  return { metas, source, set }
}

const QUERIES = [
  'harbour',
  'amber cedar',
  'gla',
  '"delta ember"',
  '-kelp reef',
  'summit tag:travel',
  'island site:example.org',
  'author:lima valley',
  'is:archived',
  'is:favorite meadow',
  'cafe',
  'sort:saved willow',
  'glacer'
]

/**
 * Until it is compacted, a changed index counts retired versions in its term statistics (an
 * approximation BM25 tolerates: scores shift slightly), so it is compared on what matches, not on order.
 */
const matches = (r: SearchResult) => ({ ids: r.hits.map((h) => h.id).sort(), total: r.total })

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir('lectern-search-consistency-')
})
afterEach(() => dir.remove())

describe('search index consistency', () => {
  it('answers the same after save, load, adds, edits and deletes as an index built from scratch', async () => {
    const lib = library(Array.from({ length: 80 }, (_, i) => article(i)))
    const first = new SearchService({ indexDir: join(dir.path, 'changed'), source: lib.source })
    await first.open()
    await first.close()

    // Loaded from disk, then changed: edits, deletes and new articles, reported as the library would.
    const changed = new SearchService({
      indexDir: join(dir.path, 'changed'),
      source: lib.source,
      saveDelayMs: 3_600_000
    })
    await changed.open()
    const ids: string[] = []
    for (let i = 0; i < 80; i += 7) {
      lib.set(article(i, 1))
      ids.push(`a${i}`)
    }
    for (let i = 3; i < 80; i += 11) {
      lib.metas.delete(`a${i}`)
      ids.push(`a${i}`)
    }
    for (let i = 80; i < 95; i++) {
      lib.set(article(i))
      ids.push(`a${i}`)
    }
    changed.changed(ids)
    await changed.whenIdle()

    const fresh = new SearchService({ indexDir: join(dir.path, 'fresh'), source: lib.source })
    for (const query of QUERIES)
      expect(matches(await changed.search({ query, limit: 200 })), query).toEqual(
        matches(await fresh.search({ query, limit: 200 }))
      )
    // Saved (retired numbers and all), changed again, saved and loaded again: still the same.
    await changed.flush()
    const again = [0, 14, 81].map((i) => `a${i}`)
    for (const id of again) lib.set(article(Number(id.slice(1)), 2))
    lib.metas.delete('a7')
    changed.changed([...again, 'a7'])
    fresh.changed([...again, 'a7'])
    await changed.whenIdle()
    for (const query of QUERIES)
      expect(matches(await changed.search({ query, limit: 200 })), query).toEqual(
        matches(await fresh.search({ query, limit: 200 }))
      )
    await fresh.close()
    const rebuilt = new SearchService({ indexDir: join(dir.path, 'rebuilt'), source: lib.source })
    await changed.close()
    const reloaded = new SearchService({ indexDir: join(dir.path, 'changed'), source: lib.source })
    for (const query of QUERIES)
      expect(matches(await reloaded.search({ query, limit: 200 })), query).toEqual(
        matches(await rebuilt.search({ query, limit: 200 }))
      )
    expect(reloaded.size).toBe(lib.metas.size)
    await Promise.all([rebuilt.close(), reloaded.close()])
  })
})

describe('saving', () => {
  it('answers searches and takes changes while the file is written, and the file stays whole', async () => {
    const lib = library(Array.from({ length: 80 }, (_, i) => article(i)))
    const indexDir = join(dir.path, 'index')
    const search = new SearchService({ indexDir, source: lib.source, saveDelayMs: 3_600_000 })
    await search.open()
    await search.flush() // the save after the first build is done
    let written = false
    const saving = search.flush().then(() => (written = true))
    await new Promise((resolve) => setImmediate(resolve)) // it has taken its snapshot and is writing
    // While it writes: edits and deletes come in, and a search is answered without waiting for the file.
    const ids = ['a1', 'a2', 'a3', 'a40'].map((id) => (lib.set(article(Number(id.slice(1)), 4)), id))
    lib.metas.delete('a50')
    search.changed([...ids, 'a50'])
    expect((await search.search({ query: 'harbour' })).hits.length).toBeGreaterThan(0)
    expect(written).toBe(false)
    await saving
    // The file written meanwhile is whole: it loads, with the articles as they were when the save began.
    const written80 = await loadIndex(indexDir)
    expect(written80?.live).toBe(80)
    expect(written80?.docs.byId.has('a50')).toBe(true)
    await search.close()
    // Whatever the file holds, it loads, and the index catches up with the library from it.
    const reloaded = new SearchService({ indexDir, source: lib.source })
    const fresh = new SearchService({ indexDir: join(dir.path, 'fresh'), source: lib.source })
    for (const query of QUERIES)
      expect(matches(await reloaded.search({ query, limit: 200 })), query).toEqual(
        matches(await fresh.search({ query, limit: 200 }))
      )
    await Promise.all([reloaded.close(), fresh.close()])
  })
})

describe('compaction', () => {
  it('renumbers articles densely and then ranks exactly like an index built from scratch', () => {
    const lib = library(Array.from({ length: 60 }, (_, i) => article(i)))
    const changed = new InvertedIndex()
    for (const meta of lib.metas.values()) changed.add(docInfo(meta), lib.source.readTextBytes(meta.id).toString())
    for (let i = 0; i < 60; i += 4) {
      lib.set(article(i, 1))
      changed.add(docInfo(lib.metas.get(`a${i}`)!), lib.source.readTextBytes(`a${i}`).toString())
    }
    for (let i = 1; i < 60; i += 9) {
      lib.metas.delete(`a${i}`)
      changed.remove(`a${i}`)
    }
    changed.compact()
    expect(changed.retired).toBe(0)
    // Fresh, in the order the compacted index now has its articles (ties are broken by article number).
    const fresh = new InvertedIndex()
    for (const id of changed.docs.ids) fresh.add(docInfo(lib.metas.get(id!)!), lib.source.readTextBytes(id!).toString())
    const reader = {
      title: (id: string) => lib.metas.get(id)!.title,
      text: (id: string) => lib.source.readTextBytes(id).toString()
    }
    const page = { limit: 100, offset: 0 }
    for (const query of QUERIES) {
      const run = (index: InvertedIndex) => {
        const { docs, total } = runQuery(index, parseQuery(query), page, reader)
        return { docs, total }
      }
      expect(run(changed), query).toEqual(run(fresh))
    }
    // Still updatable after compaction: the renumbered articles are found by id.
    changed.remove('a2')
    lib.metas.delete('a2')
    const everything = ['is:unread', 'is:archived'].flatMap((q) =>
      runQuery(changed, parseQuery(q), page, reader).docs.map((d) => d.id)
    )
    expect(everything.sort()).toEqual([...lib.metas.keys()].sort())
  })
})

describe('word-pair filter', () => {
  it('never rules out a pair the text has, and rules out nearly all it lacks', () => {
    const r = prng(5)
    const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`)
    const words = Array.from({ length: 900 }, () => vocabulary[Math.floor(r() * vocabulary.length)]!)
    const hashes = Uint32Array.from(words, termHash)
    const filter = buildPairFilter(hashes, hashes.length)
    const present = new Set<string>()
    for (let i = 1; i < words.length; i++) {
      present.add(`${words[i - 1]} ${words[i]}`)
      expect(mayContainPair(filter, pairProbe(words[i - 1]!, words[i]!)!)).toBe(true)
    }
    let wrong = 0
    let tried = 0
    for (let i = 0; i < 5000; i++) {
      const a = vocabulary[Math.floor(r() * vocabulary.length)]!
      const b = vocabulary[Math.floor(r() * vocabulary.length)]!
      if (present.has(`${a} ${b}`)) continue
      tried++
      if (mayContainPair(filter, pairProbe(a, b)!)) wrong++
    }
    expect(wrong / tried).toBeLessThan(0.05)
    // A 0 in the sequence (an unindexed term) breaks it: no pair across it.
    const broken = buildPairFilter(Uint32Array.from([termHash('cold'), 0, termHash('war')]), 3)
    expect(broken.length).toBe(0)
  })

  it('checks many articles at once exactly as it checks one (short filters, long ones, loaded, added, skipped)', () => {
    const r = prng(9)
    const vocabulary = Array.from({ length: 400 }, (_, i) => `v${i.toString(36)}`)
    const filters: Uint8Array[] = []
    for (let doc = 0; doc < 300; doc++) {
      // From no words (an empty filter) through a few (one partial block) to many (whole blocks).
      const length = doc % 3 === 0 ? Math.floor(r() * 6) : Math.floor(r() * 400)
      const words = Array.from({ length }, () => vocabulary[Math.floor(r() * vocabulary.length)]!)
      filters.push(buildPairFilter(Uint32Array.from(words, termHash), words.length))
    }
    // The first 200 as loaded from a saved index (one byte array), the others added since.
    const loaded = filters.slice(0, 200)
    const bytes = new Uint8Array(loaded.reduce((n, f) => n + f.length, 0))
    loaded.reduce((offset, f) => (bytes.set(f, offset), offset + f.length), 0)
    const store = PairFilterStore.restore(
      bytes,
      Uint32Array.from(loaded, (f) => f.length)
    )
    for (let doc = 200; doc < 300; doc++) store.set(doc, filters[doc]!)
    const docs = Int32Array.from({ length: 300 }, (_, i) => i)
    const skip = Uint8Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? 1 : 0))
    for (let q = 0; q < 200; q++) {
      const probes = Array.from({ length: 1 + (q % 2) }, () =>
        pairProbe(vocabulary[Math.floor(r() * 40)]!, vocabulary[Math.floor(r() * 40)]!)!
      )
      const out = new Int32Array(300)
      const kept = [...out.subarray(0, store.keepPossible(docs, skip, probes, out))]
      const expected = [...docs].filter(
        (doc) => skip[doc] === 0 && probes.every((p) => mayContainPair(filters[doc]!, p))
      )
      expect(kept).toEqual(expected)
    }
  })
})

describe('long articles indexed in pieces', () => {
  it('rank and match phrases exactly as when the whole text is indexed at once', () => {
    // Long texts, ASCII and not (café), so both tokenizer paths meet piece boundaries mid-article.
    const entries = Array.from({ length: 12 }, (_, i): [ArticleMeta, string] => {
      const [meta, text] = article(i)
      return [meta, Array.from({ length: 400 }, (_, k) => `${text} ${WORDS[k % WORDS.length]}`).join('. ')]
    })
    const lib = library(entries)
    const whole = new InvertedIndex()
    const pieces = new InvertedIndex()
    for (const [meta, text] of entries) {
      whole.add(docInfo(meta), text)
      pieces.startBody()
      for (const { piece } of textPieces(text, 700)) pieces.addBodyPiece(piece)
      pieces.finishAdd(docInfo(meta))
    }
    const reader = {
      title: (id: string) => lib.metas.get(id)!.title,
      text: (id: string) => lib.source.readTextBytes(id).toString()
    }
    for (const query of [...QUERIES, '"ember fjord"', '"cafe harbour"']) {
      const run = (index: InvertedIndex) => runQuery(index, parseQuery(query), { limit: 100, offset: 0 }, reader)
      expect(run(pieces), query).toEqual(run(whole))
    }
  })
})
