import type { RecoveryNotice } from '../../../shared/types'
import type { SliceCreator } from './app-state'

/** The library's dialogs and notices: the tag editor, the shortcuts dialog, the repair notice. */
export interface LibraryUiSlice {
  /** Library files that were damaged at start, and what was done; shown until dismissed. */
  recovery: RecoveryNotice[]
  /** The articles the tag editor is open for, or null. */
  tagEditorIds: string[] | null
  /** Whether the keyboard shortcuts dialog (?) is showing. */
  shortcutsOpen: boolean

  loadLibraryStatus(): Promise<void>
  /** Hides the repair notice and tells the core it was read (it is shown at every start until then). */
  dismissRecovery(): Promise<void>
  openTagEditor(ids: string[]): void
  closeTagEditor(): void
  setShortcutsOpen(open: boolean): void
}

export const createLibraryUiSlice: SliceCreator<LibraryUiSlice> =
  ({ client }) =>
  (set) => ({
    recovery: [],
    tagEditorIds: null,
    shortcutsOpen: false,

    async loadLibraryStatus() {
      const result = await client.api.getLibraryStatus({})
      if (result.ok) set({ recovery: result.value.recovered })
    },

    async dismissRecovery() {
      set({ recovery: [] })
      await client.api.dismissRepairs({})
    },

    openTagEditor: (ids) => set({ tagEditorIds: ids.length > 0 ? ids : null }),
    closeTagEditor: () => set({ tagEditorIds: null }),
    setShortcutsOpen: (open) => set({ shortcutsOpen: open })
  })
