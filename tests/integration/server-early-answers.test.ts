import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type EarlyAnswers, type LecternCore } from '../../src/core/create-core'
import { LibraryStore } from '../../src/core/library/library-store'
import { startServer, type RunningServer } from '../../src/server/start-server'
import { START_QUERY, type LibraryPage } from '../../src/shared/types'
import { callCore } from '../support/call-core'
import { fixtureArticle } from '../support/library-fixtures'
import { tempDir } from '../support/temp-dir'

// `lectern serve` while a large library opens: the core is held back here (a promise resolved by the test)
// to stand for the seconds a 50,000-article library takes to read.

let dir: ReturnType<typeof tempDir>
let core: LecternCore
let early: EarlyAnswers | null
let server: RunningServer | null
let openCore: (core: LecternCore) => void

beforeEach(async () => {
  dir = tempDir()
  const dataDir = join(dir.path, 'data')
  const store = await LibraryStore.open(dataDir)
  for (let n = 0; n < 250; n++) {
    const article = fixtureArticle(n)
    mkdirSync(store.articleDir(article.id))
    void store.add(article)
  }
  await store.close() // leaves the start page
  early = null
  core = await createCore({ dataDir, onEarly: (answers) => (early = answers) })
  server = null
})
afterEach(async () => {
  openCore?.(core)
  await server?.close()
  await core.close()
  dir.remove()
})

async function serve(answers: EarlyAnswers | null): Promise<RunningServer> {
  const rendererDir = join(dir.path, 'renderer')
  mkdirSync(rendererDir, { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lectern</title>')
  const opening = new Promise<LecternCore>((resolve) => (openCore = resolve))
  server = await startServer({ core: opening, early: Promise.resolve(answers), rendererDir })
  return server
}

/** Calls a method; resolves with its Result. */
function call(running: RunningServer, name: string, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${running.origin}/api/${name}`,
      { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${running.token}` } },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve(JSON.parse(body)))
      }
    )
    req.on('error', reject)
    req.end(JSON.stringify(input))
  })
}

/** A call whose answer is noted when it comes, so a test can see it has not come yet. */
function pending(
  running: RunningServer,
  name: string,
  input: unknown
): { answered: () => boolean; answer: Promise<unknown> } {
  let answered = false
  const answer = call(running, name, input).finally(() => (answered = true))
  return { answered: () => answered, answer }
}

/** Opens the event stream; `seen()` is everything received so far. */
function events(running: RunningServer): Promise<{ seen: () => string }> {
  return new Promise((resolve, reject) => {
    let text = ''
    const req = request(
      `${running.origin}/api/events`,
      { headers: { authorization: `Bearer ${running.token}` } },
      (res) => {
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
          if (text.includes('connected')) resolve({ seen: () => text })
        })
      }
    )
    req.on('error', reject)
    req.end()
  })
}

describe('lectern serve while the library opens', () => {
  it('answers settings, the counts and the first page of the Inbox from the start page at once', async () => {
    expect(early?.start).not.toBeNull()
    const running = await serve(early)
    const page = (await call(running, 'queryArticles', START_QUERY)) as { ok: true; value: LibraryPage }
    expect(page.ok).toBe(true)
    expect(page.value).toEqual(await callCore(core, 'queryArticles', START_QUERY))
    expect(await call(running, 'libraryCounts', {})).toEqual({
      ok: true,
      value: await callCore(core, 'libraryCounts', {})
    })
    expect(await call(running, 'getSettings', {})).toMatchObject({ ok: true })
    // Anything else waits for the library: another page, another list, the status, every change. They are
    // sent first; an early answer asked after them comes back while they are still waiting.
    const waiting = [
      pending(running, 'queryArticles', { ...START_QUERY, offset: 200 }),
      pending(running, 'queryArticles', { ...START_QUERY, view: 'all' }),
      pending(running, 'getLibraryStatus', {}),
      pending(running, 'setFavorite', { id: fixtureArticle(1).id, favorite: true })
    ]
    await new Promise((resolve) => setImmediate(resolve))
    expect(await call(running, 'libraryCounts', {})).toMatchObject({ ok: true })
    expect(waiting.map((w) => w.answered())).toEqual([false, false, false, false])
    openCore(core)
    for (const w of waiting) expect(await w.answer).toMatchObject({ ok: true })
  })

  it('without a start page (after a crash) answers only settings early', async () => {
    const running = await serve(early && { ...early, start: null })
    const first = pending(running, 'queryArticles', START_QUERY)
    await new Promise((resolve) => setImmediate(resolve))
    expect(await call(running, 'getSettings', {})).toMatchObject({ ok: true })
    expect(first.answered()).toBe(false)
    openCore(core)
    expect(await first.answer).toEqual({ ok: true, value: await callCore(core, 'queryArticles', START_QUERY) })
  })

  it('checks its early answers once the library is open, and has pages refresh when they no longer hold', async () => {
    if (!early?.start) throw new Error('expected a start page')
    // A start page whose numbers differ from the library (a file rewritten with its size and time kept).
    const stale: EarlyAnswers = {
      ...early,
      start: { ...early.start, counts: { ...early.start.counts, inbox: early.start.counts.inbox + 1 } }
    }
    const running = await serve(stale)
    const stream = await events(running)
    expect(await call(running, 'libraryCounts', {})).toMatchObject({ ok: true })
    openCore(core)
    await expect.poll(() => stream.seen()).toContain('event: libraryChanged\ndata: {"ids":[]}')
    // A page whose event stream connects only now is told too.
    expect((await events(running)).seen()).toContain('event: libraryChanged')
  })

  it('sends no refresh when the early answers held', async () => {
    const running = await serve(early)
    const stream = await events(running)
    await call(running, 'queryArticles', START_QUERY)
    await call(running, 'libraryCounts', {})
    openCore(core)
    await call(running, 'getLibraryStatus', {})
    const later = await events(running)
    expect(stream.seen()).not.toContain('libraryChanged')
    expect(later.seen()).not.toContain('libraryChanged')
  })
})
