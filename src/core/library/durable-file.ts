import { open, readFile, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Adapter } from 'lowdb'
import { LecternError } from '../../shared/errors'

/** A library file that exists but cannot be used: it does not parse (truncated, NUL-filled, empty) or fails its schema. */
export class DamagedFileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: 'unreadable' | 'invalid',
    detail: string
  ) {
    super(`${path}: ${detail}`)
    this.name = 'DamagedFileError'
  }
}

/**
 * Writes a file so that after a crash or power loss either the old or the new version is on disk, whole:
 * temporary file, fsync it, rename over the old one, fsync the folder (the rename itself is only durable
 * once its directory entry is). steno, lowdb's default writer, renames but never fsyncs.
 */
export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.tmp`
  const file = await open(temp, 'w')
  try {
    await file.writeFile(data)
    await file.sync()
  } finally {
    await file.close()
  }
  await rename(temp, path)
  await syncDir(dirname(path))
}

/** Makes the entries of a folder (renames, new files) durable. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * lowdb's adapter for one JSON file, written durably. read() returns null for a missing file (lowdb then
 * keeps its default data) and throws DamagedFileError for one that does not parse or fails `validate`,
 * so the caller decides what to do with it; it is never overwritten here.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly validate: (value: unknown) => T = (value) => value as T
  ) {}

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    return parseJsonFile(this.path, text, this.validate)
  }

  async write(data: T): Promise<void> {
    // Serialized synchronously, before the first await: the snapshot is the data as it is now.
    await writeFileDurably(this.path, JSON.stringify(data))
  }
}

/** Parses and validates a library file's text; a damaged file is a DamagedFileError, never a guess. */
export function parseJsonFile<T>(path: string, text: string, validate: (value: unknown) => T): T {
  let value: unknown
  try {
    if (text.trim() === '') throw new Error('the file is empty')
    value = JSON.parse(text)
  } catch (error) {
    throw new DamagedFileError(path, 'unreadable', (error as Error).message)
  }
  try {
    return validate(value)
  } catch (error) {
    // A typed refusal (a library from a newer Lectern) is not damage: the file must stay where it is.
    if (error instanceof DamagedFileError || error instanceof LecternError) throw error
    throw new DamagedFileError(path, 'invalid', (error as Error).message)
  }
}
