import { readFile } from 'node:fs/promises'
import { LecternError } from '../../shared/errors'

/** Largest local file accepted, the same order as a fetched page. */
export const MAX_HTML_FILE_BYTES = 15_000_000

/** Reads a local file's bytes, refusing one too large to be an article. */
export async function readLocalFile(path: string): Promise<Buffer> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch {
    throw new LecternError('NOT_FOUND', `Cannot read ${path}.`)
  }
  if (bytes.length > MAX_HTML_FILE_BYTES)
    throw new LecternError('TOO_LARGE', `${path} is larger than ${MAX_HTML_FILE_BYTES / 1_000_000} MB.`)
  return bytes
}
