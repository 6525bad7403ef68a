import type { StateCreator } from 'zustand'
import type { LecternClient } from '../api/lectern-client'
import type { ImportSlice } from './import-slice'
import type { LibraryActionsSlice } from './library-actions-slice'
import type { LibraryUiSlice } from './library-ui-slice'
import type { ListSlice } from './list-slice'
import type { ReaderSlice } from './reader-slice'
import type { SelectionSlice } from './selection-slice'
import type { SearchSlice } from './search-slice'
import type { SettingsSlice } from './settings-slice'

/** The library's part of the state: the list, where the user is in it, what they do to it, its dialogs. */
export type LibrarySlice = ListSlice & SelectionSlice & LibraryActionsSlice & LibraryUiSlice

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
