import { createStore, type StoreApi } from 'zustand/vanilla'
import type { LecternClient } from '../api/lectern-client'
import type { ReaderControlsHandle } from '../keyboard/reader-controls'
import type { AppState, SliceDeps } from './app-state'
import { createImportSlice } from './import-slice'
import { createLibrarySlice } from './library-slice'
import { createReaderSlice } from './reader-slice'
import { createSettingsSlice } from './settings-slice'

export interface AppStore extends StoreApi<AppState> {
  /** The client the store talks to; components use it for asset URLs and opening links. */
  client: LecternClient
  /** The open reader's scrolling and printing, for keyboard shortcuts pressed outside the frame. */
  reader: ReaderControlsHandle
  /** Stops listening to server events and saves a pending reading position (tests, hot reload). */
  dispose(): void
}

export interface AppStoreOptions {
  /** Pause in scrolling before the reading position is saved; default 1 s. */
  progressSaveDelayMs?: number
}

/** Creates the one app store. Tests pass a fake client; nothing here knows the transport. */
export function createAppStore(client: LecternClient, options: AppStoreOptions = {}): AppStore {
  const deps: SliceDeps = { client, progressSaveDelayMs: options.progressSaveDelayMs ?? 1000 }
  const store = createStore<AppState>()((...a) => ({
    ...createLibrarySlice(deps)(...a),
    ...createReaderSlice(deps)(...a),
    ...createImportSlice(deps)(...a),
    ...createSettingsSlice(deps)(...a)
  }))
  // Another window, the CLI or an import finishing elsewhere changed the library: refresh what we show.
  const offLibrary = client.api.on('libraryChanged', () => {
    void store.getState().load()
  })
  const offSettings = client.api.on('settingsChanged', (settings) => store.getState().receiveSettings(settings))
  const offImport = client.api.on('importProgress', (progress) => store.getState().receiveImportProgress(progress))
  return {
    ...store,
    client,
    reader: { current: null },
    dispose() {
      offLibrary()
      offSettings()
      offImport()
      void store.getState().flushProgress()
    }
  }
}
