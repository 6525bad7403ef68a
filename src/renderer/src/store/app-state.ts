import type { StateCreator } from 'zustand'
import type { LecternClient } from '../api/lectern-client'
import type { ImportSlice } from './import-slice'
import type { LibrarySlice } from './library-slice'
import type { ReaderSlice } from './reader-slice'
import type { SearchSlice } from './search-slice'
import type { SettingsSlice } from './settings-slice'

/** The whole renderer state: one store, composed of slices so each concern stays small and testable. */
export type AppState = LibrarySlice & ReaderSlice & ImportSlice & SettingsSlice & SearchSlice

/** What slices may reach outside the store: the transport-neutral client and timing knobs. */
export interface SliceDeps {
  client: LecternClient
  /** How long scrolling must pause before the reading position is saved. */
  progressSaveDelayMs: number
  /** How long typing must pause before a search is sent. */
  searchDebounceMs: number
}

export type SliceCreator<S> = (deps: SliceDeps) => StateCreator<AppState, [], [], S>

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'
