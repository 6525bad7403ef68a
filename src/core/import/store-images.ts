import { createHash } from 'node:crypto'
import { access, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fetchLimited, type FetchLimits } from './fetch-limited'
import { rasterImageExtension } from './image-type'

export interface ImageLimits extends FetchLimits {
  maxImages: number
  concurrency: number
}

export interface StoredImages {
  /** Original image address → stored path (assets/<sha256>.<ext>), for every image that could be stored. */
  map: Map<string, string>
  /** Local path of the lead image, if it could be stored. */
  leadImage: string | null
  stored: number
  failed: number
}

export interface StoreImagesOptions {
  cancel?: AbortSignal
  /** Images stored before (original address → path): reused without fetching when the file is there. */
  known?: Map<string, string>
}

/**
 * Downloads an article's images (and its lead image) into <articleDir>/assets, named by content hash so
 * the same picture is stored once. An image that fails (network, size, not a raster image) is simply not
 * in the map, and the article is shown without it; it never fails the import. Network and disk only: the
 * HTML is rewritten to the stored copies in the extract worker.
 */
export async function storeImages(
  imageUrls: readonly string[],
  leadImageUrl: string | null,
  articleDir: string,
  limits: ImageLimits,
  { cancel, known }: StoreImagesOptions = {}
): Promise<StoredImages> {
  const urls = [...new Set(imageUrls)].filter(Boolean).slice(0, limits.maxImages)
  if (leadImageUrl && !urls.includes(leadImageUrl)) urls.push(leadImageUrl)

  const local = new Map<string, string>()
  await mkdir(join(articleDir, 'assets'), { recursive: true })
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < urls.length && !cancel?.aborted) {
      const url = urls[next++] as string
      const path = (await reuse(known?.get(url), articleDir)) ?? (await storeImage(url, articleDir, limits, cancel))
      if (path) local.set(url, path)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limits.concurrency, urls.length) }, worker))
  return {
    map: local,
    leadImage: leadImageUrl ? (local.get(leadImageUrl) ?? null) : null,
    stored: new Set(local.values()).size,
    failed: urls.length - local.size
  }
}

async function reuse(path: string | undefined, articleDir: string): Promise<string | null> {
  if (!path) return null
  try {
    await access(join(articleDir, path))
    return path
  } catch {
    return null
  }
}

const IMAGE_MAP = 'images.json'

/** The image map written at import; empty when missing or unreadable (images are then fetched again). */
export async function readImageMap(articleDir: string): Promise<Map<string, string>> {
  try {
    const entries = JSON.parse(await readFile(join(articleDir, IMAGE_MAP), 'utf8')) as Record<string, string>
    return new Map(Object.entries(entries).filter(([, path]) => typeof path === 'string'))
  } catch {
    return new Map()
  }
}

export async function writeImageMap(articleDir: string, map: Map<string, string>): Promise<void> {
  await writeFile(join(articleDir, IMAGE_MAP), JSON.stringify(Object.fromEntries(map)))
}

async function storeImage(
  url: string,
  articleDir: string,
  limits: FetchLimits,
  cancel?: AbortSignal
): Promise<string | null> {
  try {
    const { bytes } = await fetchLimited(
      new URL(url),
      limits,
      'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9',
      cancel
    )
    const ext = rasterImageExtension(bytes)
    if (!ext) return null
    const name = `assets/${createHash('sha256').update(bytes).digest('hex')}.${ext}`
    await writeFile(join(articleDir, name), bytes)
    return name
  } catch {
    return null
  }
}
