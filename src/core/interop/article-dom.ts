import { createRequire } from 'node:module'
import { articleAssets, type ExportArticle, type ExportSummary } from './export-types'

const ASSET_SRC = /^assets\/[a-f0-9]{64}\.(?:jpg|png|gif|webp|avif)$/

type JsdomWindow = import('jsdom').JSDOM['window']
let window: JsdomWindow | null = null

/**
 * One empty jsdom window for the HTML and EPUB exporters (spec-exact parsing and XML serialization).
 * jsdom takes ~0.4 s to load, so it is loaded on first use: importing and the other formats never pay it.
 * It runs no scripts and loads no resources; its console is silenced.
 */
export function exportWindow(): JsdomWindow {
  if (window) return window
  const jsdom = createRequire(import.meta.url)('jsdom') as typeof import('jsdom')
  window = new jsdom.JSDOM('<!doctype html><html><body></body></html>', {
    virtualConsole: new jsdom.VirtualConsole()
  }).window
  return window
}

/** The article's stored HTML parsed into a detached <template>. */
export function articleTemplate(html: string): HTMLTemplateElement {
  const template = exportWindow().document.createElement('template')
  template.innerHTML = html
  return template
}

/**
 * Reads the article's images (the ones its HTML or lead image refers to). An image that cannot be read
 * is counted in `summary.missingAssets` and left out of the map: exporters drop its <img>.
 */
export async function readImages(article: ExportArticle, summary: ExportSummary): Promise<Map<string, Uint8Array>> {
  const images = new Map<string, Uint8Array>()
  for (const name of articleAssets(article)) {
    const bytes = await article.readAsset(name).catch(() => null)
    if (bytes) images.set(name, bytes)
    else summary.missingAssets++
  }
  return images
}

/**
 * Calls `visit` on every <img> that shows one of the article's stored images; one `keep` refuses gives way
 * to its alt text (or goes, when it has none).
 */
export function forEachStoredImage(
  root: ParentNode,
  keep: (name: string) => boolean,
  visit: (img: HTMLImageElement, name: string) => void
): void {
  for (const img of [...root.querySelectorAll('img')]) {
    const src = img.getAttribute('src') ?? ''
    if (!ASSET_SRC.test(src)) continue
    if (keep(src)) visit(img, src)
    else img.replaceWith(img.ownerDocument.createTextNode(img.getAttribute('alt') ?? ''))
  }
}

/** The title to show and to name files by: the article's, else its site, else its address. */
export function displayTitle(article: ExportArticle): string {
  return article.meta.title.trim() || article.meta.siteName?.trim() || article.meta.url
}

/** Text made safe to put inside HTML or XML text and double-quoted attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** A language tag safe to put in lang="…" (BCP 47 shape), or null. */
export function safeLang(lang: string | null): string | null {
  return lang && /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/i.test(lang) ? lang : null
}
