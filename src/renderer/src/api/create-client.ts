import { createElectronClient } from './electron-client'
import { createHttpClient } from './http-client'
import type { LecternClient } from './lectern-client'
import { stripTokenQuery } from './strip-token-query'

/** Electron's preload exposes `window.lectern`; without it we are a page served by `lectern serve`. */
export function createClient(): LecternClient {
  if (window.lectern !== undefined) return createElectronClient(window.lectern)
  stripTokenQuery()
  return createHttpClient(location.origin)
}
