import { join } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { contract } from '../../shared/contract'
import { DEFAULT_SETTINGS, type Settings } from '../../shared/types'

/**
 * Reading preferences in <dataDir>/settings.json. A file that is missing, unreadable or holds values
 * out of range yields the defaults for those values, never an error: preferences are not worth a crash.
 */
export class SettingsStore {
  private constructor(private readonly db: Low<Settings>) {}

  static async open(dataDir: string): Promise<SettingsStore> {
    const db = new Low<Settings>(new JSONFile(join(dataDir, 'settings.json')), { ...DEFAULT_SETTINGS })
    try {
      await db.read()
    } catch {
      db.data = { ...DEFAULT_SETTINGS }
    }
    db.data = { ...DEFAULT_SETTINGS, ...validOnly(db.data) }
    return new SettingsStore(db)
  }

  get(): Settings {
    return { ...this.db.data }
  }

  async update(change: Partial<Settings>): Promise<Settings> {
    this.db.data = { ...this.db.data, ...validOnly(change) }
    await this.db.write()
    return this.get()
  }
}

/** Keeps the fields that pass the contract's own schema, one by one. */
function validOnly(value: unknown): Partial<Settings> {
  if (!value || typeof value !== 'object') return {}
  const shape = contract.updateSettings.input
  const kept: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    if (shape.safeParse({ [key]: field }).success) kept[key] = field
  }
  return kept as Partial<Settings>
}
