import { openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { LecternError } from '../shared/errors'

/**
 * One writer per data dir: a lock file holding the owner's pid, created exclusively. A lock left by a
 * process that no longer runs is taken over. The app, the server and the CLI all respect it.
 */
export function acquireDataLock(dataDir: string): () => void {
  const path = join(dataDir, 'lectern.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      let released = false
      return () => {
        if (released) return
        released = true
        rmSync(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(readFileSync(path, 'utf8').trim())
      if (owner && owner !== process.pid && isRunning(owner)) {
        throw new LecternError(
          'LIBRARY_IN_USE',
          `The library in ${dataDir} is open in another Lectern (process ${owner}). Close it first, or choose another folder with --data-dir.`
        )
      }
      rmSync(path, { force: true }) // stale: its owner is gone
    }
  }
  throw new LecternError('LIBRARY_IN_USE', `Could not lock the library in ${dataDir}.`)
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
