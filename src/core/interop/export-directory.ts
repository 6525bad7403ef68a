import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import { UniqueNames } from './safe-file-name'

/** A folder an export writes files into, never over a file already there. */
export interface ExportDirectory {
  /** Unique names for this folder (already-present files are never handed out). */
  names: UniqueNames
  /** Writes a file at a path relative to the folder (made by `names`, or "assets/<file>"). */
  write(path: string, data: string | Uint8Array): Promise<void>
}

/**
 * Opens (creating it if needed) the folder a directory export (markdown, html) writes to. A path that
 * would leave the folder is a bug and throws; an existing file is never overwritten ('wx'), except that an
 * image already written under its content hash is the same bytes and is left as it is.
 */
export async function openExportDirectory(root: string): Promise<ExportDirectory> {
  const base = resolve(root)
  await mkdir(base, { recursive: true })
  const names = new UniqueNames(await readdir(base))
  const made = new Set<string>()
  return {
    names,
    async write(path, data) {
      const full = resolve(join(base, path))
      if (!full.startsWith(base + sep)) throw new Error(`export path outside its folder: ${path}`)
      const parent = full.slice(0, full.lastIndexOf(sep))
      if (parent !== base && !made.has(parent)) {
        await mkdir(parent, { recursive: true })
        made.add(parent)
      }
      try {
        await writeFile(full, data, { flag: 'wx', mode: 0o644 })
      } catch (error) {
        const hashed = /(^|\/)assets\/[a-f0-9]{64}\.\w+$/.test(path)
        if (!(hashed && (error as NodeJS.ErrnoException).code === 'EEXIST')) throw error
      }
    }
  }
}
