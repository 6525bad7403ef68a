import { lstat, readFile } from 'node:fs/promises'
import { protocol as electronProtocol, type Protocol } from 'electron'
import { assetContentType, resolveAssetPath } from '../core/library/asset-path'

/** The scheme article images are served from: lectern://articles/<id>/assets/<sha256>.<ext>. */
export const ASSET_SCHEME = 'lectern'
const ASSET_HOST = 'articles'
// Two segments after the host: the article id, then "assets/<file>". Ids and stored names never need
// percent-encoding, so nothing is decoded: any "%" (an encoded "/", "." or NUL) simply fails to match
// resolveAssetPath's patterns and is answered 404.
const ASSET_PATH = /^\/([^/]+)\/(assets\/[^/]+)$/

/**
 * Declares the lectern: scheme privileged. This MUST run before the app's 'ready' event (so at the top
 * level of main): Chromium reads the list of standard/secure schemes once, while it starts, and later calls
 * are ignored. `standard` gives the scheme real origins and relative-URL resolution, `secure` keeps images
 * from counting as mixed content, `supportFetchAPI` lets the renderer fetch() an asset if it needs to.
 */
export function registerAssetScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'> = electronProtocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

// Every answer says nosniff, so a stored file is only ever what its checked extension says it is.
const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff' }

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }
  })
}

/**
 * Answers one lectern:// request from the files in `dataDir`. Only
 * `lectern://articles/<id>/assets/<sha256>.<ext>` naming an existing file inside that article's folder is
 * served; every other URL (other hosts, "..", encoded separators, absolute paths, missing files) is a 404.
 */
export async function assetResponse(rawUrl: string, dataDir: string, method = 'GET'): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: { ...BASE_HEADERS, Allow: 'GET, HEAD' } })
  }
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return notFound()
  }
  if (url.protocol !== `${ASSET_SCHEME}:` || url.host !== ASSET_HOST || url.username || url.password) return notFound()
  const match = ASSET_PATH.exec(url.pathname)
  if (!match) return notFound()
  const [, articleId = '', relPath = ''] = match
  const file = resolveAssetPath(dataDir, articleId, relPath)
  if (file === null) return notFound()

  let body: Buffer
  try {
    // lstat, not stat: the importer only writes regular files, so a symlink in an assets folder is not
    // ours and is not followed out of the data dir.
    const info = await lstat(file)
    if (!info.isFile()) return notFound()
    body = method === 'HEAD' ? Buffer.alloc(0) : await readFile(file)
  } catch {
    return notFound() // missing (or unreadable): the same answer, nothing about the file system leaks
  }
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      ...BASE_HEADERS,
      'Content-Type': assetContentType(file),
      // Assets are named by their sha256, so a URL's bytes never change.
      'Cache-Control': 'private, max-age=31536000, immutable'
    }
  })
}

/** Serves lectern:// from the data dir. Call after 'ready' (protocol.handle needs the app to be ready). */
export function handleAssetProtocol(protocol: Pick<Protocol, 'handle'>, dataDir: string): void {
  protocol.handle(ASSET_SCHEME, (request) => assetResponse(request.url, dataDir, request.method))
}
