import TurndownService from 'turndown'
import { gfm } from '@joplin/turndown-plugin-gfm'
import { stringify } from 'yaml'
import { articleTemplate, displayTitle, forEachStoredImage, readImages } from './article-dom'
import type { ExportDirectory } from './export-directory'
import type { ExportArticle, ExportHighlight, ExportSummary } from './export-types'
import { htmlToText } from './html-text'

/** The folder, beside the .md files, that holds every exported image (each stored once, by hash). */
export const MARKDOWN_ASSETS = 'assets'

let service: TurndownService | null = null

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
  const template = articleTemplate(article.html)
  forEachStoredImage(template.content, hasImage, () => {})
  const parts = [`---\n${stringify(front, { lineWidth: 0 })}---`, `# ${turndown().escape(displayTitle(article))}`]
  const marks = highlightsMarkdown(article.highlights)
  if (marks) parts.push(marks)
  parts.push(bodyMarkdown(template, article.html))
  return `${parts.join('\n\n').trimEnd()}\n`
}

function bodyMarkdown(template: HTMLTemplateElement, html: string): string {
  const wrapper = template.ownerDocument.createElement('div')
  wrapper.append(template.content)
  try {
    return turndown().turndown(wrapper)
  } catch (error) {
    // turndown walks the tree recursively: a page nested thousands of levels deep ends as plain text.
    if (!(error instanceof RangeError)) throw error
    return turndown().escape(htmlToText(html))
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
