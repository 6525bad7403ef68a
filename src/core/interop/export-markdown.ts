import TurndownService from 'turndown'
import { gfm } from '@joplin/turndown-plugin-gfm'
import { stringify } from 'yaml'
import { displayTitle, readImages } from './article-dom'
import type { ExportDirectory } from './export-directory'
import type { ExportArticle, ExportHighlight, ExportSummary } from './export-types'
import { exportableHtml } from './html-text'

/** The folder, beside the .md files, that holds every exported image (each stored once, by hash). */
export const MARKDOWN_ASSETS = 'assets'

const STORED_IMAGE = /^assets\/[a-f0-9]{64}\.(?:jpg|png|gif|webp|avif)$/

let service: TurndownService | null = null
// The article being converted: which of its stored images made it into the export. Set just before each
// (synchronous) conversion, read by the image rule.
let imageAvailable: (asset: string) => boolean = () => true

// turndown is given the HTML as a string, which it parses with domino: five times faster than walking a
// jsdom tree, which matters for 10,000 articles.
function turndown(): TurndownService {
  if (service) return service
  service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
    hr: '---'
  })
  service.use(gfm)
  service.addRule('missing-stored-image', {
    filter: (node) => {
      const src = node.nodeName === 'IMG' ? (node.getAttribute('src') ?? '') : ''
      return STORED_IMAGE.test(src) && !imageAvailable(src)
    },
    replacement: (_content, node) => turndown().escape((node as HTMLElement).getAttribute('alt') ?? '')
  })
  return service
}

/**
 * Writes one Markdown file per article into the folder (for Obsidian and similar): YAML front matter
 * (title, url, author, site, dates, tags, state, favorite), then the highlights as quotes with their notes,
 * then the article. Images go once each into assets/ beside the files, and the links point there.
 */
export async function exportMarkdown(
  articles: AsyncIterable<ExportArticle>,
  directory: ExportDirectory
): Promise<ExportSummary> {
  const summary: ExportSummary = { articles: 0, assets: 0, missingAssets: 0, files: [] }
  directory.names.reserve(MARKDOWN_ASSETS)
  const written = new Set<string>()
  for await (const article of articles) {
    const images = await readImages(article, summary)
    const name = directory.names.claim(displayTitle(article), '.md')
    await directory.write(
      name,
      articleToMarkdown(article, (asset) => images.has(asset))
    )
    summary.files.push(name)
    for (const [asset, bytes] of images) {
      if (written.has(asset)) continue
      await directory.write(asset, bytes)
      written.add(asset)
      summary.assets++
    }
    summary.articles++
  }
  return summary
}

/**
 * One article as Markdown. Stored images stay linked as assets/<sha256>.<ext> (relative to the .md file);
 * those `hasImage` rejects are dropped.
 */
export function articleToMarkdown(article: ExportArticle, hasImage: (asset: string) => boolean): string {
  const { meta } = article
  const front: Record<string, unknown> = {
    title: displayTitle(article),
    url: meta.url,
    author: meta.byline ?? undefined,
    site: meta.siteName ?? undefined,
    saved: meta.savedAt,
    published: meta.publishedAt ?? undefined,
    read: meta.readAt ?? undefined,
    tags: meta.tags,
    state: meta.state,
    favorite: meta.favorite
  }
  const parts = [`---\n${stringify(front, { lineWidth: 0 })}---`, `# ${turndown().escape(displayTitle(article))}`]
  const marks = highlightsMarkdown(article.highlights)
  if (marks) parts.push(marks)
  parts.push(bodyMarkdown(article.html, hasImage))
  return `${parts.join('\n\n').trimEnd()}\n`
}

function bodyMarkdown(html: string, hasImage: (asset: string) => boolean): string {
  imageAvailable = hasImage
  try {
    return turndown().turndown(exportableHtml(html))
  } finally {
    imageAvailable = () => true
  }
}

function highlightsMarkdown(highlights: readonly ExportHighlight[]): string {
  if (!highlights.length) return ''
  const escape = (text: string) => turndown().escape(text)
  const blocks = highlights.map((h) => {
    const quote = h.quote
      .split(/\r?\n/)
      .map((line) => `> ${escape(line)}`.trimEnd())
      .join('\n')
    const note = h.note ? escape(h.note) : ''
    return [h.quote ? quote : '', note].filter(Boolean).join('\n\n')
  })
  return ['## Highlights', ...blocks, '---'].join('\n\n')
}
