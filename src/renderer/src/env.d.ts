import type { LecternApi } from '../../shared/contract'

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge; absent in browser mode. */
    lectern?: LecternApi
  }
}

export {}
