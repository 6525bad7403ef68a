import type { FetchLimits } from './fetch-limited'
import type { ImageLimits } from './localize-images'

export interface ImportLimits {
  page: FetchLimits
  images: ImageLimits
}

/** Defaults sized for articles: generous for real pages, small enough that a hostile one cannot hurt. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  page: { timeoutMs: 30_000, maxBytes: 15_000_000, maxRedirects: 5 },
  images: { timeoutMs: 20_000, maxBytes: 10_000_000, maxRedirects: 5, maxImages: 150, concurrency: 4 }
}
