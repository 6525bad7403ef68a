import { createWriteStream, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeLecternArchive } from '../../src/core/interop/export-lectern'
import type { ExportArticle } from '../../src/core/interop/export-types'
import { readExport } from '../../src/core/interop/read-export'
import type { ArchivedArticle, LecternArchive } from '../../src/core/interop/read-lectern-archive'
import { articleMeta } from '../support/article-meta'
import { assetName, each, exportArticle, memoryStream, rawZip } from '../support/interop-fixtures'
import { solidPng } from '../support/png'
import { tempDir } from '../support/temp-dir'

const dir = tempDir('lectern-archive-')
afterAll(() => dir.remove())

const red = solidPng(4, 3, [255, 0, 0])
const blue = solidPng(2, 2, [0, 0, 255])
const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
const images = new Map([
  [assetName(red, 'png'), red],
  [assetName(blue, 'png'), blue],
  [assetName(gif, 'gif'), gif]
])
const [redName, blueName, gifName] = [...images.keys()] as [string, string, string]

function library(): ExportArticle[] {
  return [
    exportArticle(
      articleMeta({
        id: 'm1k2-aaaa',
        title: 'Tables, "quotes" & ünïcode ☕',
        byline: 'Ada',
        tags: ['ai', 'café ☕'],
        state: 'archived',
        favorite: true,
        progress: 0.75,
        readAt: '2026-02-01T10:00:00.000Z',
        publishedAt: '2025-12-31T00:00:00.000Z',
        leadImage: blueName
      }),
      `<h2>Intro</h2><p>Text with <img src="${redName}" alt="red"> and <img src="${gifName}"></p><table><tbody><tr><td>1</td></tr></tbody></table>`,
      images,
      [
        { quote: 'Text with', note: 'a note\nover lines', color: 'yellow', createdAt: '2026-02-01T10:00:00.000Z' },
        { quote: '', note: 'on the whole article', color: null, createdAt: null }
      ],
      'Intro\nText with and\n1'
    ),
    exportArticle(articleMeta({ id: 'm1k2-bbbb', lang: null, siteName: null, excerpt: 'Short' }), '<p>Plain</p>'),
    exportArticle(articleMeta({ id: 'm1k2-cccc', title: '' }), '')
  ]
}

async function readBack(path: string): Promise<{ archive: LecternArchive; articles: ArchivedArticle[] }> {
  const archive = await readExport({ path })
  if (archive.format !== 'lectern') throw new Error(`read as ${archive.format}`)
  const articles: ArchivedArticle[] = []
  for await (const article of archive.articles()) articles.push(article)
  archive.close()
  return { archive, articles }
}

describe('the Lectern archive', () => {
  it('gives back exactly what was exported: ids, metadata, states, tags, progress, content, images, highlights', async () => {
    const path = join(dir.path, 'library.zip')
    const original = library()
    const summary = await writeLecternArchive(each(original), createWriteStream(path))
    expect(summary).toMatchObject({ articles: 3, assets: 3, missingAssets: 0 })

    // A zip any tool opens, with one readable folder per article.
    const bytes = readFileSync(path)
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    expect(bytes.includes(Buffer.from('articles/m1k2-aaaa/content.html'))).toBe(true)

    const { archive, articles } = await readBack(path)
    expect(archive.manifest).toMatchObject({
      format: 'lectern-archive',
      version: 1,
      articles: 3,
      assets: 3,
      highlights: 2
    })
    expect(archive.skipped).toEqual([])
    expect(articles).toHaveLength(original.length)
    for (const [i, back] of articles.entries()) {
      const source = original[i] as ExportArticle
      for (const key of Object.keys(source.meta) as (keyof typeof source.meta)[]) {
        expect(back.meta[key], `${source.meta.id} ${key}`).toEqual(source.meta[key])
      }
      expect(back.html).toBe(source.html)
      expect(back.highlights).toEqual(source.highlights)
      const sourceAssets = [...images].filter(([name]) => source.html.includes(name) || source.meta.leadImage === name)
      expect(new Map(back.assets.map((a) => [a.name, Buffer.from(a.bytes)]))).toEqual(new Map(sourceAssets))
    }
    expect(articles[0]?.text).toBe('Intro\nText with and\n1')
    // Without a stored text, the exporter derives one from the HTML.
    expect(articles[1]?.text).toBe('Plain')
  })

  it('counts images it could not read and leaves them out', async () => {
    const out = memoryStream()
    const article = exportArticle(articleMeta({ id: 'x1' }), `<img src="${redName}">`, new Map())
    const summary = await writeLecternArchive(each([article]), out)
    expect(summary).toMatchObject({ articles: 1, assets: 0, missingAssets: 1 })
  })

  it('never runs ahead of a slow destination: one article at a time is held', async () => {
    const big = Buffer.alloc(1024 * 1024, 7)
    const bigName = assetName(big, 'png')
    const out = memoryStream({ slow: true })
    let produced = 0
    let maxAhead = 0
    async function* articles() {
      for (let i = 0; i < 20; i++) {
        maxAhead = Math.max(maxAhead, produced * big.length - out.received)
        produced++
        yield exportArticle(articleMeta({ id: `big-${i}` }), `<img src="${bigName}">`, new Map([[bigName, big]]))
      }
    }
    await writeLecternArchive(articles(), out)
    expect(out.received).toBeGreaterThan(20 * big.length)
    // 20 MB went through; the exporter never had more than a couple of articles' bytes unwritten.
    expect(maxAhead).toBeLessThan(3 * big.length)
  })

  it('skips an image that does not match its name, and a folder without metadata', async () => {
    const meta = articleMeta({ id: 'good-1' })
    const zip = rawZip([
      { name: 'articles/good-1/meta.json', data: JSON.stringify(meta) },
      { name: 'articles/good-1/content.html', data: `<img src="${redName}">` },
      { name: `articles/good-1/${redName}`, data: blue },
      { name: 'articles/lost-2/content.html', data: '<p>orphan</p>' },
      {
        name: 'manifest.json',
        data: JSON.stringify({
          format: 'lectern-archive',
          version: 1,
          createdAt: '',
          articles: 2,
          assets: 1,
          highlights: 0
        })
      }
    ])
    const path = join(dir.path, 'damaged.zip')
    writeFileSync(path, zip)
    const { archive, articles } = await readBack(path)
    expect(articles.map((a) => [a.meta.id, a.assets.length])).toEqual([['good-1', 0]])
    expect(archive.skipped).toEqual([
      { origin: `articles/good-1/${redName}`, reason: 'image does not match its name (damaged)' },
      { origin: 'articles/lost-2', reason: 'no meta.json' }
    ])
  })

  it('refuses an archive from a newer Lectern, saying to update', async () => {
    const zip = rawZip([
      {
        name: 'manifest.json',
        data: JSON.stringify({
          format: 'lectern-archive',
          version: 99,
          createdAt: '',
          articles: 0,
          assets: 0,
          highlights: 0
        })
      }
    ])
    await expect(readExport({ bytes: zip })).rejects.toMatchObject({
      code: 'BAD_EXPORT',
      message: expect.stringContaining('update Lectern to import it')
    })
  })
})
