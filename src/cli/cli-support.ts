import { resolve } from 'node:path'
import { InvalidArgumentError } from 'commander'
import type { LecternApi } from '../shared/contract'
import { LecternError } from '../shared/errors'
import type { Result } from '../shared/result'
import { createCore, type CoreOptions, type LecternCore } from '../core/create-core'
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../core/import/import-limits'
import { defaultDataDir } from '../core/library/data-dir'
import { createLocalApi } from '../core/local-api'

/** Thrown for wrong command-line usage: exit code 2 instead of 1. */
export class UsageError extends Error {}

/** The options every command has (declared once, on the program). */
export interface GlobalOptions {
  dataDir?: string
}

/** Runs a command's action; its result is the exit code. */
export type Run = (action: () => Promise<number>) => Promise<void>

/** Prints one block of output, ending it with a newline. */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
}

/** A contract call's value; a failure becomes the LecternError the CLI reports (one line, exit 1). */
export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new LecternError(result.error.code, result.error.message)
  return result.value
}

/** Parses --timeout: seconds, greater than 0. */
export function parseTimeout(value: string): number {
  const seconds = Number(value)
  if (!(seconds > 0)) throw new InvalidArgumentError('--timeout takes a number of seconds greater than 0.')
  return seconds
}

/** The fetch limits with the page timeout of --timeout, when given. */
export function importLimits(timeoutSeconds: number | undefined): ImportLimits {
  if (timeoutSeconds === undefined) return DEFAULT_IMPORT_LIMITS
  return { ...DEFAULT_IMPORT_LIMITS, page: { ...DEFAULT_IMPORT_LIMITS.page, timeoutMs: timeoutSeconds * 1000 } }
}

/** Opens the core on --data-dir (else the default data dir). */
export function openCore(
  options: GlobalOptions & { timeout?: number },
  hooks: Pick<CoreOptions, 'onLocked' | 'onEarly' | 'openSearchAfterMs'> = {}
): Promise<LecternCore> {
  const dataDir = resolve(options.dataDir ?? defaultDataDir())
  return createCore({ dataDir, importLimits: importLimits(options.timeout), ...hooks })
}

/**
 * Runs a command against the library through the contract: opens it, says on stderr what was repaired when
 * it opened, calls `run` with the in-process API, and closes it (flushing every change) whatever happens.
 */
export async function withLibrary(
  options: GlobalOptions & { timeout?: number },
  run: (api: LecternApi) => Promise<number>
): Promise<number> {
  const core = await openCore(options)
  try {
    const api = createLocalApi(core)
    await reportRepairs(api)
    return await run(api)
  } finally {
    await core.close()
  }
}

/**
 * Repairs made when the library opened (a damaged file moved aside and restored) are said on stderr, so
 * the output of a command stays clean; they stay recorded for the app, which shows them until dismissed.
 */
export async function reportRepairs(api: LecternApi): Promise<void> {
  // Each message says where the damaged file was kept.
  for (const notice of valueOf(await api.getLibraryStatus({})).recovered)
    process.stderr.write(`lectern: the library was repaired when it opened: ${notice.message}\n`)
}
