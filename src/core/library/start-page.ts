import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LibraryCounts, LibraryPage, LibraryQuery } from '../../shared/types'

/**
 * The start page: the first page of the list the app opens on and the sidebar's numbers, as the library
 * was when it was last closed. `lectern serve` answers a browser's first calls from it while a large
 * library is still being read (0.5-1 s at 50,000 articles), so the list shows at once.
 *
 * Derived data (like index/), never the only copy of anything, and trusted only as far as it can be
 * checked: it is written at close once every change is on disk, with the size and modification time of
 * the files it was derived from (the manifest, every shard, and the articles folder, whose time changes
 * when a content folder comes or goes); it is used at the next open only if all of them are still exactly
 * so; and it is removed as the library opens, so a session that ends without closing (a crash) leaves none.
 */
export interface StartPage {
  query: LibraryQuery
  page: LibraryPage
  counts: LibraryCounts
}

/** Relative to the data dir. */
export const START_PAGE_FILE = 'start-page.json'

const VERSION = 1

/** [size, mtimeMs] of each file, or null for one that does not exist. */
type Stamps = Record<string, [number, number] | null>

interface StartPageFile extends StartPage {
  version: typeof VERSION
  stamps: Stamps
}

/** Writes the start page; `files` (relative to the data dir) are what it was derived from, all on disk now. */
export async function writeStartPage(dataDir: string, files: readonly string[], start: StartPage): Promise<void> {
  const path = join(dataDir, START_PAGE_FILE)
  const content: StartPageFile = { version: VERSION, stamps: await stampsOf(dataDir, files), ...start }
  // Replaced whole (a crash mid-write leaves the old file or none); not fsynced: a start page lost or torn
  // by a crash does not parse, or fails its stamps, and is not used.
  await writeFile(`${path}.tmp`, JSON.stringify(content))
  await rename(`${path}.tmp`, path)
}

/**
 * Reads and removes the start page; returns it when every file it was derived from is as it was then, else
 * null. Call it before anything in the data dir is written.
 */
export async function takeStartPage(dataDir: string): Promise<StartPage | null> {
  const path = join(dataDir, START_PAGE_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return null
  }
  await rm(path, { force: true })
  try {
    const saved = JSON.parse(text) as StartPageFile
    if (saved.version !== VERSION || !Array.isArray(saved.page?.items) || !saved.counts || !saved.query) return null
    const now = await stampsOf(dataDir, Object.keys(saved.stamps))
    if (JSON.stringify(now) !== JSON.stringify(saved.stamps)) return null
    return { query: saved.query, page: saved.page, counts: saved.counts }
  } catch {
    return null
  }
}

async function stampsOf(dataDir: string, files: readonly string[]): Promise<Stamps> {
  const stamps = await Promise.all(
    files.map(async (file) => {
      try {
        const info = await stat(join(dataDir, file))
        return [info.size, info.mtimeMs] as [number, number]
      } catch {
        return null
      }
    })
  )
  return Object.fromEntries(files.map((file, i) => [file, stamps[i] ?? null]))
}
