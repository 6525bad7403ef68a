import { describe, expect, it, vi } from 'vitest'
import { METHOD_NAMES } from '../../src/shared/contract-names'
import { createHttpClient } from '../../src/renderer/src/api/http-client'

const ORIGIN = 'http://127.0.0.1:4321'

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

describe('createHttpClient', () => {
  it('has exactly one function per contract method, plus on', () => {
    const { api } = createHttpClient(ORIGIN, { fetch: vi.fn() })
    const keys = Object.keys(api)
      .filter((k) => k !== 'on')
      .sort()
    expect(keys).toEqual([...METHOD_NAMES].sort())
    for (const name of METHOD_NAMES) expect(typeof api[name]).toBe('function')
    expect(typeof api.on).toBe('function')
  })

  it('POSTs JSON to /api/<method> and passes the Result envelope through', async () => {
    const value = [{ id: 'a1', title: 'One' }]
    const fetch = vi.fn(async () => jsonResponse({ ok: true, value }))
    const { api } = createHttpClient(ORIGIN, { fetch })
    const result = await api.listArticles({ view: 'archive' })
    expect(result).toEqual({ ok: true, value })
    expect(fetch).toHaveBeenCalledWith(`${ORIGIN}/api/listArticles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ view: 'archive' }),
      keepalive: true
    })
  })

  it('sends large bodies without keepalive, which browsers cap at 64 KB', async () => {
    const fetch = vi.fn(async () => jsonResponse({ ok: true, value: {} }))
    await createHttpClient(ORIGIN, { fetch }).api.addHtml({ base64: 'x'.repeat(100_000), fileName: 'big.html' })
    expect(fetch).toHaveBeenCalledWith(`${ORIGIN}/api/addHtml`, expect.objectContaining({ keepalive: false }))
  })

  it('passes an error envelope through even with a 4xx status', async () => {
    const error = { code: 'INVALID_INPUT', message: 'Invalid input for getArticle (id).' }
    const { api } = createHttpClient(ORIGIN, { fetch: async () => jsonResponse({ ok: false, error }, 400) })
    expect(await api.getArticle({ id: 'x' })).toEqual({ ok: false, error })
  })

  it('turns a non-JSON error into INTERNAL, or FORBIDDEN for 401/403', async () => {
    const html = (status: number) => async () => new Response('<h1>Bad gateway</h1>', { status })
    const internal = await createHttpClient(ORIGIN, { fetch: html(502) }).api.deleteArticle({ id: 'x' })
    expect(internal.ok).toBe(false)
    if (!internal.ok) {
      expect(internal.error.code).toBe('INTERNAL')
      expect(internal.error.message).toContain('502')
    }
    const forbidden = await createHttpClient(ORIGIN, { fetch: html(403) }).api.deleteArticle({ id: 'x' })
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN')
  })

  it('reports a network failure as CONNECTION_FAILED, never a rejection', async () => {
    const fetch = async () => {
      throw new TypeError('Failed to fetch')
    }
    const result = await createHttpClient(ORIGIN, { fetch }).api.addUrl({ url: 'https://x.test/' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('CONNECTION_FAILED')
      expect(result.error.message).toMatch(/^Lectern server is not reachable/)
    }
  })

  it('uses the global fetch when none is injected', async () => {
    const fetch = vi.fn(async () => jsonResponse({ ok: true, value: { opened: true } }))
    vi.stubGlobal('fetch', fetch)
    try {
      const result = await createHttpClient(ORIGIN).api.openExternal({ url: 'https://x.test/' })
      expect(result).toEqual({ ok: true, value: { opened: true } })
      expect(fetch).toHaveBeenCalledOnce()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('serves assets from /media/<id>/ and opens only safe links', async () => {
    const opened: string[] = []
    const client = createHttpClient(ORIGIN, { fetch: vi.fn(), openWindow: (url) => opened.push(url) })
    expect(client.assetBase('abc')).toBe(`${ORIGIN}/media/abc/`)
    await client.openExternal('javascript:alert(1)')
    await client.openExternal('file:///etc/passwd')
    await client.openExternal('https://example.test/')
    expect(opened).toEqual(['https://example.test/'])
  })

  it('shares one EventSource for all subscribers and delivers parsed payloads', () => {
    const sources: FakeEventSource[] = []
    class FakeEventSource extends EventTarget {
      closed = false
      constructor(readonly url: string) {
        super()
        sources.push(this)
      }
      close() {
        this.closed = true
      }
    }
    const client = createHttpClient(ORIGIN, {
      fetch: vi.fn(),
      EventSource: FakeEventSource as unknown as typeof EventSource
    })
    const a: unknown[] = []
    const b: unknown[] = []
    const offA = client.api.on('libraryChanged', (p) => a.push(p))
    const offB = client.api.on('libraryChanged', (p) => b.push(p))
    expect(sources).toHaveLength(1)
    expect(sources[0]!.url).toBe(`${ORIGIN}/api/events`)

    sources[0]!.dispatchEvent(new MessageEvent('libraryChanged', { data: JSON.stringify({ ids: ['a1'] }) }))
    expect(a).toEqual([{ ids: ['a1'] }])
    expect(b).toEqual([{ ids: ['a1'] }])

    offA()
    expect(sources[0]!.closed).toBe(false)
    offB()
    expect(sources[0]!.closed).toBe(true)
  })
})
