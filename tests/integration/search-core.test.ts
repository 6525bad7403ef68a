import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/index'
import { createCore, type LecternCore } from '../../src/core/create-core'
import { dispatch } from '../../src/core/dispatch'
import type { IndexProgress, SearchResult } from '../../src/shared/types'
import { articlePage, html, startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'

let site: FixtureSite
let dir: ReturnType<typeof tempDir>
let core: LecternCore | null = null

const PAGES: Record<string, string> = {
  '/search/zeppelin': articlePage(
    'Zeppelins Over the Harbour',
    '<p>The zeppelin quartermaster counted helium cylinders on the quay.</p>'
  ),
  '/search/tides': articlePage(
    'A Table of Tides',
    '<p>Spring tides and neap tides follow the moon; the quartermaster kept the table.</p>'
  ),
  '/search/tokyo': articlePage('東京の天気', '<p>東京の天気は晴れです。今日は富士山がよく見えます。</p>')
}

beforeAll(async () => {
  site = await startFixtureSite(Object.fromEntries(Object.entries(PAGES).map(([path, page]) => [path, html(page)])))
})
afterAll(() => site.close())
beforeEach(() => {
  dir = tempDir()
})
afterEach(async () => {
  await core?.close()
  core = null
  dir.remove()
})

async function open(): Promise<LecternCore> {
  core = await createCore({ dataDir: dir.path })
  return core
}

async function search(c: LecternCore, query: string): Promise<SearchResult> {
  const result = await dispatch(c.handlers, 'search', { query })
  if (!result.ok) throw new Error(result.error.message)
  return result.value as SearchResult
}

async function add(c: LecternCore, path: string): Promise<string> {
  const result = await dispatch(c.handlers, 'addUrl', { url: site.url(path) })
  if (!result.ok) throw new Error(result.error.message)
  return (result.value as { article: { id: string } }).article.id
}

describe('search through the core', () => {
  it('indexes added articles at once, follows changes and deletions', async () => {
    const c = await open()
    expect((await search(c, 'zeppelin')).hits).toEqual([])
    const zeppelin = await add(c, '/search/zeppelin')
    const tides = await add(c, '/search/tides')
    const tokyo = await add(c, '/search/tokyo')

    const hits = (await search(c, 'zeppelin ')).hits
    expect(hits.map((h) => h.id)).toEqual([zeppelin])
    expect(hits[0]).toMatchObject({
      title: 'Zeppelins Over the Harbour',
      siteName: 'Harbour Gazette',
      url: site.url('/search/zeppelin')
    })
    expect(hits[0]!.snippet.text).toContain('zeppelin quartermaster')
    const { text, highlights } = hits[0]!.snippet
    expect(highlights.map(([s, e]) => text.slice(s, e).toLowerCase())).toContain('zeppelin')

    // Title matches rank first: both mention the quartermaster, only one has tides in its title.
    expect((await search(c, 'quartermaster tides')).hits.map((h) => h.id)).toEqual([tides])
    expect((await search(c, '富士山')).hits.map((h) => h.id)).toEqual([tokyo])

    expect((await dispatch(c.handlers, 'setArchived', { id: tides, archived: true })).ok).toBe(true)
    expect((await search(c, 'quartermaster is:archived')).hits.map((h) => h.id)).toEqual([tides])
    expect((await search(c, 'quartermaster is:unread')).hits.map((h) => h.id)).toEqual([zeppelin])

    // The index follows the changes the library announces itself: no handler tells it.
    expect((await dispatch(c.handlers, 'addTags', { ids: [zeppelin], tags: ['airships'] })).ok).toBe(true)
    expect((await search(c, 'tag:airships')).hits.map((h) => h.id)).toEqual([zeppelin])

    expect((await dispatch(c.handlers, 'deleteArticle', { id: zeppelin })).ok).toBe(true)
    expect((await search(c, 'zeppelin')).hits).toEqual([])
    expect((await search(c, 'quartermaster')).total).toBe(1)
  })

  it('persists the index under index/, reloads it, and rebuilds it (with progress) when index/ is deleted', async () => {
    let c = await open()
    const id = await add(c, '/search/zeppelin')
    expect((await search(c, 'helium')).hits.map((h) => h.id)).toEqual([id])
    await c.close()
    expect(existsSync(join(dir.path, 'index', 'search.bin'))).toBe(true)

    c = await open()
    const phases: IndexProgress['phase'][] = []
    c.events.on('indexProgress', (p) => phases.push(p.phase))
    expect((await search(c, 'helium')).hits.map((h) => h.id)).toEqual([id])
    expect(phases).toEqual(['loading', 'ready'])
    await c.close()

    rmSync(join(dir.path, 'index'), { recursive: true })
    c = await open()
    phases.length = 0
    c.events.on('indexProgress', (p) => phases.push(p.phase))
    expect((await search(c, 'helium')).hits.map((h) => h.id)).toEqual([id])
    expect(phases).toContain('rebuilding')
    expect(phases.at(-1)).toBe('ready')
    // Nothing of the library was lost.
    expect((await dispatch(c.handlers, 'listArticles', {})).ok).toBe(true)
  })

  it('in a long-lived process, opens (here: rebuilds) the index in the background before anyone searches', async () => {
    let c = await open()
    await add(c, '/search/zeppelin')
    await c.close()
    rmSync(join(dir.path, 'index'), { recursive: true, force: true })
    core = c = await createCore({ dataDir: dir.path, openSearchAfterMs: 0 })
    const phases: IndexProgress['phase'][] = []
    await new Promise<void>((resolve) =>
      c.events.on('indexProgress', (p) => {
        phases.push(p.phase)
        if (p.phase === 'ready') resolve()
      })
    )
    expect(phases).toContain('rebuilding')
    // Not asked for by a search: by default (short commands) nothing opens the index.
    await c.close()
    rmSync(join(dir.path, 'index'), { recursive: true, force: true })
    core = c = await open()
    await new Promise((resolve) => setTimeout(resolve, 50))
    await c.close()
    expect(existsSync(join(dir.path, 'index'))).toBe(false)
  })

  it('answers invalid input with a Result, and keeps saved searches in the data dir', async () => {
    let c = await open()
    const invalid = await dispatch(c.handlers, 'search', {})
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const saved = await dispatch(c.handlers, 'saveSearch', { name: 'AI unread', query: 'tag:ai is:unread' })
    expect(saved).toMatchObject({ ok: true, value: { name: 'AI unread', query: 'tag:ai is:unread' } })
    const savedId = (saved as { value: { id: string } }).value.id
    const renamed = await dispatch(c.handlers, 'saveSearch', {
      id: savedId,
      name: 'AI to read',
      query: 'tag:ai is:unread'
    })
    expect(renamed).toMatchObject({ ok: true, value: { id: savedId, name: 'AI to read' } })
    await c.close()
    c = await open()
    expect(await dispatch(c.handlers, 'listSavedSearches', {})).toMatchObject({
      ok: true,
      value: [{ id: savedId, name: 'AI to read' }]
    })
    expect(await dispatch(c.handlers, 'deleteSavedSearch', { id: savedId })).toEqual({
      ok: true,
      value: { id: savedId }
    })
    expect(await dispatch(c.handlers, 'deleteSavedSearch', { id: savedId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
    expect(await dispatch(c.handlers, 'listSavedSearches', {})).toEqual({ ok: true, value: [] })
  })

  it('lectern search prints ranked hits with snippets, and --json the hits array', async () => {
    const c = await open()
    const id = await add(c, '/search/zeppelin')
    await add(c, '/search/tides')
    await c.close()
    core = null
    const run = async (...args: string[]) => {
      let stdout = ''
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
      try {
        return { code: await main([...args, '--data-dir', dir.path]), stdout }
      } finally {
        spy.mockRestore()
      }
    }
    const human = await run('search', 'helium')
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/Zeppelins Over the Harbour/)
    expect(human.stdout).toMatch(/helium/)
    const json = await run('search', 'quartermaster', '--json', '--limit', '1')
    const hits = JSON.parse(json.stdout) as {
      id: string
      title: string
      url: string
      score: number
      snippet: { text: string }
    }[]
    expect(hits).toHaveLength(1)
    expect(Object.keys(hits[0]!)).toEqual(expect.arrayContaining(['id', 'title', 'url', 'score', 'snippet']))
    expect(hits[0]!.snippet.text).toMatch(/quartermaster/)
    expect((await run('search', 'helium', '--json')).stdout).toContain(id)
    expect((await run('search')).code).toBe(2)
  })
})
