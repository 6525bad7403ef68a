import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { RecoveryNotice } from '../../shared/types'
import { writeFileDurably } from './durable-file'

/**
 * Repairs made at open (a damaged file moved aside and restored) are kept in the data dir until the user
 * dismisses them in the app: whichever process opened the library (the app, `lectern serve`, a CLI
 * command), the next window still says what happened and where the damaged file is.
 */
export const NOTICES_FILE = 'repair-notices.json'

/** The notices not yet dismissed, with this open's new ones added (and written before they are shown). */
export async function keepNotices(dataDir: string, fresh: readonly RecoveryNotice[]): Promise<RecoveryNotice[]> {
  const path = join(dataDir, NOTICES_FILE)
  let pending: RecoveryNotice[] = []
  try {
    const saved: unknown = JSON.parse(await readFile(path, 'utf8'))
    // Derived from files kept in corrupt/: a notices file that does not read is not worth failing an open.
    if (Array.isArray(saved))
      pending = saved.filter((n): n is RecoveryNotice => typeof n?.file === 'string' && typeof n?.message === 'string')
  } catch {
    // none yet
  }
  if (fresh.length === 0) return pending
  const all = [...pending, ...fresh]
  await writeFileDurably(path, JSON.stringify(all, null, 2))
  return all
}

/** The user has read them. */
export async function clearNotices(dataDir: string): Promise<void> {
  await rm(join(dataDir, NOTICES_FILE), { force: true })
}
