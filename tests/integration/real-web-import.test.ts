import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type LecternCore } from '../../src/core/create-core'
import { dispatch } from '../../src/core/dispatch'
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../../src/core/import/import-limits'
import type { AddUrlResult, ImportProgress } from '../../src/shared/types'
import { startFixtureSite, html, type FixtureSite } from '../support/fixture-site'
import {
  JAPANESE_SENTENCE,
  JAPANESE_TITLE,
  RUSSIAN_SENTENCE,
  RUSSIAN_TITLE,
  STORY_SENTENCE,
  TITLE_SEPARATORS,
  UNDECLARED_UTF8,
  lateMetaPage,
  quadraticPage,
  realWebRoutes
} from '../support/real-web-site'
import { tempDir } from '../support/temp-dir'

// Pages as servers and files give them, through the entry points users hit (addUrl, addHtml, addUrls).
const limits: ImportLimits = {
  ...DEFAULT_IMPORT_LIMITS,
  page: { ...DEFAULT_IMPORT_LIMITS.page, timeoutMs: 5000 },
  images: { ...DEFAULT_IMPORT_LIMITS.images, timeoutMs: 1000 }
}

let site: FixtureSite
let dir: ReturnType<typeof tempDir>
let core: LecternCore

beforeAll(async () => {
  site = await startFixtureSite({ ...realWebRoutes(), '/quadratic': html(quadraticPage()) })
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

async function saved(path: string): Promise<AddUrlResult> {
  const result = await dispatch(core.handlers, 'addUrl', { url: site.url(path) })
  if (!result.ok) throw new Error(`${path}: ${result.error.code}: ${result.error.message}`)
  return result.value as AddUrlResult
}
const textOf = (id: string) => readFileSync(join(dir.path, 'articles', id, 'content.txt'), 'utf8')

describe('pages that declare no charset', () => {
  it('reads UTF-8 served as bare text/html as UTF-8, not windows-1252', async () => {
    const { article } = await saved('/bare-utf8')
    expect(article.title).toBe('The Night Ferry’s Last Crossing')
    expect(textOf(article.id)).toContain(STORY_SENTENCE)
    expect(textOf(article.id)).not.toContain('â€')
  })

  it('reads the same UTF-8 bytes saved as a file as UTF-8', async () => {
    const result = await dispatch(core.handlers, 'addHtml', {
      base64: UNDECLARED_UTF8.toString('base64'),
      fileName: 'night-ferry.html'
    })
    if (!result.ok) throw new Error(result.error.message)
    const { article } = result.value as AddUrlResult
    expect(article.title).toBe('The Night Ferry’s Last Crossing')
    expect(textOf(article.id)).toContain(STORY_SENTENCE)
  })

  it('detects windows-1251 and Shift_JIS when nothing declares them', async () => {
    const russian = (await saved('/bare-cp1251')).article
    expect(russian.title).toBe(RUSSIAN_TITLE)
    expect(textOf(russian.id)).toContain(RUSSIAN_SENTENCE)
    const japanese = (await saved('/bare-sjis')).article
    expect(japanese.title).toBe(JAPANESE_TITLE)
    expect(textOf(japanese.id)).toContain(JAPANESE_SENTENCE)
    expect(textOf(japanese.id)).not.toContain('\uFFFD')
  })

  it('follows a <meta charset> that comes after the first 1024 bytes, over HTTP and from a file', async () => {
    const { article } = await saved('/late-meta')
    expect(article.title).toBe(RUSSIAN_TITLE)
    expect(textOf(article.id)).toContain(RUSSIAN_SENTENCE)
    const file = await dispatch(core.handlers, 'addHtml', {
      base64: lateMetaPage().toString('base64'),
      fileName: 'late.html'
    })
    expect(file.ok && (file.value as AddUrlResult).article.title).toBe(RUSSIAN_TITLE)
  })
})

describe('language tags as pages write them', () => {
  const cases: [string, string | null][] = [
    ['/lang/header-pt_BR', 'pt-BR'],
    ['/lang/meta-pt_BR', 'pt-BR'],
    ['/lang/og-en_US', 'en-US'],
    ['/lang/english', 'en'],
    ['/lang/empty', null],
    ['/lang/long', null]
  ]
  for (const [path, lang] of cases) {
    it(`${path} saves, with language ${lang ?? 'unknown'}`, async () => {
      const { article } = await saved(path)
      expect(article.lang).toBe(lang)
      expect(article.wordCount).toBeGreaterThan(80)
    })
  }
})

describe('titles and text as the reader shows them', () => {
  TITLE_SEPARATORS.forEach((separator, i) => {
    it(`drops the site's name after "${separator.trim()}"`, async () => {
      expect((await saved(`/title/${i}`)).article.title).toBe(`Ferry Story Number ${i}`)
    })
  })

  it('stores a title with control characters and line breaks as one line of printable text', async () => {
    const { article } = await saved('/control-title')
    // eslint-disable-next-line no-control-regex -- the point: no control characters may be stored
    expect(article.title).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
    expect(article.title).toMatch(/^Hello.*World Second row$/)
    const list = await dispatch(core.handlers, 'listArticles', {})
    expect(list.ok && JSON.stringify(list.value)).not.toContain('\\u001b')
  })

  it('leaves a breadcrumb trail ending in the title out of the article', async () => {
    const { article } = await saved('/breadcrumbs')
    expect(article.title).toBe('China’s Alibaba Announces New AI Investment')
    const text = textOf(article.id)
    expect(text.startsWith('1. ')).toBe(true)
    expect(text).not.toContain('›')
  })

  it('saves a 1 MB article whole, with its words counted', async () => {
    const { article } = await saved('/long-article')
    const text = textOf(article.id)
    expect(text).toContain('Section 180, paragraph 12')
    expect(article.wordCount).toBeGreaterThan(100_000)
  })
})

describe('a page that reads too long', () => {
  it('is cut off with TIMEOUT, and the rest of a bulk import goes on', async () => {
    await core.close()
    core = await createCore({ dataDir: dir.path, importLimits: { ...limits, extractTimeoutMs: 2000 } })
    const finished = new Promise<ImportProgress>((resolve) =>
      core.events.on('importProgress', (progress) => progress.finished && resolve(progress))
    )
    const started = await dispatch(core.handlers, 'addUrls', {
      urls: [site.url('/quadratic'), site.url('/bare-utf8'), site.url('/title/0')]
    })
    expect(started.ok).toBe(true)
    const progress = await finished
    const byUrl = new Map(progress.items.map((item) => [new URL(item.url).pathname, item]))
    expect(byUrl.get('/quadratic')).toMatchObject({ status: 'failed', error: { code: 'TIMEOUT' } })
    expect(byUrl.get('/quadratic')?.error?.message).toMatch(/took more than 2 s/)
    expect(byUrl.get('/bare-utf8')?.status).toBe('saved')
    expect(byUrl.get('/title/0')?.status).toBe('saved')
  }, 30_000)
})
