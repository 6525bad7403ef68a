import { readFileSync, statSync } from 'node:fs'
import { extname, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/**
 * Reads a file of the built renderer, or null if the path is outside it or missing. Synchronously: the files
 * are few, small and in the page cache, and while a large library opens the event loop parses one shard per
 * turn, so each of the four or five awaits of an async read would wait behind a shard (~10-30 ms each).
 */
export function readStaticFile(root: string, urlPath: string): { body: Buffer; type: string } | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = resolve(root)
  const full = resolve(base, `.${decoded === '/' ? '/index.html' : decoded}`)
  if (full !== base && !full.startsWith(base + sep)) return null
  try {
    if (!statSync(full).isFile()) return null
    return { body: readFileSync(full), type: TYPES[extname(full)] ?? 'application/octet-stream' }
  } catch {
    return null
  }
}
