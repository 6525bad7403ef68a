import type { FetchLimits } from './fetch-limited'
import type { ImageLimits } from './store-images'

/** How long reading one page may take in a worker before it is given up (wikipedia-2, the longest test page: ~1 s). */
export const DEFAULT_EXTRACT_TIMEOUT_MS = 20_000

export interface ImportLimits {
  page: FetchLimits
  images: ImageLimits
  /** How long reading one page (decode, extract, sanitize) may take in the worker before it is given up. */
  extractTimeoutMs?: number
}

/** Defaults sized for articles: generous for real pages, small enough that a hostile one cannot hurt. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  page: { timeoutMs: 30_000, maxBytes: 15_000_000, maxRedirects: 5 },
  images: { timeoutMs: 20_000, maxBytes: 10_000_000, maxRedirects: 5, maxImages: 150, concurrency: 4 },
  extractTimeoutMs: DEFAULT_EXTRACT_TIMEOUT_MS
}
