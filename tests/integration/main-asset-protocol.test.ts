import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// Never load the real 'electron' package here (its index.js would try to download the binary).
vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() } }))

import { assetResponse, handleAssetProtocol, registerAssetScheme } from '../../src/main/asset-protocol'

const SHA = 'ab'.repeat(32)
const OTHER_SHA = 'cd'.repeat(32)
const ID = 'article-1'
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
const ok = `lectern://articles/${ID}/assets/${SHA}.png`

let dataDir: string
let outside: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-assets-'))
  outside = await mkdtemp(join(tmpdir(), 'lectern-outside-'))
  await mkdir(join(dataDir, 'articles', ID, 'assets'), { recursive: true })
  await mkdir(join(dataDir, 'articles', 'other', 'assets'), { recursive: true })
  await writeFile(join(dataDir, 'articles', ID, 'assets', `${SHA}.png`), PNG)
  await writeFile(join(dataDir, 'articles', ID, 'assets', `${SHA}.jpg`), Buffer.from('jpeg bytes'))
  await writeFile(join(dataDir, 'articles', ID, 'content.html'), '<p>secret body</p>')
  await writeFile(join(dataDir, 'library.json'), '{"secret":true}')
  await writeFile(join(outside, `${OTHER_SHA}.png`), 'outside the data dir')
  // A symlink planted in an assets folder must not be followed out of the data dir.
  await symlink(join(outside, `${OTHER_SHA}.png`), join(dataDir, 'articles', ID, 'assets', `${OTHER_SHA}.png`))
})

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

describe('assetResponse', () => {
  it('serves a stored image with its content type and nosniff', async () => {
    const res = await assetResponse(ok, dataDir)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG)
  })

  it('serves each allowed extension with its own type', async () => {
    const res = await assetResponse(`lectern://articles/${ID}/assets/${SHA}.jpg`, dataDir)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
  })

  it('ignores a query string or fragment', async () => {
    expect((await assetResponse(`${ok}?v=2#x`, dataDir)).status).toBe(200)
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await assetResponse(ok, dataDir, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect((await assetResponse(ok, dataDir, 'POST')).status).toBe(405)
  })

  it('answers 404 for a missing file', async () => {
    const res = await assetResponse(`lectern://articles/${ID}/assets/${'ef'.repeat(32)}.png`, dataDir)
    expect(res.status).toBe(404)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await assetResponse(`lectern://articles/other/assets/${SHA}.png`, dataDir)).status).toBe(404)
    expect((await assetResponse(`lectern://articles/missing/assets/${SHA}.png`, dataDir)).status).toBe(404)
  })

  it.each([
    ['dot segments', `lectern://articles/${ID}/assets/../../../library.json`],
    ['dot segments back into an asset path', `lectern://articles/x/../${ID}/assets/${SHA}.png/../../content.html`],
    ['encoded dots', `lectern://articles/${ID}/assets/%2e%2e/%2e%2e/%2e%2e/library.json`],
    ['encoded dots as the id', `lectern://articles/%2e%2e/assets/${SHA}.png`],
    ['encoded slashes', `lectern://articles/${ID}/assets/..%2f..%2f..%2flibrary.json`],
    ['encoded slash in the id', `lectern://articles/${ID}%2fassets/${SHA}.png`],
    ['upper-case encoded slashes', `lectern://articles/${ID}/assets/..%2F..%2Fcontent.html`],
    ['backslashes', `lectern://articles/${ID}/assets/..\\..\\content.html`],
    ['encoded backslashes', `lectern://articles/${ID}/assets/..%5c..%5ccontent.html`],
    ['a NUL byte', `lectern://articles/${ID}/assets/${SHA}.png%00.png`],
    ['an absolute path as the id', `lectern://articles//etc/passwd`],
    ['an encoded absolute path', `lectern://articles/%2fetc%2fpasswd/assets/${SHA}.png`],
    ['no host', `lectern:///articles/${ID}/assets/${SHA}.png`],
    ['another host', `lectern://other/${ID}/assets/${SHA}.png`],
    ['a host spoofing articles', `lectern://articles.evil/${ID}/assets/${SHA}.png`],
    ['credentials', `lectern://user:pw@articles/${ID}/assets/${SHA}.png`],
    ['a port', `lectern://articles:80/${ID}/assets/${SHA}.png`],
    ['the article body', `lectern://articles/${ID}/content.html`],
    ['the library file', `lectern://articles/library.json`],
    ['a non-image extension', `lectern://articles/${ID}/assets/${SHA}.html`],
    ['an upper-case id', `lectern://articles/ARTICLE-1/assets/${SHA}.png`],
    ['a short hash', `lectern://articles/${ID}/assets/abc.png`],
    ['an extra segment', `lectern://articles/${ID}/assets/sub/${SHA}.png`],
    ['a symlink out of the data dir', `lectern://articles/${ID}/assets/${OTHER_SHA}.png`],
    ['another scheme', `file://${'/etc/passwd'}`],
    ['an http URL', `http://articles/${ID}/assets/${SHA}.png`],
    ['garbage', 'not a url']
  ])('answers 404 for %s', async (_label, url) => {
    const res = await assetResponse(url, dataDir)
    expect(res.status).toBe(404)
    const body = await res.text()
    expect(body).not.toContain('secret')
    expect(body).not.toContain('outside')
  })
})

describe('protocol registration', () => {
  it('declares lectern: standard, secure and fetchable', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() }
    registerAssetScheme(protocol)
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'lectern', privileges: { standard: true, secure: true, supportFetchAPI: true } }
    ])
  })

  it('routes protocol.handle requests to the data dir', async () => {
    const protocol = { handle: vi.fn() }
    handleAssetProtocol(protocol, dataDir)
    expect(protocol.handle).toHaveBeenCalledWith('lectern', expect.any(Function))
    const handler = protocol.handle.mock.calls[0]![1] as (request: Request) => Promise<Response>
    const hit = await handler(new Request(ok))
    expect(hit.status).toBe(200)
    expect(hit.headers.get('content-type')).toBe('image/png')
    const miss = await handler(new Request(`lectern://articles/${ID}/assets/../../../library.json`))
    expect(miss.status).toBe(404)
  })
})
