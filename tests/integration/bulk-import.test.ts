import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type LecternCore } from '../../src/core/create-core'
import { dispatch } from '../../src/core/dispatch'
import { DEFAULT_IMPORT_LIMITS } from '../../src/core/import/import-limits'
import type { ImportProgress } from '../../src/shared/types'
import { startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'

let site: FixtureSite
let dir: ReturnType<typeof tempDir>
let core: LecternCore

beforeAll(async () => {
  site = await startFixtureSite()
})
afterAll(() => site.close())
beforeEach(async () => {
  dir = tempDir()
  core = await createCore({
    dataDir: dir.path,
    importLimits: { ...DEFAULT_IMPORT_LIMITS, page: { ...DEFAULT_IMPORT_LIMITS.page, timeoutMs: 5000 } }
  })
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

/** Starts a bulk import and collects every progress snapshot until the batch finishes. */
async function bulk(urls: string[], onEach?: (p: ImportProgress) => void): Promise<ImportProgress[]> {
  const seen: ImportProgress[] = []
  const finished = new Promise<void>((resolve) => {
    core.events.on('importProgress', (p) => {
      seen.push(p)
      onEach?.(p)
      if (p.finished) resolve()
    })
  })
  const started = await dispatch(core.handlers, 'addUrls', { urls })
  if (!started.ok) throw new Error(started.error.message)
  await finished
  return seen
}

describe('bulk import', () => {
  it('saves every good address, reports each failure with its reason, and never stops at one', async () => {
    const progress = await bulk([
      site.url('/articles/lighthouse'),
      site.url('/missing'),
      'not a url',
      site.url('/articles/second'),
      site.url('/not-an-article'),
      site.url('/articles/lighthouse?utm_source=mail'), // the same article as the first: dropped from the batch
      site.url('/articles/third')
    ])
    const last = progress.at(-1) as ImportProgress
    expect(last).toMatchObject({ total: 6, done: 6, saved: 3, existing: 0, failed: 3, cancelled: 0, finished: true })
    const byUrl = Object.fromEntries(last.items.map((i) => [i.url, i]))
    expect(byUrl[site.url('/missing')]?.error?.code).toBe('HTTP_404')
    expect(byUrl['not a url']?.error?.code).toBe('INVALID_URL')
    expect(byUrl[site.url('/not-an-article')]?.error).toMatchObject({
      code: 'NOT_AN_ARTICLE',
      message: expect.stringMatching(/No article/)
    })
    expect(byUrl[site.url('/articles/third')]).toMatchObject({ status: 'saved', title: 'Third Tide Table' })

    // Progress only moves forward, one step at a time.
    const dones = progress.map((p) => p.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
    expect(readdirSync(join(dir.path, 'articles'))).toHaveLength(3)
  })

  it('says which addresses were already in the library', async () => {
    await bulk([site.url('/articles/lighthouse')])
    const last = (await bulk([site.url('/articles/lighthouse'), site.url('/moved')])).at(-1) as ImportProgress
    expect(last).toMatchObject({ saved: 1, existing: 1, failed: 0 })
  })

  it('can be cancelled: queued and in-flight addresses stop, what was saved stays', async () => {
    const urls = [site.url('/articles/lighthouse'), ...Array.from({ length: 12 }, (_, i) => site.url(`/slow?n=${i}`))]
    let cancelled = false
    const progress = await bulk(urls, (p) => {
      if (!cancelled && p.saved === 1) {
        cancelled = true
        void dispatch(core.handlers, 'cancelImport', { batchId: p.batchId })
      }
    })
    const last = progress.at(-1) as ImportProgress
    expect(last).toMatchObject({ total: 13, done: 13, saved: 1, failed: 0, cancelled: 12, finished: true })
    expect(readdirSync(join(dir.path, 'articles'))).toHaveLength(1)
  })

  it('rejects an empty list', async () => {
    expect(await dispatch(core.handlers, 'addUrls', { urls: [] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
  })
})
