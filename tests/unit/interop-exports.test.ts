import { execFileSync } from 'node:child_process'
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { JSDOM } from 'jsdom'
import { parse as parseYaml } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { writeBookmarks } from '../../src/core/interop/export-bookmarks'
import { writeCsv } from '../../src/core/interop/export-csv'
import { openExportDirectory } from '../../src/core/interop/export-directory'
import { writeEpub } from '../../src/core/interop/export-epub'
import { writeLecternArchive } from '../../src/core/interop/export-lectern'
import { exportHtml } from '../../src/core/interop/export-html'
import { exportMarkdown } from '../../src/core/interop/export-markdown'
import type { ExportArticle } from '../../src/core/interop/export-types'
import { readExport } from '../../src/core/interop/read-export'
import { ZipReader } from '../../src/core/interop/zip-reader'
import { articleMeta } from '../support/article-meta'
import { assetName, each, exportArticle, memoryStream } from '../support/interop-fixtures'
import { solidPng } from '../support/png'
import { tempDir } from '../support/temp-dir'

const dir = tempDir('lectern-exports-')
afterAll(() => dir.remove())

const red = solidPng(3, 3, [200, 0, 0])
const webp = Buffer.from('UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA', 'base64')
const images = new Map([
  [assetName(red, 'png'), red],
  [assetName(webp, 'webp'), webp]
])
const [redName, webpName] = [...images.keys()] as [string, string]

function articles(): ExportArticle[] {
  return [
    exportArticle(
      articleMeta({
        id: 'e1',
        url: 'https://example.test/tables?x=1&y=2',
        title: 'Tables: a "guide" / part 1',
        byline: 'Ada Lovelace',
        siteName: 'Example',
        tags: ['data', 'ünïcode ☕', 'a,b|c'],
        state: 'archived',
        favorite: true,
        savedAt: '2024-03-01T12:00:00.000Z',
        publishedAt: '2024-02-01T00:00:00.000Z'
      }),
      `<p>Intro with <img src="${redName}" alt="red square"> and <img src="${webpName}" alt="a webp"></p>
<table><thead><tr><th>Team</th><th>Score</th></tr></thead><tbody><tr><td>A</td><td>1</td></tr></tbody></table>
<span><div>block inside inline</div></span><li>stray item</li><time datetime="soon">Soon</time>
<p><a href="#nowhere">dead anchor</a> <a href="https://example.test/ok">ok</a> bad\u0001char</p>`,
      images,
      [{ quote: 'Intro with', note: 'why it *matters*', color: 'yellow', createdAt: null }]
    ),
    exportArticle(
      articleMeta({ id: 'e2', title: 'Tables: a "guide" / PART 1', url: 'https://example.test/2' }),
      '<p>Second</p>'
    ),
    exportArticle(
      articleMeta({ id: 'e3', title: 'CON', url: 'https://example.test/3', lang: 'fr' }),
      '<p>Troisième</p>'
    )
  ]
}

// A page nested far deeper than any article: the tree walkers exporters use would overflow the stack.
const DEEP = `${'<div>'.repeat(30_000)}deep words${'</div>'.repeat(30_000)}`

describe('markdown export', () => {
  it('writes front matter by YAML, highlights as quotes, GFM tables and images in assets/ beside the files', async () => {
    const out = join(dir.path, 'md')
    const summary = await exportMarkdown(each(articles()), await openExportDirectory(out))
    expect(summary).toMatchObject({ articles: 3, assets: 2, missingAssets: 0 })
    expect(summary.files).toEqual(['Tables - a guide - part 1.md', 'Tables - a guide - PART 1 (2).md', '_CON.md'])
    expect(readdirSync(join(out, 'assets')).sort()).toEqual([redName, webpName].map((n) => n.slice(7)).sort())

    const text = readFileSync(join(out, 'Tables - a guide - part 1.md'), 'utf8')
    const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? []
    expect(parseYaml(front)).toEqual({
      title: 'Tables: a "guide" / part 1',
      url: 'https://example.test/tables?x=1&y=2',
      author: 'Ada Lovelace',
      site: 'Example',
      saved: '2024-03-01T12:00:00.000Z',
      published: '2024-02-01T00:00:00.000Z',
      tags: ['data', 'ünïcode ☕', 'a,b|c'],
      state: 'archived',
      favorite: true
    })
    expect(body).toContain('## Highlights\n\n> Intro with\n\nwhy it \\*matters\\*')
    expect(body.indexOf('## Highlights')).toBeLessThan(body.indexOf('Intro with ![red square]'))
    expect(body).toContain(`![red square](${redName})`)
    expect(body).toContain('| Team | Score |')
  })

  it('gives a missing image its alt text, and a page nested too deep for turndown its text', async () => {
    const out = join(dir.path, 'md-odd')
    const gone = assetName(Buffer.from('not stored'), 'png')
    const summary = await exportMarkdown(
      each([
        exportArticle(articleMeta({ id: 'm1', title: 'Gone' }), `<p>See <img src="${gone}" alt="the chart"></p>`),
        exportArticle(articleMeta({ id: 'm2', title: 'Deep' }), DEEP)
      ]),
      await openExportDirectory(out)
    )
    expect(summary).toMatchObject({ articles: 2, assets: 0, missingAssets: 1 })
    const first = readFileSync(join(out, 'Gone.md'), 'utf8')
    expect(first).toContain('See the chart')
    expect(first).not.toContain(gone)
    expect(readFileSync(join(out, 'Deep.md'), 'utf8')).toContain('deep words')
  })

  it('never overwrites a file already in the folder', async () => {
    const out = join(dir.path, 'md-existing')
    const first = await exportMarkdown(each(articles().slice(1, 2)), await openExportDirectory(out))
    const second = await exportMarkdown(each(articles().slice(1, 2)), await openExportDirectory(out))
    expect(first.files).toEqual(['Tables - a guide - PART 1.md'])
    expect(second.files).toEqual(['Tables - a guide - PART 1 (2).md'])
  })
})

describe('html export', () => {
  it('writes one self-contained page per article: images inlined, nothing loaded from elsewhere', async () => {
    const out = join(dir.path, 'html')
    const summary = await exportHtml(each(articles()), await openExportDirectory(out))
    expect(summary.files).toHaveLength(3)
    const page = readFileSync(join(out, summary.files[0] as string), 'utf8')
    const { document } = new JSDOM(page).window
    const sources = [...document.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? '')
    expect(sources).toHaveLength(2)
    expect(sources.every((src) => src.startsWith('data:image/'))).toBe(true)
    expect(Buffer.from((sources[0] as string).split(',')[1] as string, 'base64')).toEqual(red)
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain(
      "default-src 'none'"
    )
    expect(document.querySelector('h1')?.textContent).toBe('Tables: a "guide" / part 1')
    expect(document.querySelector('.highlights blockquote')?.textContent).toBe('Intro with')
    expect(page).not.toMatch(/<script|<link|src="(?!data:)/i)
  })
})

describe('a page nested 30,000 levels deep', () => {
  it('exports to HTML, EPUB and the archive as its text, without overflowing the stack', async () => {
    const deep = () => each([exportArticle(articleMeta({ id: 'deep' }), DEEP)])
    const html = await exportHtml(deep(), await openExportDirectory(join(dir.path, 'deep-html')))
    expect(readFileSync(join(dir.path, 'deep-html', html.files[0] as string), 'utf8')).toContain('<p>deep words</p>')
    const epub = memoryStream()
    await writeEpub(deep(), epub)
    const archive = memoryStream()
    await writeLecternArchive(deep(), archive)
    const back = await readExport({ bytes: archive.bytes() })
    if (back.format !== 'lectern') throw new Error(back.format)
    for await (const article of back.articles()) expect(article.text).toBe('deep words')
  })
})

describe('csv export', () => {
  it("writes Pocket's columns, which Lectern's own Pocket import reads back", async () => {
    const out = memoryStream()
    await writeCsv(each(articles()), out)
    const text = out.bytes().toString('utf8')
    expect(text.split('\n')[0]).toBe('title,url,time_added,tags,status')
    const back = await readExport({ bytes: out.bytes() })
    if (back.format !== 'pocket') throw new Error(back.format)
    expect(back.items[0]).toMatchObject({
      title: 'Tables: a "guide" / part 1',
      url: 'https://example.test/tables?x=1&y=2',
      savedAt: '2024-03-01T12:00:00.000Z',
      tags: ['data', 'ünïcode ☕', 'a,b/c'],
      state: 'archived'
    })
    expect(back.items).toHaveLength(3)
  })
})

describe('bookmarks export', () => {
  it('writes a Netscape bookmark file that the bookmarks import reads back', async () => {
    const out = memoryStream()
    await writeBookmarks(each(articles()), out)
    const back = await readExport({ bytes: out.bytes() })
    if (back.format !== 'bookmarks') throw new Error(back.format)
    expect(back.items.map((i) => [i.url, i.title, i.savedAt])).toEqual([
      ['https://example.test/tables?x=1&y=2', 'Tables: a "guide" / part 1', '2024-03-01T12:00:00.000Z'],
      ['https://example.test/2', 'Tables: a "guide" / PART 1', '2026-01-01T00:00:00.000Z'],
      ['https://example.test/3', 'CON', '2026-01-01T00:00:00.000Z']
    ])
    expect(back.items[0]?.tags).toEqual(['data', 'ünïcode ☕', 'a b|c'])
  })
})

async function zipEntries(path: string): Promise<Map<string, Buffer>> {
  const zip = await ZipReader.open({ path })
  const files = new Map<string, Buffer>()
  for (const entry of zip.entries) files.set(entry.name, await zip.read(entry))
  zip.close()
  return files
}

describe('epub export', () => {
  const book = join(dir.path, 'book.epub')

  it('makes one book with a chapter per article, a table of contents and embedded images', async () => {
    const summary = await writeEpub(each(articles()), createWriteStream(book), {
      now: new Date('2026-01-02T03:04:05Z')
    })
    expect(summary).toMatchObject({ articles: 3, assets: 1 })
    const bytes = readFileSync(book)
    // OCF: "mimetype" is the first entry, stored, with no extra field, so its content sits at byte 38.
    expect(bytes.subarray(30, 38).toString()).toBe('mimetype')
    expect(bytes.subarray(38, 58).toString()).toBe('application/epub+zip')

    const files = await zipEntries(book)
    expect([...files.keys()]).toContain(`OEBPS/images/${redName.slice(7)}`)
    // WebP is not an EPUB 3 core type: the picture gives way to its alt text.
    expect([...files.keys()].some((name) => name.endsWith('.webp'))).toBe(false)
    const nav = files.get('OEBPS/nav.xhtml')?.toString() ?? ''
    expect([...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['text/c0001.xhtml', 'Tables: a &quot;guide&quot; / part 1'],
      ['text/c0002.xhtml', 'Tables: a &quot;guide&quot; / PART 1'],
      ['text/c0003.xhtml', 'CON']
    ])
    for (const [name, content] of files) {
      if (!/\.(xhtml|opf|ncx)$/.test(name)) continue
      // Well-formed XML, or this throws.
      new JSDOM(content.toString(), { contentType: 'application/xhtml+xml' })
    }
    const chapter = files.get('OEBPS/text/c0001.xhtml')?.toString() ?? ''
    expect(chapter).toContain(`<img src="../images/${redName.slice(7)}" alt="red square" />`)
    expect(chapter).toContain('a webp')
    expect(chapter).not.toContain('href="#nowhere"')
    expect(files.get('OEBPS/text/c0003.xhtml')?.toString()).toContain('lang="fr" xml:lang="fr"')
  })

  const epubcheck = '/usr/share/java/epubcheck.jar'
  const java = ['/usr/bin/java', '/usr/local/bin/java'].find((path) => existsSync(path))
  const reason = !java
    ? 'no Java runtime'
    : !existsSync(epubcheck)
      ? 'epubcheck is not installed (apt-get install epubcheck)'
      : ''

  // epubcheck is a Java program: ~5 s a book on an idle machine, so only two books are checked.
  it.skipIf(reason)(`passes epubcheck${reason ? ` (skipped: ${reason})` : ''}`, { timeout: 120_000 }, async () => {
    const several = join(dir.path, 'several.epub')
    const single = join(dir.path, 'single.epub')
    await writeEpub(each(articles()), createWriteStream(several))
    await writeEpub(each(articles().slice(0, 1)), createWriteStream(single))
    for (const file of [several, single]) {
      const args = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', epubcheck, file]
      const output = execFileSync(java as string, args, { encoding: 'utf8', stdio: 'pipe' })
      expect(output).toContain('No errors or warnings detected')
    }
  })
})
