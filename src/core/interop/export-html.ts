import { articleTemplate, displayTitle, escapeXml, forEachStoredImage, readImages, safeLang } from './article-dom'
import type { ExportDirectory } from './export-directory'
import { IMAGE_TYPES, type ExportArticle, type ExportSummary } from './export-types'
import { exportableHtml } from './html-text'

// Readable without Lectern or a network: system fonts, a comfortable measure, light and dark.
const STYLE = `
:root { color-scheme: light dark; }
body { margin: 0 auto; max-width: 40em; padding: 2em 1.25em 4em; font: 1.15em/1.6 Georgia, 'Times New Roman', serif; }
header { margin-bottom: 2em; }
h1 { line-height: 1.2; }
.meta, .source { color: GrayText; font: 0.85em/1.4 system-ui, sans-serif; margin: 0.3em 0; }
.source a { word-break: break-all; }
img { max-width: 100%; height: auto; }
pre { overflow-x: auto; }
table { border-collapse: collapse; }
td, th { border: 1px solid GrayText; padding: 0.2em 0.5em; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid GrayText; }
.highlights { margin: 2em 0; padding: 1em; border: 1px solid GrayText; border-radius: 6px; }
.highlights blockquote { border-left-color: #e0b400; }
`.trim()

/** Writes one self-contained .html file per article (images inlined as data: URIs) into the folder. */
export async function exportHtml(
  articles: AsyncIterable<ExportArticle>,
  directory: ExportDirectory
): Promise<ExportSummary> {
  const summary: ExportSummary = { articles: 0, assets: 0, missingAssets: 0, files: [] }
  for await (const article of articles) {
    const images = await readImages(article, summary)
    const name = directory.names.claim(displayTitle(article), '.html')
    await directory.write(name, articleToHtml(article, images))
    summary.files.push(name)
    summary.assets += images.size
    summary.articles++
  }
  return summary
}

/**
 * One article as a complete HTML page that any browser shows offline: its stored (sanitized) HTML with
 * images inlined, its metadata and highlights, and a Content-Security-Policy that allows nothing but the
 * inline style and data: images, so the file cannot load or run anything even if opened from a web server.
 */
export function articleToHtml(article: ExportArticle, images: ReadonlyMap<string, Uint8Array>): string {
  const { meta } = article
  const template = articleTemplate(exportableHtml(article.html))
  forEachStoredImage(
    template.content,
    (name) => images.has(name),
    (img, name) => img.setAttribute('src', dataUri(name, images.get(name) as Uint8Array))
  )
  const title = escapeXml(displayTitle(article))
  const lang = safeLang(meta.lang)
  const byline = [meta.byline, meta.siteName, meta.publishedAt?.slice(0, 10)].filter(Boolean).join(' · ')
  const highlights = article.highlights.length
    ? `<section class="highlights"><h2>Highlights</h2>${article.highlights
        .map(
          (h) => (h.quote ? `<blockquote>${paragraphs(h.quote)}</blockquote>` : '') + (h.note ? paragraphs(h.note) : '')
        )
        .join('')}</section>`
    : ''
  return `<!DOCTYPE html>
<html${lang ? ` lang="${lang}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Lectern">
<title>${title}</title>
<style>
${STYLE}
</style>
</head>
<body>
<article>
<header>
<h1>${title}</h1>
${byline ? `<p class="meta">${escapeXml(byline)}</p>` : ''}
<p class="source">${/^https?:/i.test(meta.url) ? `<a href="${escapeXml(meta.url)}">${escapeXml(meta.url)}</a>` : escapeXml(meta.url)}</p>
</header>
${highlights}
${template.innerHTML}
</article>
</body>
</html>
`
}

function dataUri(name: string, bytes: Uint8Array): string {
  const type = IMAGE_TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream'
  return `data:${type};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64')}`
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeXml(p).replace(/\n/g, '<br>')}</p>`)
    .join('')
}
