import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../src/shared/contract'
import type { AddUrlResult } from '../../src/shared/types'
import { createCore, type LecternCore } from '../../src/core/create-core'
import { startServer, type RunningServer } from '../../src/server/start-server'
import { startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'

let dir: ReturnType<typeof tempDir>
let core: LecternCore
let server: RunningServer
let site: FixtureSite

beforeAll(async () => {
  dir = tempDir()
  const rendererDir = join(dir.path, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lectern</title>')
  writeFileSync(join(dir.path, 'secret.txt'), 'outside the renderer')
  core = await createCore({ dataDir: join(dir.path, 'data') })
  server = await startServer({ core, rendererDir })
  site = await startFixtureSite()
})
afterAll(async () => {
  await server.close()
  await core.close()
  await site.close()
  dir.remove()
})

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Raw HTTP, so tests can send the Host and Origin headers a browser under attack would send. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body)
    const req = request(
      `${server.origin}${path}`,
      {
        method: options.method ?? (body ? 'POST' : 'GET'),
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers }
      },
      (res) => {
        let data = ''
        res.setEncoding('utf8')
        res.on('data', (c) => (data += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

const auth = () => ({ authorization: `Bearer ${server.token}` })

describe('browser-mode server security', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('answers 401 to API, asset and page requests without the token', async () => {
    expect((await send('/api/listArticles', { body: {} })).status).toBe(401)
    expect((await send(`/media/abc/assets/${'a'.repeat(64)}.png`)).status).toBe(401)
    expect((await send('/')).status).toBe(401)
    expect((await send('/api/listArticles', { body: {}, headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
    expect((await send('/?token=wrong')).status).toBe(401)
  })

  it('rejects a foreign Host header (DNS rebinding) even with the token', async () => {
    const reply = await send('/api/listArticles', {
      body: {},
      headers: { ...auth(), host: `evil.example:${server.port}` }
    })
    expect(reply.status).toBe(403)
  })

  it('rejects a foreign Origin (cross-site request) even with the token', async () => {
    const reply = await send('/api/listArticles', { body: {}, headers: { ...auth(), origin: 'https://evil.example' } })
    expect(reply.status).toBe(403)
    const ok = await send('/api/listArticles', { body: {}, headers: { ...auth(), origin: server.origin } })
    expect(ok.status).toBe(200)
  })

  it('trades the token in the printed address for an HttpOnly SameSite cookie and drops it from the address', async () => {
    const first = await send(`/?token=${server.token}`)
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const cookie = String(first.headers['set-cookie'])
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const page = await send('/', { headers: { cookie: cookie.split(';')[0] as string } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Lectern</title>')
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'")
  })

  it('never serves files outside the renderer', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2f%2e%2e%2fdata/library.json'
    ]) {
      const reply = await send(path, { headers: auth() })
      expect(reply.status, path).toBe(404)
      expect(reply.body).not.toContain('outside the renderer')
    }
  })
})

describe('browser-mode API', () => {
  it('exposes every contract method at POST /api/<method>', async () => {
    for (const name of METHOD_NAMES) {
      const reply = await send(`/api/${name}`, { body: {}, headers: auth() })
      expect(reply.status, name).toBe(200)
      expect(JSON.parse(reply.body), name).toHaveProperty('ok')
    }
    expect((await send('/api/noSuchMethod', { body: {}, headers: auth() })).status).toBe(404)
  })

  it('returns the Result envelope, with input validated', async () => {
    const bad = JSON.parse((await send('/api/getArticle', { body: { id: '../../etc' }, headers: auth() })).body)
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('saves an article and serves its stored images, and nothing else from the data dir', async () => {
    const reply = await send('/api/addUrl', { body: { url: site.url('/articles/lighthouse') }, headers: auth() })
    const result = JSON.parse(reply.body) as { ok: true; value: AddUrlResult }
    expect(result.ok).toBe(true)
    const { article } = result.value
    const content = JSON.parse((await send('/api/getArticle', { body: { id: article.id }, headers: auth() })).body)
    const image = /src="(assets\/[^"]+)"/.exec(content.value.html)?.[1]
    const media = await send(`/media/${article.id}/${image}`, { headers: auth() })
    expect(media.status).toBe(200)
    expect(media.headers['content-type']).toBe('image/png')
    for (const path of [
      `/media/${article.id}/content.html`,
      `/media/${article.id}/../../library.json`,
      `/media/${article.id}/assets%2F..%2F..%2Flibrary.json`
    ]) {
      expect((await send(path, { headers: auth() })).status, path).toBe(404)
    }
  })

  it('pushes library changes to the event stream', async () => {
    const events: string[] = []
    const saving: Array<Promise<Reply>> = []
    await new Promise<void>((resolve, reject) => {
      const req = request(`${server.origin}/api/events`, { headers: auth() }, (res) => {
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          events.push(chunk)
          if (chunk.includes('connected'))
            saving.push(send('/api/addUrl', { body: { url: site.url('/articles/second') }, headers: auth() }))
          if (chunk.includes('event: libraryChanged')) {
            req.destroy()
            resolve()
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    // The save's own reply arrives after its event: wait for it, so no request is cut off at teardown.
    expect((await Promise.all(saving)).map((r) => r.status)).toEqual([200])
    expect(events.join('')).toMatch(/event: libraryChanged\ndata: \{"ids":\["[a-z0-9-]+"\]\}/)
  })
})
