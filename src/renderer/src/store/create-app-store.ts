import { createStore, type StoreApi } from 'zustand/vanilla'
import { EVENT_NAMES, type EventName, type EventPayloads } from '../../../shared/contract-names'
import type { LecternClient } from '../api/lectern-client'
import type { ReaderControlsHandle } from '../keyboard/reader-controls'
import type { AppState, SliceDeps } from './app-state'
import { createImportSlice } from './import-slice'
import { createLibraryActionsSlice } from './library-actions-slice'
import { createLibraryUiSlice } from './library-ui-slice'
import { createListSlice } from './list-slice'
import { createReaderSlice } from './reader-slice'
import { createSearchSlice } from './search-slice'
import { createSelectionSlice } from './selection-slice'
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
  /** Pause in typing before a search is sent; default 120 ms. */
  searchDebounceMs?: number
}

/** Creates the one app store. Tests pass a fake client; nothing here knows the transport. */
export function createAppStore(client: LecternClient, options: AppStoreOptions = {}): AppStore {
  const deps: SliceDeps = {
    client,
    progressSaveDelayMs: options.progressSaveDelayMs ?? 1000,
    searchDebounceMs: options.searchDebounceMs ?? 120
  }
  const store = createStore<AppState>()((...a) => ({
    ...createListSlice(deps)(...a),
    ...createSelectionSlice(deps)(...a),
    ...createLibraryActionsSlice(deps)(...a),
    ...createLibraryUiSlice(deps)(...a),
    ...createReaderSlice(deps)(...a),
    ...createImportSlice(deps)(...a),
    ...createSettingsSlice(deps)(...a),
    ...createSearchSlice(deps)(...a)
  }))
  // What the store does with each core event: a complete record over the contract's events, so an event
  // added to the contract does not compile until the renderer handles it.
  const receivers: { [E in EventName]: (payload: EventPayloads[E]) => void } = {
    // Another window, the CLI or an import finishing elsewhere changed the library: refresh what we show.
    libraryChanged: () => {
      store.getState().libraryChanged()
      store.getState().refreshSearch()
    },
    settingsChanged: (settings) => store.getState().receiveSettings(settings),
    importProgress: (progress) => store.getState().receiveImportProgress(progress),
    indexProgress: (progress) => store.getState().receiveIndexProgress(progress)
  }
  const subscribe = <E extends EventName>(event: E) => client.api.on(event, receivers[event])
  const offEvents = EVENT_NAMES.map(subscribe)
  // Choosing another library view (or tag, or site) leaves the search results for that list.
  const offView = store.subscribe((state, previous) => {
    const listChanged = state.view !== previous.view || state.tag !== previous.tag || state.site !== previous.site
    if (listChanged && state.searchQuery !== '') state.clearSearch()
  })
  return {
    ...store,
    client,
    reader: { current: null },
    dispose() {
      for (const off of offEvents) off()
      store.getState().stopLibraryTimers()
      offView()
      store.getState().clearSearch()
      void store.getState().flushProgress()
    }
  }
}
