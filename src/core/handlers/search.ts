import type { Handlers } from '../../shared/contract'
import type { HandlerContext } from './context'

/** Full-text search and the saved searches shown as sidebar views. */
export function searchHandlers({
  search,
  savedSearches
}: Pick<HandlerContext, 'search' | 'savedSearches'>): Pick<
  Handlers,
  'search' | 'listSavedSearches' | 'saveSearch' | 'deleteSavedSearch'
> {
  return {
    async search(input) {
      return search.search(input)
    },
    async listSavedSearches() {
      return savedSearches.list()
    },
    async saveSearch(input) {
      return savedSearches.save(input)
    },
    async deleteSavedSearch({ id }) {
      await savedSearches.delete(id)
      return { id }
    }
  }
}
