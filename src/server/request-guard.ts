import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * Who may talk to the browser-mode server: only pages served by it (DNS rebinding is stopped by the Host
 * check, cross-site requests by the Origin check) and only with the random per-start token, given once in
 * the printed address and then kept in an HttpOnly, SameSite=Strict cookie (or sent as a Bearer header).
 */
export interface GuardConfig {
  port: number
  token: string
}

export type GuardVerdict = 'ok' | 'bad-host' | 'bad-origin' | 'no-token'

export const tokenCookieName = (port: number): string => `lectern_token_${port}`

export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
}

export function checkRequest(req: IncomingMessage, config: GuardConfig, queryToken: string | null): GuardVerdict {
  const host = req.headers.host ?? ''
  if (!allowedOrigins(config.port).includes(`http://${host}`)) return 'bad-host'
  const origin = req.headers.origin
  if (origin !== undefined && !allowedOrigins(config.port).includes(origin)) return 'bad-origin'
  return presentedTokens(req, config.port, queryToken).some((t) => sameToken(t, config.token)) ? 'ok' : 'no-token'
}

function presentedTokens(req: IncomingMessage, port: number, queryToken: string | null): string[] {
  const tokens: string[] = []
  if (queryToken) tokens.push(queryToken)
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) tokens.push(auth.slice(7).trim())
  const cookieName = tokenCookieName(port)
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === cookieName) tokens.push(rest.join('='))
  }
  return tokens
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
