import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type LecternCore } from '../../src/core/create-core'
import { dispatch } from '../../src/core/dispatch'
import type { ImportLimits } from '../../src/core/import/import-limits'
import type { AddUrlResult } from '../../src/shared/types'
import { startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { ENCODED_PAGES, hostileRoutes } from '../support/hostile-site'
import { tempDir } from '../support/temp-dir'

// The real web, in miniature: legacy encodings, lazy images, redirect chains and loops, a gzip bomb, a
// slow drip, a 50 MB page, non-HTML responses. Limits are shrunk so each case is quick.
const limits: ImportLimits = {
  page: { timeoutMs: 1500, maxBytes: 5_000_000, maxRedirects: 5 },
  images: { timeoutMs: 1500, maxBytes: 1_000_000, maxRedirects: 5, maxImages: 20, concurrency: 4 }
}

let site: FixtureSite
let dir: ReturnType<typeof tempDir>
let core: LecternCore

beforeAll(async () => {
  site = await startFixtureSite(hostileRoutes())
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

const add = (path: string) => dispatch(core.handlers, 'addUrl', { url: site.url(path) })
const saved = async (path: string) => {
  const result = await add(path)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as AddUrlResult
}
const snapshot = () => ({
  library: readFileSync(join(dir.path, 'library.json'), 'utf8'),
  folders: readdirSync(join(dir.path, 'articles')).sort()
})

describe('legacy encodings declared only in <meta charset>', () => {
  for (const [path, entry] of Object.entries(ENCODED_PAGES)) {
    it(`${entry.label}: title and text decode correctly`, async () => {
      const { article } = await saved(path)
      expect(article.title).toBe(entry.title)
      const text = readFileSync(join(dir.path, 'articles', article.id, 'content.txt'), 'utf8')
      expect(text).toContain(entry.sentence)
      expect(text).not.toContain('\uFFFD') // no replacement characters: nothing was mis-decoded
    })
  }

  it('counts Chinese and Japanese words by segmentation, not by spaces', async () => {
    const zh = (await saved('/enc/gbk')).article
    const ja = (await saved('/enc/shift_jis')).article
    // 32 sentences of ~6 words each; a whitespace split would find a handful.
    expect(zh.wordCount).toBeGreaterThan(100)
    expect(ja.wordCount).toBeGreaterThan(100)
  })
})

describe('images', () => {
  it('stores lazy-loaded and srcset images locally, drops what is not a raster image, and still saves the article', async () => {
    const { article } = await saved('/lazy')
    const folder = join(dir.path, 'articles', article.id)
    const html = readFileSync(join(folder, 'content.html'), 'utf8')
    const stored = readdirSync(join(folder, 'assets'))
    // picture → largest srcset candidate; data-src over the placeholder; density srcset → 2x
    expect(stored).toHaveLength(3)
    for (const alt of ['picture element', 'data-src image', 'density srcset']) {
      const img = new RegExp(`<img [^>]*alt="${alt}"[^>]*>`).exec(html)?.[0]
      expect(img, alt).toMatch(/src="assets\/[a-f0-9]{64}\.png"/)
    }
    expect(html).not.toContain('alt="broken"')
    expect(html).not.toContain('alt="svg pretending"')
    expect(html).not.toMatch(/src="(https?:|data:)/)
    expect(site.hits.get('/lazy/small.png') ?? 0).toBe(0)
    expect(site.hits.get('/lazy/large.png')).toBe(1)
  })
})

describe('redirects', () => {
  it('follows a chain of redirects, each re-checked, and records where it ended', async () => {
    const { article } = await saved('/redirect/1')
    expect(article.title).toBe('The Last Lighthouse Keeper')
    expect(article.canonicalUrl).toBe(site.url('/articles/lighthouse'))
  })
})

describe('canonical addresses', () => {
  it("records the page's rel=canonical and recognises the article under that address", async () => {
    const { article } = await saved('/tracking?utm_source=feed')
    expect(article.url).toBe(site.url('/tracking'))
    expect(article.canonicalUrl).toBe(site.url('/articles/canonical-story'))
    const again = await saved('/articles/canonical-story')
    expect(again).toMatchObject({ existed: true, article: { id: article.id } })
    expect(site.hits.get('/articles/canonical-story') ?? 0).toBe(0) // recognised without fetching
  })

  it('files a saved page under its canonical address, with relative images fetched from there', async () => {
    const page = await (await fetch(site.url('/articles/lighthouse'))).text()
    const withCanonical = page.replace(
      '<head>',
      `<head><link rel="canonical" href="${site.url('/articles/lighthouse')}">`
    )
    const result = await dispatch(core.handlers, 'addHtml', {
      base64: Buffer.from(withCanonical).toString('base64'),
      fileName: 'lighthouse.html'
    })
    const { article } = (result as { value: AddUrlResult }).value
    expect(article.url).toBe(site.url('/articles/lighthouse'))
    const html = readFileSync(join(dir.path, 'articles', article.id, 'content.html'), 'utf8')
    expect(html.match(/src="assets\/[a-f0-9]{64}\.png"/g)).toHaveLength(2)
    expect(await saved('/articles/lighthouse')).toMatchObject({ existed: true, article: { id: article.id } })
  })
})

describe('failures leave the library unchanged', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['/loop/a', 'TOO_MANY_REDIRECTS', /redirected more than 5 times/],
    ['/redirect-to-file', 'UNSUPPORTED_SCHEME', /http and https/],
    ['/gzip-bomb', 'TOO_LARGE', /larger than 5 MB/],
    ['/huge', 'TOO_LARGE', /larger than 5 MB/],
    ['/huge-declared', 'TOO_LARGE', /larger than 5 MB/],
    ['/slow-drip', 'TIMEOUT', /did not send the page within 2 s/],
    ['/images/tower.png', 'UNSUPPORTED_TYPE', /an image, not a web page/],
    ['/document.pdf', 'UNSUPPORTED_TYPE', /PDF document/],
    ['/not-an-article', 'NOT_AN_ARTICLE', /No article was found/]
  ]
  for (const [path, code, message] of cases) {
    it(`${path}: ${code}`, async () => {
      await saved('/articles/lighthouse')
      const before = snapshot()
      const result = await add(path)
      expect(result).toMatchObject({ ok: false, error: { code } })
      expect(!result.ok && result.error.message).toMatch(message)
      expect(snapshot()).toEqual(before)
    })
  }
})
