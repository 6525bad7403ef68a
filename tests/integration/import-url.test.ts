import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type LecternCore } from '../../src/core/create-core'
import { dispatch } from '../../src/core/dispatch'
import { DEFAULT_IMPORT_LIMITS } from '../../src/core/import/import-limits'
import type { AddUrlResult } from '../../src/shared/types'
import { startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'

let site: FixtureSite
let dir: ReturnType<typeof tempDir>
let core: LecternCore

const limits = { ...DEFAULT_IMPORT_LIMITS, page: { ...DEFAULT_IMPORT_LIMITS.page, timeoutMs: 800 } }

beforeAll(async () => {
  site = await startFixtureSite()
})
afterAll(() => site.close())
beforeEach(async () => {
  dir = tempDir()
  core = await createCore({ dataDir: dir.path, importLimits: limits })
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

const add = (url: string) => dispatch(core.handlers, 'addUrl', { url })
const snapshot = () => ({
  library: readFileSync(join(dir.path, 'library.json'), 'utf8'),
  folders: readdirSync(join(dir.path, 'articles')).sort()
})

describe('saving a URL', () => {
  it('stores the article text, its images and the source page on disk, and lists it', async () => {
    const result = await add(site.url('/articles/lighthouse'))
    expect(result.ok).toBe(true)
    const { article } = (result as { value: AddUrlResult }).value
    expect(article.title).toBe('The Last Lighthouse Keeper')
    expect(article.siteName).toBe('Harbour Gazette')
    expect(article.readingMinutes).toBeGreaterThanOrEqual(1)

    const folder = join(dir.path, 'articles', article.id)
    const html = readFileSync(join(folder, 'content.html'), 'utf8')
    const images = [...html.matchAll(/src="(assets\/[a-f0-9]{64}\.png)"/g)].map((m) => m[1] as string)
    expect(images).toHaveLength(2)
    for (const image of images) expect(existsSync(join(folder, image))).toBe(true)
    expect(html).not.toMatch(/src="https?:/) // no image left pointing at the network
    expect(article.leadImage).toMatch(/^assets\/[a-f0-9]{64}\.png$/)
    expect(existsSync(join(folder, 'source.html.gz'))).toBe(true)
    expect(readFileSync(join(folder, 'content.txt'), 'utf8')).toContain('one hundred and twelve steps')

    const list = await dispatch(core.handlers, 'listArticles', {})
    expect(list.ok && (list.value as Array<{ id: string }>).map((a) => a.id)).toEqual([article.id])
  })

  it('reads an article, images included, after its site has gone away', async () => {
    const ownSite = await startFixtureSite()
    const saved = await add(ownSite.url('/articles/third'))
    await ownSite.close()
    const id = saved.ok ? (saved.value as AddUrlResult).article.id : ''
    const read = await dispatch(core.handlers, 'getArticle', { id })
    const html = read.ok ? (read.value as { html: string }).html : ''
    expect(html).toContain('Years later, historians')
    const images = [...html.matchAll(/src="(assets\/[^"]+)"/g)].map((m) => m[1] as string)
    expect(images.length).toBe(2)
    for (const image of images)
      expect(
        readFileSync(join(dir.path, 'articles', id, image))
          .subarray(1, 4)
          .toString()
      ).toBe('PNG')
  })

  it('recognises the same article saved again with tracking parameters', async () => {
    const first = await add(site.url('/articles/second'))
    const again = await add(site.url('/articles/second?utm_source=newsletter&utm_campaign=x#comments'))
    const viaRedirect = await add(site.url('/moved'))
    expect(first.ok && again.ok && viaRedirect.ok).toBe(true)
    const id = (first as { value: AddUrlResult }).value.article.id
    expect((again as { value: AddUrlResult }).value).toMatchObject({ existed: true, article: { id } })
    expect((viaRedirect as { value: AddUrlResult }).value).toMatchObject({ existed: true, article: { id } })
    expect(readdirSync(join(dir.path, 'articles'))).toHaveLength(1)
  })
})

describe('a failed import leaves the library as it was and says why', () => {
  const failures: Array<[string, string | ((s: FixtureSite) => string), RegExp]> = [
    ['INVALID_URL', 'not a web address', /not a web address/],
    ['UNSUPPORTED_SCHEME', 'ftp://example.com/file', /http and https/],
    ['HTTP_404', (s) => s.url('/missing'), /does not exist/],
    ['NOT_AN_ARTICLE', (s) => s.url('/not-an-article'), /No article was found/],
    ['UNSUPPORTED_TYPE', (s) => s.url('/document.pdf'), /PDF/],
    ['TIMEOUT', (s) => s.url('/slow'), /did not send the page/],
    ['CONNECTION_FAILED', 'http://127.0.0.1:9/nothing-listens-here', /refused the connection|Could not connect/]
  ]

  for (const [code, target, message] of failures) {
    it(code, async () => {
      await add(site.url('/articles/lighthouse'))
      const before = snapshot()
      const result = await add(typeof target === 'string' ? target : target(site))
      expect(result).toMatchObject({ ok: false, error: { code } })
      expect(!result.ok && result.error.message).toMatch(message)
      expect(snapshot()).toEqual(before)
    })
  }
})

describe('library actions', () => {
  it('archives, favorites and deletes (with the article folder)', async () => {
    const saved = await add(site.url('/articles/lighthouse'))
    const id = (saved as { value: AddUrlResult }).value.article.id
    await dispatch(core.handlers, 'setArchived', { id, archived: true })
    await dispatch(core.handlers, 'setFavorite', { id, favorite: true })
    const ids = async (view: string) => {
      const r = await dispatch(core.handlers, 'listArticles', { view })
      return r.ok ? (r.value as Array<{ id: string }>).map((a) => a.id) : r
    }
    expect(await ids('inbox')).toEqual([])
    expect(await ids('archive')).toEqual([id])
    expect(await ids('favorites')).toEqual([id])
    await dispatch(core.handlers, 'setArchived', { id, archived: false })
    expect(await ids('inbox')).toEqual([id])

    expect(await dispatch(core.handlers, 'deleteArticle', { id })).toEqual({ ok: true, value: { id } })
    expect(await ids('all')).toEqual([])
    expect(existsSync(join(dir.path, 'articles', id))).toBe(false)
    expect(await dispatch(core.handlers, 'getArticle', { id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
  })

  it('keeps the library across a restart', async () => {
    const saved = await add(site.url('/articles/lighthouse'))
    const id = (saved as { value: AddUrlResult }).value.article.id
    await core.close()
    core = await createCore({ dataDir: dir.path })
    const read = await dispatch(core.handlers, 'getArticle', { id })
    expect(read).toMatchObject({ ok: true, value: { meta: { id, title: 'The Last Lighthouse Keeper' } } })
  })

  it('lets one process at a time open a data dir', async () => {
    // Same process: the lock file names our own pid, so it is taken over; a live other pid is refused.
    const { writeFileSync } = await import('node:fs')
    await core.close()
    writeFileSync(join(dir.path, 'lectern.lock'), String(process.ppid))
    await expect(createCore({ dataDir: dir.path })).rejects.toMatchObject({ code: 'LIBRARY_IN_USE' })
    writeFileSync(join(dir.path, 'lectern.lock'), '999999999')
    core = await createCore({ dataDir: dir.path }) // stale lock: taken over
  })
})
