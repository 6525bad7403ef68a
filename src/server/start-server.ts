import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EVENT_NAMES, METHOD_NAMES } from '../shared/contract'
import { assetContentType, resolveAssetPath } from '../core/library/asset-path'
import { answerEarly, type EarlyAnswers, type LecternCore } from '../core/create-core'
import { dispatch } from '../core/dispatch'
import { checkRequest, tokenCookieName } from './request-guard'
import { readStaticFile } from './static-files'

export interface ServerOptions {
  /**
   * The core, or the promise of it while the library opens: pages and scripts are served at once and API
   * calls wait for it, so a browser loads the app while a large library is still being read.
   */
  core: LecternCore | Promise<LecternCore>
  /**
   * While the core opens: what it can answer already (settings, and the list's first page from the start
   * page the last close left); see answerEarly. Resolves at once or with the core; null when there is none.
   */
  early?: Promise<EarlyAnswers | null>
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  /** Fixed token for tests; normally a fresh random one per start. */
  token?: string
}

export interface RunningServer {
  /** The address to open, token included. */
  url: string
  origin: string
  port: number
  token: string
  close(): Promise<void>
}

// Large enough for a dropped HTML file (addHtml); every request is authenticated and same-origin.
const MAX_BODY = 20_000_000
const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store'
}
// The page's policy is the <meta> CSP in the renderer's index.html (one place, shared with the Electron
// build); the header adds only what a <meta> policy cannot express.
const PAGE_HEADER_CSP = "frame-ancestors 'none'"

/**
 * Browser mode: the same contract as the Electron IPC, as POST /api/<method> on 127.0.0.1 only, core
 * events as server-sent events at /api/events, article images at /media/<id>/assets/<file>, and the built
 * renderer for everything else.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { rendererDir } = options
  const opening = Promise.resolve(options.core)
  const token = options.token ?? randomBytes(24).toString('base64url')
  const streams = new Set<ServerResponse>()
  let port = 0

  let unsubscribers: Array<() => void> = []
  let opened = false
  /** Library answers given before the core was open, checked against it once it is. */
  const answeredEarly: { name: string; input: unknown; body: string }[] = []
  /** Set when an early answer turned out not to hold: pages refresh, also ones whose event stream comes later. */
  let refreshOnConnect = false
  const refreshFrame = `event: libraryChanged\ndata: ${JSON.stringify({ ids: [] })}\n\n`
  // A core that fails to open is reported by whoever awaits it (the CLI); here it only means no events.
  void opening.then(
    async (core) => {
      opened = true
      unsubscribers = EVENT_NAMES.map((name) =>
        core.events.on(name, (payload) => {
          const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
          for (const stream of streams) stream.write(frame)
        })
      )
      // The start page held when the library opened (its files were unchanged), so this finds no difference
      // unless a file changed without its size or time changing; then pages refresh, as after a lost stream.
      for (const { name, input, body } of answeredEarly.splice(0)) {
        if (JSON.stringify(await dispatch(core.handlers, name, input)) === body) continue
        refreshOnConnect = true
        for (const stream of streams) stream.write(refreshFrame)
        break
      }
    },
    () => undefined
  )

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('lectern server: request failed', error)
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error')
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const queryToken = url.searchParams.get('token')
    const verdict = checkRequest(req, { port, token }, queryToken)
    if (verdict === 'bad-host' || verdict === 'bad-origin')
      return send(res, 403, 'text/plain', 'Forbidden: this server only answers its own pages on 127.0.0.1.')
    if (verdict === 'no-token') {
      return send(
        res,
        401,
        'text/plain',
        'Unauthorized: open the address that `lectern serve` printed (it carries the access token).'
      )
    }
    if (queryToken && req.method === 'GET') {
      // Trade the token in the address for a cookie, and drop it from the address bar and history.
      url.searchParams.delete('token')
      res.writeHead(303, {
        ...COMMON_HEADERS,
        'set-cookie': `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname + url.search
      })
      return void res.end()
    }

    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res)
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Use POST for API methods.')
      const name = url.pathname.slice('/api/'.length)
      if (!(METHOD_NAMES as readonly string[]).includes(name))
        return send(
          res,
          404,
          'application/json',
          JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: `Unknown method "${name}".` } })
        )
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
        return send(res, 415, 'text/plain', 'API requests must be JSON.')
      let input: unknown
      try {
        const body = await readBody(req)
        input = body.length ? JSON.parse(body) : {}
      } catch (error) {
        return send(
          res,
          400,
          'application/json',
          JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: (error as Error).message } })
        )
      }
      const early = opened ? null : await options.early
      const answer = early && !opened ? answerEarly(early, name, input) : null
      if (answer) {
        const body = JSON.stringify(answer)
        if (name !== 'getSettings') answeredEarly.push({ name, input, body })
        return send(res, 200, 'application/json', body)
      }
      const core = await opening
      return send(res, 200, 'application/json', JSON.stringify(await dispatch(core.handlers, name, input)))
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed.')

    const media = /^\/media\/([^/]+)\/(.+)$/.exec(url.pathname)
    if (media) {
      const path = resolveAssetPath((await opening).dataDir, media[1] as string, media[2] as string)
      const body = path ? await readFile(path).catch(() => null) : null
      if (!path || !body) return send(res, 404, 'text/plain', 'Not found')
      return send(res, 200, assetContentType(path), body, { 'content-security-policy': "default-src 'none'" })
    }

    const file = readStaticFile(rendererDir, url.pathname)
    if (!file) return send(res, 404, 'text/plain', 'Not found')
    const extra: Record<string, string> = file.type.startsWith('text/html')
      ? { 'content-security-policy': PAGE_HEADER_CSP }
      : {}
    return send(res, 200, file.type, file.body, extra)
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' })
    res.write(': connected\n\n')
    if (refreshOnConnect) res.write(refreshFrame)
    streams.add(res)
    res.on('close', () => streams.delete(res))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  // Comments keep idle event streams open through proxies and let dead ones be noticed.
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': ping\n\n')
  }, 25_000)
  heartbeat.unref()

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat)
        for (const off of unsubscribers) off()
        for (const stream of streams) stream.end()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {}
): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': type, ...extra })
  res.end(body)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error('Request body too large.')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}
