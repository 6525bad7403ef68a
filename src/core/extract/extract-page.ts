import { createHash } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import { LecternError } from '../../shared/errors'
import { decodeHtml, type EncodingSource } from './decode-html'
import { extractArticleWith, type ExtractedArticle, type ExtractOptions } from './extract-article'

/** A page as the import has it: bytes from a server or a file, or the page kept at import (re-extraction). */
export interface PageInput {
  bytes?: Uint8Array
  html?: string
  /** The page as kept at import (source.html.gz: decoded, UTF-8, gzipped). */
  gz?: Uint8Array
  /** The response's Content-Type (its charset decides before the page's own <meta>). */
  contentType?: string
  /** Where the page is: the base for relative addresses. */
  pageUrl: string
  options?: ExtractOptions
  /** Also hash the decoded page (names a page saved from a file; ~1 ms a page otherwise spent for nothing). */
  hash?: boolean
}

/** What reading a page yields: the decoded page gzipped (kept to re-extract later), how it was decoded, the article. */
export interface ReadPage {
  /** The decoded page as UTF-8, gzipped: what source.html.gz holds. Bytes, not a string, so the process
   * that stores it never holds the page in its own heap. */
  sourceGz: Uint8Array
  encoding: string
  encodingSource: EncodingSource | 'kept'
  /** sha256 of the decoded page, hex, when asked for. */
  sourceHash: string | null
  extracted: ExtractedArticle
}

/**
 * Decodes and extracts one page: all the CPU work of an import, run in the extract worker pool (and
 * in-process by the benchmark). Throws LecternError (NOT_AN_ARTICLE, UNSUPPORTED_ENCODING) and nothing else.
 */
export function readPage(input: PageInput): ReadPage {
  const kept = input.gz ? inflateKept(input.gz) : input.html
  const decoded =
    kept !== undefined
      ? { html: kept, encoding: 'UTF-8', source: 'kept' as const }
      : decodeHtml(input.bytes ?? new Uint8Array(), input.contentType)
  const extracted = extractArticleWith(decoded.html, input.pageUrl, input.options ?? {})
  return {
    sourceGz: input.gz ?? gzipSync(decoded.html),
    encoding: decoded.encoding,
    encodingSource: decoded.source,
    sourceHash: input.hash ? createHash('sha256').update(decoded.html).digest('hex') : null,
    extracted
  }
}

// The kept page is at most 15 MB as fetched; decoded to UTF-8 it can grow up to threefold. A file that
// inflates past this was not written by Lectern (a damaged or planted file could be a gzip bomb).
const MAX_KEPT_PAGE_BYTES = 64_000_000

function inflateKept(gz: Uint8Array): string {
  try {
    return gunzipSync(gz, { maxOutputLength: MAX_KEPT_PAGE_BYTES }).toString('utf8')
  } catch {
    throw new LecternError('NOT_FOUND', 'The page kept at import is damaged, so the article cannot be extracted again.')
  }
}
