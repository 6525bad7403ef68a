import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type LecternCore } from '../../src/core/create-core'
import { dispatch } from '../../src/core/dispatch'
import type { AddUrlResult, ArticleMeta } from '../../src/shared/types'
import { articlePage, startFixtureSite } from '../support/fixture-site'
import { callCore } from '../support/call-core'
import { tempDir } from '../support/temp-dir'

let dir: ReturnType<typeof tempDir>
let core: LecternCore

beforeEach(async () => {
  dir = tempDir()
  core = await createCore({ dataDir: dir.path })
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

const call = <T>(method: string, input: unknown): Promise<T> => callCore<T>(core, method, input)

describe('saving a local HTML file', () => {
  it('saves the article from the file and recognises the same file saved again', async () => {
    const html = articlePage('A Page Kept On Disk')
    const first = await call<AddUrlResult>('addHtml', { base64: b64(html), fileName: '/home/me/Downloads/kept.html' })
    expect(first).toMatchObject({
      existed: false,
      article: { title: 'A Page Kept On Disk', url: expect.stringMatching(/^file:\/\/\/kept\.html#[a-f0-9]{16}$/) }
    })
    const text = readFileSync(join(dir.path, 'articles', first.article.id, 'content.txt'), 'utf8')
    expect(text).toContain('one hundred and twelve steps')
    expect((await call<AddUrlResult>('addHtml', { base64: b64(html), fileName: 'kept.html' })).existed).toBe(true)
  })

  it('decodes a file in a legacy encoding from its <meta charset>', async () => {
    const { default: iconv } = await import('iconv-lite')
    const page = articlePage('灯塔看守人').replace('<meta charset="utf-8">', '<meta charset="gbk">')
    const saved = await call<AddUrlResult>('addHtml', {
      base64: iconv.encode(page, 'gbk').toString('base64'),
      fileName: 'gbk.html'
    })
    expect(saved.article.title).toBe('灯塔看守人')
  })

  it('says so when the file holds no article', async () => {
    const result = await dispatch(core.handlers, 'addHtml', {
      base64: b64('<html><body><a href="/">Home</a></body></html>'),
      fileName: 'x.html'
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_AN_ARTICLE' } })
    expect(await call<ArticleMeta[]>('listArticles', {})).toEqual([])
  })
})

describe('re-extract', () => {
  it('rebuilds the article from the kept page with the network gone, reusing stored images and keeping the reader state', async () => {
    const site = await startFixtureSite()
    const { article } = await call<AddUrlResult>('addUrl', { url: site.url('/articles/lighthouse') })
    await site.close()
    await call('setFavorite', { id: article.id, favorite: true })
    await call('setProgress', { id: article.id, progress: 0.5 })
    // As if an older extractor had kept only a fragment of the article.
    const contentFile = join(dir.path, 'articles', article.id, 'content.html')
    writeFileSync(contentFile, '<p>fragment</p>')

    const updated = await call<ArticleMeta>('reextractArticle', { id: article.id })
    expect(updated).toMatchObject({ title: 'The Last Lighthouse Keeper', favorite: true, progress: 0.5 })
    const html = readFileSync(contentFile, 'utf8')
    expect(html).toContain('one hundred and twelve steps')
    const images = [...html.matchAll(/src="(assets\/[^"]+)"/g)].map((m) => m[1] as string)
    expect(images).toHaveLength(2) // the site is down: these can only be the stored copies
    for (const image of images)
      expect(
        readFileSync(join(dir.path, 'articles', article.id, image))
          .subarray(1, 4)
          .toString()
      ).toBe('PNG')
  })

  it('explains when the original page was not kept', async () => {
    const site = await startFixtureSite()
    const { article } = await call<AddUrlResult>('addUrl', { url: site.url('/articles/second') })
    await site.close()
    const { rmSync } = await import('node:fs')
    rmSync(join(dir.path, 'articles', article.id, 'source.html.gz'))
    expect(await dispatch(core.handlers, 'reextractArticle', { id: article.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/original page/) }
    })
  })
})
