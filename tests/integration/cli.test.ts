import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/index'
import { articlePage, startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'

let site: FixtureSite
let dir: ReturnType<typeof tempDir>

beforeAll(async () => {
  site = await startFixtureSite()
})
afterAll(() => site.close())
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

/** Runs the CLI in-process and captures what it prints. */
async function lectern(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
  try {
    const code = await main([...args, '--data-dir', dir.path])
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

describe('lectern CLI', () => {
  it('adds, lists as JSON, reads as text and HTML, and deletes', async () => {
    const added = await lectern('add', site.url('/articles/lighthouse'))
    expect(added).toMatchObject({ code: 0, stderr: '' })
    expect(added.stdout).toMatch(/^Saved: The Last Lighthouse Keeper \(/)

    const list = await lectern('list', '--json')
    const articles = JSON.parse(list.stdout) as Array<{ id: string; url: string; title: string }>
    expect(articles).toHaveLength(1)
    expect(articles[0]).toMatchObject({ url: site.url('/articles/lighthouse'), title: 'The Last Lighthouse Keeper' })
    const id = articles[0]?.id as string

    const text = await lectern('read', id, '--text')
    expect(text.stdout).toContain('one hundred and twelve steps')
    expect(text.stdout).not.toContain('<p>')

    const html = await lectern('read', id, '--html')
    expect(html.stdout).toMatch(/<img[^>]+src="assets\/[a-f0-9]{64}\.png"/)
    expect(html.stdout).not.toContain('<script')

    expect((await lectern('add', site.url('/articles/lighthouse?utm_source=cli'))).stdout).toMatch(/^Already saved/)
    expect((await lectern('delete', id)).code).toBe(0)
    expect(JSON.parse((await lectern('list', '--json')).stdout)).toEqual([])
  })

  it('fails with a non-zero exit and one clear line on stderr, leaving the library unchanged', async () => {
    for (const [url, message] of [
      ['gopher://old.example/', /only save http and https/],
      [site.url('/missing'), /does not exist \(HTTP 404\)/],
      [site.url('/not-an-article'), /No article was found/]
    ] as const) {
      const result = await lectern('add', url)
      expect(result.code).toBe(1)
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
      expect(result.stderr).toMatch(message)
      expect(result.stdout).toBe('')
    }
    expect(JSON.parse((await lectern('list', '--json')).stdout)).toEqual([])
  })

  it('says on stderr when it repaired a damaged library file, keeping stdout clean', async () => {
    expect((await lectern('add', site.url('/articles/lighthouse'))).code).toBe(0)
    writeFileSync(join(dir.path, 'library.json'), 'not json')
    const listed = await lectern('list', '--json')
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout)).toHaveLength(1)
    expect(listed.stderr).toMatch(
      /^lectern: the library was repaired when it opened: .*library\.json.*kept at \S+corrupt/
    )
  })

  it('gives up on a slow page after --timeout seconds', async () => {
    const result = await lectern('add', site.url('/slow'), '--timeout', '0.5')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/did not send the page within/)
  })

  it('says so when an article id is unknown, and exits 2 for usage errors', async () => {
    expect(await lectern('read', 'nope-123')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/not in the library/)
    })
    expect((await lectern('frobnicate')).code).toBe(2)
    expect((await lectern('add')).code).toBe(2)
  })

  it('extracts a saved page without touching the library', async () => {
    const file = join(dir.path, 'page.html')
    writeFileSync(file, articlePage('Offline Extraction Works'))
    const result = await lectern('extract', file, '--url', 'https://news.example/x', '--json')
    const json = JSON.parse(result.stdout)
    expect(Object.keys(json).sort()).toEqual([
      'byline',
      'excerpt',
      'html',
      'lang',
      'publishedTime',
      'siteName',
      'text',
      'title',
      'wordCount'
    ])
    expect(json.title).toBe('Offline Extraction Works')
    expect(json.text).toContain('lighthouse keeper')
    expect(existsSync(join(dir.path, 'library.json'))).toBe(false)
  })
})

describe('lectern add, many at once', () => {
  it('saves a list from --file with progress, a summary of failures, and exit 1 when any failed', async () => {
    const list = join(dir.path, 'urls.txt')
    writeFileSync(
      list,
      [`# reading list`, site.url('/articles/lighthouse'), '', site.url('/missing'), site.url('/articles/second')].join(
        '\n'
      )
    )
    const result = await lectern('add', '--file', list)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/\[\d\/3\] saved {2}The Last Lighthouse Keeper/)
    expect(result.stderr).toMatch(/\[\d\/3\] FAILED {2}http:\/\/127\.0\.0\.1:\d+\/missing: .*HTTP 404/)
    expect(result.stdout).toMatch(/^Saved 2, already saved 0, failed 1 \(of 3\)\./)
    expect(result.stdout).toContain(`failed: ${site.url('/missing')}`)
    expect(JSON.parse((await lectern('list', '--json')).stdout)).toHaveLength(2)

    const again = await lectern('add', site.url('/articles/lighthouse'), site.url('/articles/second'), '--json')
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ total: 2, saved: 0, existing: 2, failed: 0, finished: true })
  })
})

describe('lectern add <file.html> and reextract', () => {
  it('saves a page from a file, then extracts it again', async () => {
    const file = join(dir.path, 'saved page.html')
    writeFileSync(file, articlePage('From A File'))
    const added = await lectern('add', file, '--json')
    expect(added.code).toBe(0)
    const article = JSON.parse(added.stdout)
    expect(article).toMatchObject({ title: 'From A File', existed: false })
    const again = await lectern('reextract', article.id)
    expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Extracted again: From A File/) })
  })
})
