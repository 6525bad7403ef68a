import { openSync, closeSync, linkSync, readFileSync, renameSync, rmSync, writeSync, fsyncSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { LecternError } from '../../shared/errors'

/** Data dirs this process holds: a second open in the same process is refused like one from another process. */
const held = new Set<string>()

/**
 * One writer per data dir: a lock file holding the owner's pid, created exclusively. The app, the server
 * and the CLI all respect it; a CLI command run while the app has the library open says so (LIBRARY_IN_USE)
 * rather than writing behind the app's back. A lock left by a process that no longer runs is taken over.
 */
export function acquireDataLock(dataDir: string): () => void {
  const path = join(dataDir, 'lectern.lock')
  const key = resolve(dataDir)
  if (held.has(key)) throw inUse(dataDir, process.pid)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      fsyncSync(fd)
      closeSync(fd)
      held.add(key)
      let released = false
      return () => {
        if (released) return
        released = true
        held.delete(key)
        rmSync(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = readOwner(path)
      if (owner && owner !== process.pid && isRunning(owner)) throw inUse(dataDir, owner)
      takeOverStale(path, owner)
    }
  }
  throw new LecternError('LIBRARY_IN_USE', `Could not lock the library in ${dataDir}.`)
}

function inUse(dataDir: string, owner: number): LecternError {
  return new LecternError(
    'LIBRARY_IN_USE',
    `The library in ${dataDir} is open in another Lectern (process ${owner}). Close it first, or choose another folder with --data-dir.`
  )
}

function readOwner(path: string): number {
  try {
    return Number(readFileSync(path, 'utf8').trim())
  } catch {
    return 0
  }
}

/**
 * Removes a stale lock without ever removing a live one: two processes may find the same stale lock, and
 * the slower one must not delete the lock the faster one just created. The lock is renamed to a name of
 * our own first (atomic: only one process gets it); if what we got is not the stale lock we judged, it is
 * put back with link (which fails if a lock exists again, so nothing is overwritten).
 */
function takeOverStale(path: string, staleOwner: number): void {
  const mine = `${path}.${process.pid}.stale`
  try {
    renameSync(path, mine)
  } catch {
    return // someone else moved it; try again
  }
  if (readOwner(mine) !== staleOwner) {
    try {
      linkSync(mine, path)
    } catch {
      // a new lock exists: theirs stands
    }
  }
  rmSync(mine, { force: true })
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
