import { createHash } from 'node:crypto'
import { access, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fragmentWindow } from '../extract/dom-window'
import { fetchLimited, type FetchLimits } from './fetch-limited'
import { rasterImageExtension } from './image-type'

export interface ImageLimits extends FetchLimits {
  maxImages: number
  concurrency: number
}

export interface LocalizedImages {
  /** Article HTML with every kept image pointing at assets/<sha256>.<ext>. */
  html: string
  /** Local path of the lead image, if it could be stored. */
  leadImage: string | null
  stored: number
  failed: number
  /** Original image address → stored path, kept so a re-extraction can reuse them offline. */
  map: Map<string, string>
}

export interface LocalizeOptions {
  cancel?: AbortSignal
  /** Images stored before (original address → path): reused without fetching when the file is there. */
  known?: Map<string, string>
}

/**
 * Downloads the article's images (and the lead image) into <articleDir>/assets, named by content hash so
 * the same picture is stored once, and rewrites the HTML to the local copies. An image that fails
 * (network, size, not a raster image) is dropped from the article; it never fails the import.
 */
export async function localizeImages(
  html: string,
  leadImageUrl: string | null,
  articleDir: string,
  limits: ImageLimits,
  { cancel, known }: LocalizeOptions = {}
): Promise<LocalizedImages> {
  const template = fragmentWindow().document.createElement('template')
  template.innerHTML = html
  const images = [...template.content.querySelectorAll('img')]
  const urls = [...new Set(images.map((img) => img.getAttribute('src') ?? ''))]
    .filter(Boolean)
    .slice(0, limits.maxImages)
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

  let failed = 0
  for (const img of images) {
    const path = local.get(img.getAttribute('src') ?? '')
    if (path) {
      img.setAttribute('src', path)
    } else {
      failed++
      img.remove()
    }
  }
  return {
    html: template.innerHTML,
    leadImage: leadImageUrl ? (local.get(leadImageUrl) ?? null) : null,
    stored: new Set(local.values()).size,
    failed,
    map: local
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
