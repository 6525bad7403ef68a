import { IMPORT_CAPS, type ImportedHighlight, type Collected } from './import-types'
import {
  cleanTags,
  cleanTitle,
  highlight,
  highlights,
  newItem,
  parseDate,
  parseProgress,
  webUrl
} from './import-values'

interface OmnivoreEntry {
  slug?: unknown
  title?: unknown
  url?: unknown
  state?: unknown
  readingProgress?: unknown
  labels?: unknown
  savedAt?: unknown
}

/** The files of an Omnivore export zip that belong to one item, by its slug (null when absent). */
export interface OmnivoreFiles {
  content(slug: string): Promise<string | null>
  highlights(slug: string): Promise<string | null>
}

/**
 * Omnivore's export zip: `metadata_*.json` arrays (`slug, title, url, state, readingProgress` 0..100,
 * `labels`, `savedAt`), the article as `content/<slug>.html` and its highlights as `highlights/<slug>.md`.
 * Image addresses in the content go through Omnivore's image proxy, which is gone: the original address
 * is restored from inside each proxied one.
 */
export async function parseOmnivore(
  metadata: { where: string; entries: readonly unknown[] },
  files: OmnivoreFiles,
  into: Collected
): Promise<void> {
  const prefix = metadata.where ? `${metadata.where} ` : ''
  for (const [i, value] of metadata.entries.entries()) {
    const origin = `${prefix}entry ${i + 1}`
    const entry = (value && typeof value === 'object' ? value : {}) as OmnivoreEntry
    const url = webUrl(entry.url)
    if ('reason' in url) {
      into.skipped.push({ origin, reason: url.reason })
      continue
    }
    const state = typeof entry.state === 'string' ? entry.state.toLowerCase() : ''
    if (state === 'deleted') {
      into.skipped.push({ origin, reason: 'deleted in Omnivore' })
      continue
    }
    const item = newItem(url.url, origin)
    item.title = cleanTitle(entry.title, url.url)
    item.savedAt = parseDate(entry.savedAt)
    const labels = Array.isArray(entry.labels) ? entry.labels : []
    item.tags = cleanTags(labels.map((l: unknown) => (l && typeof l === 'object' ? (l as { name?: unknown }).name : l)))
    item.state = state === 'archived' ? 'archived' : state ? 'unread' : null
    item.progress = parseProgress(entry.readingProgress, true)
    if (typeof entry.slug === 'string' && entry.slug) {
      const html = await files.content(entry.slug)
      if (html && html.trim() && html.length <= IMPORT_CAPS.maxContentBytes)
        item.content = { html: stripImageProxy(html) }
      const markdown = await files.highlights(entry.slug)
      if (markdown) item.highlights = omnivoreHighlights(markdown)
    }
    into.items.push(item)
  }
}

// https://proxy-prod.omnivore-image-cache.app/0x0,s<signature>/https://example.com/image.png
const IMAGE_PROXY = /https?:\/\/proxy-(?:prod|demo)\.omnivore-image-cache\.app\/[^/\s"'<>]*\/(?=https?:\/\/)/g

/** The HTML with every Omnivore image-proxy address replaced by the original address it wraps. */
export function stripImageProxy(html: string): string {
  return html.replace(IMAGE_PROXY, '')
}

/**
 * Highlights from Omnivore's Markdown: each is a `> quote` block (a quote's own paragraphs are joined by
 * `> ` lines), then optionally a line of `#labels` and the note, separated by blank lines. A note before any
 * quote is a note on the whole article (quote '').
 */
export function omnivoreHighlights(markdown: string): ImportedHighlight[] {
  const found: (ImportedHighlight | null)[] = []
  let quote: string[] | null = null
  let notes: string[] = []
  let paragraph: string[] = []
  let afterBlank = false
  const endParagraph = () => {
    const text = paragraph.join('\n').trim()
    // Omnivore writes a highlight's labels as "#label #other" between the quote and the note.
    if (text && !/^#\S+(?:\s+#\S+)*$/.test(text)) notes.push(text)
    paragraph = []
  }
  const flush = () => {
    endParagraph()
    if (quote || notes.length) found.push(highlight((quote ?? []).join('\n'), notes.join('\n\n') || null))
    quote = null
    notes = []
  }
  for (const line of markdown.split(/\r?\n/)) {
    const quoted = /^\s*>\s?(.*)$/.exec(line)
    if (!line.trim()) {
      endParagraph()
      afterBlank = true
    } else if (quoted && (afterBlank || !quote)) {
      flush()
      quote = [quoted[1] ?? '']
      afterBlank = false
    } else if (quoted || (quote && !afterBlank && !notes.length && !paragraph.length)) {
      quote?.push(quoted ? (quoted[1] ?? '') : line)
    } else paragraph.push(line)
  }
  flush()
  return highlights(found)
}
