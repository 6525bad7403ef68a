import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where our own renderer lives, and the one test of "is this URL our window?" that IPC sender checks and
 * navigation guards share. Everything else (other files, other origins, about:, data:, custom schemes)
 * is foreign.
 */
export interface RendererLocation {
  /** The electron-vite dev server (`ELECTRON_RENDERER_URL`), honoured only when not packaged. */
  readonly devUrl: string | null
  /** The built renderer: out/renderer/index.html. */
  readonly indexHtml: string
}

// main is bundled into out/main/index.js (ESM), so "here" is out/main/ at run time.
const here = fileURLToPath(new URL('.', import.meta.url))

/** The built sandboxed preload (CommonJS: a sandboxed preload cannot be an ES module). */
export const PRELOAD_PATH = join(here, '../preload/index.cjs')
/** The built renderer entry. */
export const RENDERER_INDEX_HTML = join(here, '../renderer/index.html')

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Reads the dev server URL from the environment. It is trusted with the whole IPC surface, so it is only
 * honoured in an unpackaged app and only when it points at a loopback http(s) server; anything else is
 * ignored (with a warning) and the built renderer is used.
 */
export function rendererLocation(
  env: NodeJS.ProcessEnv = process.env,
  isPackaged = false,
  indexHtml = RENDERER_INDEX_HTML
): RendererLocation {
  const raw = env.ELECTRON_RENDERER_URL
  let devUrl: string | null = null
  if (raw && !isPackaged) {
    try {
      const url = new URL(raw)
      if ((url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) devUrl = url.href
      else console.warn(`lectern: ignoring ELECTRON_RENDERER_URL=${raw}: not a loopback http(s) URL`)
    } catch {
      console.warn(`lectern: ignoring ELECTRON_RENDERER_URL=${raw}: not a URL`)
    }
  }
  return { devUrl, indexHtml: resolve(indexHtml) }
}

/**
 * True when `raw` is a document of our renderer: the dev server's origin in dev, else exactly the built
 * index.html as a file:// URL (query and hash ignored, so hash routing keeps working).
 */
export function isOurRendererUrl(raw: string, location: RendererLocation): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (location.devUrl !== null) return url.origin === new URL(location.devUrl).origin
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return false
  try {
    url.search = ''
    url.hash = ''
    return resolve(fileURLToPath(url)) === location.indexHtml
  } catch {
    return false
  }
}
