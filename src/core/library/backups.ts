import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { syncDir } from './durable-file'
import { fileStamp } from './file-stamp'

/** Folder of the rotating backups, relative to the data dir: backups/<stamp>/library.json, …/library/meta-NN.json. */
export const BACKUP_DIR = 'backups'
/** Backups kept; older ones are removed after each new one. */
export const KEEP_BACKUPS = 5
const PARTIAL = '.partial'

/** Backup folder names, newest first (a backup still being written is not one). */
export async function listBackups(dataDir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(join(dataDir, BACKUP_DIR))
  } catch {
    return []
  }
  return names
    .filter((name) => !name.endsWith(PARTIAL))
    .sort()
    .reverse()
}

/**
 * Copies the library files into backups/<stamp>/, durably, and keeps the newest `keep`. Written under a
 * .partial name and renamed when complete, so a crash mid-backup never leaves a half backup that looks whole.
 * Each file is copied whole (a concurrent save renames a new version in; either version is complete).
 */
export async function makeBackup(
  dataDir: string,
  files: string[],
  keep = KEEP_BACKUPS,
  now = new Date()
): Promise<string> {
  const root = join(dataDir, BACKUP_DIR)
  let name = fileStamp(now)
  const existing = new Set(await listBackups(dataDir))
  for (let n = 1; existing.has(name); n++) name = `${fileStamp(now)}-${n}`
  const partial = join(root, name + PARTIAL)
  await rm(partial, { recursive: true, force: true })
  for (const file of files) {
    const target = join(partial, file)
    await mkdir(dirname(target), { recursive: true })
    try {
      await copyFile(join(dataDir, file), target)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
    const handle = await open(target, 'r')
    await handle.sync().finally(() => handle.close())
  }
  for (const dir of new Set(files.map((file) => dirname(join(partial, file))))) await syncDir(dir)
  await rename(partial, join(root, name))
  await syncDir(root)
  for (const old of (await listBackups(dataDir)).slice(keep))
    await rm(join(root, old), { recursive: true, force: true })
  // Leftovers of a backup interrupted by a crash.
  for (const entry of await readdir(root))
    if (entry.endsWith(PARTIAL) && entry !== name + PARTIAL)
      await rm(join(root, entry), { recursive: true, force: true })
  return name
}

/** The newest backup's copy of a file that passes `parse`, trying older backups when a newer copy is bad. */
export async function readFromBackups<T>(
  dataDir: string,
  file: string,
  parse: (text: string) => T
): Promise<{ data: T; backup: string } | null> {
  for (const backup of await listBackups(dataDir)) {
    let text: string
    try {
      text = await readFile(join(dataDir, BACKUP_DIR, backup, file), 'utf8')
    } catch {
      continue
    }
    try {
      return { data: parse(text), backup }
    } catch {
      continue
    }
  }
  return null
}

/** When the newest backup was made (its folder's mtime), or 0 when there is none. */
export async function newestBackupTime(dataDir: string): Promise<number> {
  const [newest] = await listBackups(dataDir)
  if (!newest) return 0
  return (await stat(join(dataDir, BACKUP_DIR, newest))).mtimeMs
}

/** The latest modification time of any of the given files (0 when none exists). */
export async function latestChange(dataDir: string, files: string[]): Promise<number> {
  // All at once: one after another, 33 stats are 33 turns of the event loop at the end of every open.
  const times = await Promise.all(
    files.map((file) =>
      stat(join(dataDir, file)).then(
        (info) => info.mtimeMs,
        () => 0
      )
    )
  ) // a missing shard is an empty one
  return Math.max(0, ...times)
}

/**
 * When backups are made while the library is open: at open when the library changed since the newest one,
 * then after a save at most every `intervalMs`; one at a time, failures logged (a backup is a safety net,
 * never a reason to fail a save).
 */
export class BackupSchedule {
  private running: Promise<void> | null = null
  private lastAt = 0

  constructor(
    private readonly dataDir: string,
    private readonly files: readonly string[],
    private readonly intervalMs: number,
    private readonly keep: number
  ) {}

  /** Called at open: backs up when a library file changed since the newest backup. */
  async atOpen(): Promise<void> {
    this.lastAt = await newestBackupTime(this.dataDir)
    if ((await latestChange(this.dataDir, [...this.files])) > this.lastAt) this.start()
  }

  /** Called after each save: backs up when the last backup is older than the interval. */
  afterSave(): void {
    if (Date.now() - this.lastAt >= this.intervalMs) this.start()
  }

  /** Resolves once a running backup has finished. */
  async settled(): Promise<void> {
    await this.running
  }

  private start(): void {
    if (this.running) return
    this.lastAt = Date.now()
    this.running = makeBackup(this.dataDir, [...this.files], this.keep)
      .then(() => undefined)
      .catch((error: unknown) => console.error('lectern: backing up the library failed', error))
      .finally(() => {
        this.running = null
      })
  }
}
