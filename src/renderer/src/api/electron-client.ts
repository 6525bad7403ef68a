import type { LecternApi } from '../../../shared/contract'
import { isSafeExternalUrl } from '../../../shared/external-url'
import type { LecternClient } from './lectern-client'

/** The client for the Electron window: the preload bridge is the API; assets come from the lectern: protocol. */
export function createElectronClient(bridge: LecternApi): LecternClient {
  return {
    api: bridge,
    assetBase: (articleId) => `lectern://articles/${encodeURIComponent(articleId)}/`,
    async openExternal(url) {
      // Checked here as well as in main: a refused link never even crosses the bridge.
      if (!isSafeExternalUrl(url)) return
      await bridge.openExternal({ url })
    }
  }
}
