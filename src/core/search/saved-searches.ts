import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { LecternError } from '../../shared/errors'
import type { SavedSearch } from '../../shared/types'

interface SavedSearchData {
  savedSearches: SavedSearch[]
}

/** The user's saved searches (sidebar views), in <dataDir>/saved-searches.json. */
export class SavedSearchStore {
  private constructor(private readonly db: Low<SavedSearchData>) {}

  static async open(dataDir: string): Promise<SavedSearchStore> {
    const db = new Low<SavedSearchData>(new JSONFile(join(dataDir, 'saved-searches.json')), { savedSearches: [] })
    try {
      await db.read()
    } catch {
      // A damaged file must not stop the library from opening; it is kept until the next save replaces it.
      db.data = { savedSearches: [] }
    }
    if (!Array.isArray(db.data?.savedSearches)) db.data = { savedSearches: [] }
    return new SavedSearchStore(db)
  }

  list(): SavedSearch[] {
    return this.db.data.savedSearches.map((s) => ({ ...s }))
  }

  /** Adds a saved search, or renames / changes the query of the one with `id`. */
  async save(input: { id?: string; name: string; query: string }): Promise<SavedSearch> {
    const list = this.db.data.savedSearches
    if (input.id) {
      const existing = list.find((s) => s.id === input.id)
      if (!existing) throw new LecternError('NOT_FOUND', 'That saved search no longer exists.')
      existing.name = input.name
      existing.query = input.query
      await this.db.write()
      return { ...existing }
    }
    const saved: SavedSearch = {
      id: `s-${randomBytes(6).toString('hex')}`,
      name: input.name,
      query: input.query,
      createdAt: new Date().toISOString()
    }
    list.push(saved)
    await this.db.write()
    return { ...saved }
  }

  async delete(id: string): Promise<void> {
    const list = this.db.data.savedSearches
    if (!list.some((s) => s.id === id)) throw new LecternError('NOT_FOUND', 'That saved search no longer exists.')
    this.db.data.savedSearches = list.filter((s) => s.id !== id)
    await this.db.write()
  }
}
