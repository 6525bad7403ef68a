import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

/** One payload of the XSS corpus (tests/fixtures/xss/*.json, sources and licences in its README). */
export interface XssPayload {
  /** Stable and unique across the corpus: `dompurify-034`, `h5sc-147`, `mxss-003`, `patt-rsnake-012`, ... */
  id: string
  title: string
  html: string
}

interface CorpusFile {
  source: string
  payloads: XssPayload[]
}

// Not `new URL(relative, import.meta.url)`: vite rewrites that pattern into an asset URL in web environments.
const folder = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/xss')

/** Every payload file of the corpus, by source name. */
export function loadXssCorpus(): { source: string; payloads: XssPayload[] }[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = JSON.parse(readFileSync(join(folder, name), 'utf8')) as CorpusFile
      return { source: file.source, payloads: file.payloads.map(({ id, title, html }) => ({ id, title, html })) }
    })
}

/** All payloads of the corpus, in file order. */
export function xssPayloads(): XssPayload[] {
  return loadXssCorpus().flatMap((file) => file.payloads)
}
