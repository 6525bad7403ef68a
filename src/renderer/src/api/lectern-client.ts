import type { LecternApi } from '../../../shared/contract'

/**
 * What the renderer needs from its host. The contract API is the same everywhere; only where article assets
 * live and how a link leaves the app differ between Electron and browser mode.
 */
export interface LecternClient {
  api: LecternApi
  /** The URL the article's relative `assets/...` references resolve against (ends with a slash). */
  assetBase(articleId: string): string
  /** Opens a link outside the app, after the one http/https/mailto check; anything else is ignored. */
  openExternal(url: string): Promise<void>
}
