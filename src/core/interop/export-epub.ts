import { createHash } from 'node:crypto'
import type { Writable } from 'node:stream'
import { displayTitle, escapeXml, readImages, safeLang } from './article-dom'
import { articleXhtml, xhtmlParagraphs } from './epub-xhtml'
import { IMAGE_TYPES, type ExportArticle, type ExportSummary } from './export-types'
import { exportableHtml } from './html-text'
import { ZipWriter } from './zip-writer'

export interface EpubOptions {
  /** The book's title; by default the article's (one article) or "Lectern: N articles". */
  title?: string
  /** BCP 47; by default the first article's language, else "en". */
  language?: string
  now?: Date
}

// EPUB 3's core image types: every reading system shows them. WebP and AVIF are not (EPUB 3.2), and
// epubcheck rejects them without a fallback we could only make by converting images, so such an image is
// replaced by its alt text.
const EPUB_IMAGES = new Set(['jpg', 'png', 'gif'])

const STYLE = `body { font-family: serif; line-height: 1.5; }
h1.title { margin-bottom: 0.2em; }
p.meta, p.source { font-size: 0.85em; color: #555; margin: 0.2em 0; }
p.source a { word-break: break-all; }
img { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 2px solid #999; }
section.highlights { margin: 1.5em 0; padding: 0.5em 1em; border: 1px solid #ccc; }
`

interface Chapter {
  id: string
  file: string
  title: string
}

/**
 * Writes an EPUB 3 book to `out`, streamed: one article is one chapter, several are chapters of one book
 * with a table of contents (nav.xhtml, and toc.ncx for older readers). Images are embedded (once each).
 * Chapters are written as they come; the package document and contents, which list them all, are written
 * last, holding only titles and file names in memory.
 */
export async function writeEpub(
  articles: AsyncIterable<ExportArticle>,
  out: Writable,
  options: EpubOptions = {}
): Promise<ExportSummary> {
  const now = options.now ?? new Date()
  const zip = new ZipWriter(out, now)
  // The OCF container: "mimetype" first, stored, no extra fields (reading systems sniff its bytes).
  zip.add('mimetype', 'application/epub+zip', { plain: true, compress: false })
  zip.add('META-INF/container.xml', CONTAINER)
  zip.add('OEBPS/style.css', STYLE)
  const summary: ExportSummary = { articles: 0, assets: 0, missingAssets: 0, files: [] }
  const chapters: Chapter[] = []
  const images = new Map<string, string>() // OEBPS-relative href → media type
  const identity = createHash('sha256')
  let language = options.language ? safeLang(options.language) : null
  let single: ExportArticle['meta'] | null = null
  for await (const article of articles) {
    const stored = await readImages(article, summary)
    const usable = (name: string) => stored.has(name) && EPUB_IMAGES.has(name.slice(name.lastIndexOf('.') + 1))
    const n = String(chapters.length + 1).padStart(4, '0')
    const chapter: Chapter = { id: `c${n}`, file: `text/c${n}.xhtml`, title: displayTitle(article) }
    language ??= safeLang(article.meta.lang)
    const shown = new Set<string>()
    const xhtml = chapterXhtml(article, usable, language ?? 'en', (name) => {
      shown.add(name)
      return `../images/${name.slice('assets/'.length)}`
    })
    // Only the images the chapter shows: a lead image alone would be an unreferenced file in the book.
    for (const name of shown) {
      const href = `images/${name.slice('assets/'.length)}`
      if (images.has(href)) continue
      zip.add(`OEBPS/${href}`, stored.get(name) as Uint8Array, { compress: false })
      images.set(href, IMAGE_TYPES[name.slice(name.lastIndexOf('.') + 1)] as string)
      summary.assets++
    }
    zip.add(`OEBPS/${chapter.file}`, xhtml)
    chapters.push(chapter)
    identity.update(`${article.meta.id}\n`)
    single = chapters.length === 1 ? article.meta : null
    summary.articles++
    await zip.drain()
  }
  if (!chapters.length) {
    chapters.push({ id: 'c0001', file: 'text/c0001.xhtml', title: 'No articles' })
    zip.add(
      'OEBPS/text/c0001.xhtml',
      page('No articles', 'en', '<h1>No articles</h1><p>Nothing matched this export.</p>')
    )
  }
  const lang = language ?? 'en'
  const title = options.title ?? (single ? chapters[0]?.title : null) ?? `Lectern: ${summary.articles} articles`
  const uuid = identity
    .digest('hex')
    .slice(0, 32)
    .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')
  zip.add('OEBPS/nav.xhtml', navXhtml(title, chapters, lang))
  zip.add('OEBPS/toc.ncx', tocNcx(title, chapters, uuid))
  zip.add('OEBPS/content.opf', packageOpf({ title, lang, uuid, now, chapters, images, single }))
  await zip.finish()
  return summary
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`

function page(title: string, lang: string, body: string, stylesheet = '../style.css'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${lang}" xml:lang="${lang}">
<head>
<meta charset="UTF-8"/>
<title>${escapeXml(title)}</title>
<link rel="stylesheet" type="text/css" href="${stylesheet}"/>
</head>
<body>
${body}
</body>
</html>
`
}

function chapterXhtml(
  article: ExportArticle,
  usable: (name: string) => boolean,
  bookLang: string,
  imageHref: (name: string) => string
): string {
  const { meta } = article
  const title = displayTitle(article)
  const byline = [meta.byline, meta.siteName, meta.publishedAt?.slice(0, 10)].filter(Boolean).join(' · ')
  const source =
    /^https?:/i.test(meta.url) && URL.canParse(meta.url)
      ? `<a href="${escapeXml(meta.url)}">${escapeXml(meta.url)}</a>`
      : escapeXml(meta.url)
  const highlights = article.highlights.length
    ? `<section class="highlights"><h2>Highlights</h2>${article.highlights
        .map(
          (h) =>
            (h.quote ? `<blockquote>${xhtmlParagraphs(h.quote)}</blockquote>` : '') +
            (h.note ? xhtmlParagraphs(h.note) : '')
        )
        .join('')}</section>`
    : ''
  const body = articleXhtml(exportableHtml(article.html), usable, imageHref)
  return page(
    title,
    safeLang(meta.lang) ?? bookLang,
    `<h1 class="title">${escapeXml(title)}</h1>
${byline ? `<p class="meta">${escapeXml(byline)}</p>` : ''}
<p class="source">${source}</p>
${highlights}
${body}`
  )
}

function navXhtml(title: string, chapters: readonly Chapter[], lang: string): string {
  const items = chapters.map((c) => `<li><a href="${c.file}">${escapeXml(c.title)}</a></li>`).join('\n')
  return page(
    title,
    lang,
    `<nav epub:type="toc" id="toc">\n<h1>Contents</h1>\n<ol>\n${items}\n</ol>\n</nav>`,
    'style.css'
  )
}

function tocNcx(title: string, chapters: readonly Chapter[], uuid: string): string {
  const points = chapters
    .map(
      (c, i) =>
        `<navPoint id="n${c.id}" playOrder="${i + 1}"><navLabel><text>${escapeXml(c.title)}</text></navLabel><content src="${c.file}"/></navPoint>`
    )
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
<head><meta name="dtb:uid" content="urn:uuid:${uuid}"/></head>
<docTitle><text>${escapeXml(title)}</text></docTitle>
<navMap>
${points}
</navMap>
</ncx>
`
}

function packageOpf(book: {
  title: string
  lang: string
  uuid: string
  now: Date
  chapters: readonly Chapter[]
  images: ReadonlyMap<string, string>
  single: ExportArticle['meta'] | null
}): string {
  const modified = book.now.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const creator = book.single?.byline ? `\n<dc:creator>${escapeXml(book.single.byline)}</dc:creator>` : ''
  const source =
    book.single && URL.canParse(book.single.url) ? `\n<dc:source>${escapeXml(book.single.url)}</dc:source>` : ''
  const manifest = [
    '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
    '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
    '<item id="css" href="style.css" media-type="text/css"/>',
    ...book.chapters.map((c) => `<item id="${c.id}" href="${c.file}" media-type="application/xhtml+xml"/>`),
    ...[...book.images].map(([href, type]) => `<item id="i${href.slice(7, 47)}" href="${href}" media-type="${type}"/>`)
  ].join('\n')
  // Several articles open on the contents; one article opens on itself.
  const spine = [
    ...(book.chapters.length > 1 ? ['<itemref idref="nav"/>'] : []),
    ...book.chapters.map((c) => `<itemref idref="${c.id}"/>`)
  ].join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${book.lang}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id">urn:uuid:${book.uuid}</dc:identifier>
<dc:title>${escapeXml(book.title)}</dc:title>
<dc:language>${book.lang}</dc:language>${creator}${source}
<meta property="dcterms:modified">${modified}</meta>
</metadata>
<manifest>
${manifest}
</manifest>
<spine toc="ncx">
${spine}
</spine>
</package>
`
}
