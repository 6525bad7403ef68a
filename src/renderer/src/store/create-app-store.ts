import { createStore, type StoreApi } from 'zustand/vanilla'
import type { LecternClient } from '../api/lectern-client'
import type { AppState, SettingsStorage, SliceDeps } from './app-state'
import { createImportSlice } from './import-slice'
import { createLibrarySlice } from './library-slice'
import { createReaderSlice } from './reader-slice'
import { createSettingsSlice } from './settings-slice'

export interface AppStore extends StoreApi<AppState> {
  /** The client the store talks to; components use it for asset URLs and opening links. */
  client: LecternClient
  /** Stops listening to server events (tests, hot reload). */
  dispose(): void
}

export interface AppStoreOptions {
  /** Where the theme is persisted; defaults to localStorage when there is one. */
  storage?: SettingsStorage | null
}

function defaultStorage(): SettingsStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

/** Creates the one app store. Tests pass a fake client; nothing here knows the transport. */
export function createAppStore(client: LecternClient, options: AppStoreOptions = {}): AppStore {
  const deps: SliceDeps = {
    client,
    storage: options.storage === undefined ? defaultStorage() : options.storage
  }
  const store = createStore<AppState>()((...a) => ({
    ...createLibrarySlice(deps)(...a),
    ...createReaderSlice(deps)(...a),
    ...createImportSlice(deps)(...a),
    ...createSettingsSlice(deps)(...a)
  }))
  // Another window, the CLI or an import finishing elsewhere changed the library: refresh what we show.
  const unsubscribe = client.api.on('libraryChanged', () => {
    void store.getState().load()
  })
  return { ...store, client, dispose: unsubscribe }
}
