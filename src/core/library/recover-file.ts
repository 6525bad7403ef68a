import { mkdir, readFile, rename, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { RecoveryNotice } from '../../shared/types'
import { readFromBackups } from './backups'
import { DamagedFileError, syncDir, writeFileDurably } from './durable-file'
import { fileStamp } from './file-stamp'

/** Where damaged library files are moved, relative to the data dir. Nothing in it is ever overwritten or removed. */
export const CORRUPT_DIR = 'corrupt'

export interface LoadedFile<T> {
  /** The file's data: as read, or restored from a backup; null when missing or lost. */
  data: T | null
  notice?: RecoveryNotice
}

/**
 * Reads one library file (relative path `file`) with `parse`. A damaged file is moved to corrupt/ (never
 * overwritten) and the newest backup copy that parses is restored in its place; without one the data is
 * null and the notice says what was lost and where the damaged file is. `read` is the file's text when the
 * caller has started reading it already.
 */
export async function loadLibraryFile<T>(
  dataDir: string,
  file: string,
  parse: (text: string, path: string) => T,
  describe: string,
  read?: Promise<string>
): Promise<LoadedFile<T>> {
  const path = join(dataDir, file)
  let text: string
  try {
    text = await (read ?? readFile(path, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { data: null }
    throw error
  }
  try {
    return { data: parse(text, path) }
  } catch (error) {
    if (!(error instanceof DamagedFileError)) throw error
    const movedTo = await moveAside(dataDir, file)
    const restored = await readFromBackups(dataDir, file, (backupText) => parse(backupText, path))
    if (restored) {
      await writeFileDurably(path, await readFile(join(dataDir, 'backups', restored.backup, file)))
      return {
        data: restored.data,
        notice: {
          file,
          problem: error.problem,
          movedTo,
          restoredFrom: restored.backup,
          lost: true,
          message: `${describe} (${file}) was damaged, so it was restored from the backup of ${restored.backup}; changes made after that backup may be missing. The damaged file was kept at ${movedTo}.`
        }
      }
    }
    return {
      data: null,
      notice: {
        file,
        problem: error.problem,
        movedTo,
        restoredFrom: null,
        lost: true,
        message: `${describe} (${file}) was damaged and there was no good backup of it. The damaged file was kept at ${movedTo}.`
      }
    }
  }
}

/** Moves a damaged file to corrupt/<name>.<stamp> (a fresh name, never an existing file) and returns its path. */
export async function moveAside(dataDir: string, file: string): Promise<string> {
  const dir = join(dataDir, CORRUPT_DIR)
  await mkdir(dir, { recursive: true })
  const stem = `${basename(file)}.${fileStamp()}`
  let target = join(dir, stem)
  for (let n = 1; await exists(target); n++) target = join(dir, `${stem}-${n}`)
  await rename(join(dataDir, file), target)
  await syncDir(dir)
  return target
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}
