import { createHash } from 'node:crypto'
import { decodeHtml, type EncodingSource } from './decode-html'
import { extractArticleWith, type ExtractedArticle, type ExtractOptions } from './extract-article'

/** A page as the import has it: bytes from a server or a file, or HTML kept at import (re-extraction). */
export interface PageInput {
  bytes?: Uint8Array
  html?: string
  /** The response's Content-Type (its charset decides before the page's own <meta>). */
  contentType?: string
  /** Where the page is: the base for relative addresses. */
  pageUrl: string
  options?: ExtractOptions
  /** Also hash the decoded page (names a page saved from a file; ~1 ms a page otherwise spent for nothing). */
  hash?: boolean
}

/** What reading a page yields: its decoded HTML (kept to re-extract later), how it was decoded, the article. */
export interface ReadPage {
  sourceHtml: string
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
  const decoded =
    input.html !== undefined
      ? { html: input.html, encoding: 'UTF-8', source: 'kept' as const }
      : decodeHtml(input.bytes ?? new Uint8Array(), input.contentType)
  const extracted = extractArticleWith(decoded.html, input.pageUrl, input.options ?? {})
  return {
    sourceHtml: decoded.html,
    encoding: decoded.encoding,
    encodingSource: decoded.source,
    sourceHash: input.hash ? createHash('sha256').update(decoded.html).digest('hex') : null,
    extracted
  }
}
