import type { EventBus } from '../event-bus'
import type { ImportLimits } from '../import/import-limits'
import type { LibraryStore } from '../library/library-store'
import type { SavedSearchStore } from '../search/saved-searches'
import type { SearchService } from '../search/search-service'
import type { SettingsStore } from '../settings/settings-store'

/** What the contract's handlers work on: the core's stores and services, opened by createCore. */
export interface HandlerContext {
  store: LibraryStore
  settings: SettingsStore
  savedSearches: SavedSearchStore
  search: SearchService
  events: EventBus
  limits: ImportLimits
  /** Pages fetched at once in a bulk import. */
  bulkConcurrency: number
  /** How this host opens a checked external link; absent where the browser does it. */
  openExternal?: (url: string) => Promise<void>
}
