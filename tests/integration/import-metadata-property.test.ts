import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type LecternCore } from '../../src/core/create-core'
import { dispatch } from '../../src/core/dispatch'
import { readPage } from '../../src/core/extract/extract-page'
import { DEFAULT_IMPORT_LIMITS } from '../../src/core/import/import-limits'
import type { AddUrlResult } from '../../src/shared/types'
import { tempDir } from '../support/temp-dir'

// Whatever a page writes in its metadata, a page with a real story is saved: a bad title, date, language,
// image or byline is repaired or dropped, never a reason to fail (before, `lang="pt_BR"` failed the import
// with NOT_AN_ARTICLE), and never a title that breaks a line of `lectern list`.

const FIELDS = [
  'title',
  'ogTitle',
  'author',
  'published',
  'htmlLang',
  'ogLocale',
  'contentLanguage',
  'ogImage',
  'siteName',
  'canonical',
  'description',
  'ldHeadline',
  'ldAuthor',
  'ldDate',
  'h1'
] as const
type Fields = Record<(typeof FIELDS)[number], string>

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }), // any UTF-16 code units: lone surrogates, controls, bidi
  fc.string({ maxLength: 400 }),
  fc.constantFrom(
    'pt_BR',
    'en_US',
    'english',
    '',
    ' ',
    'x'.repeat(300),
    '2026-13-45',
    '99999-01-01',
    '../../etc',
    'javascript:alert(1)',
    '\u001b[2J\u001b]52;c;eA==\u0007',
    'a\nb\rc\u2028d',
    '<script>alert(1)</script>',
    '&#0;&#xD800;&#x110000;',
    '｜_»::·—–'
  )
)
const fields = fc.record(
  Object.fromEntries(FIELDS.map((name) => [name, hostile])) as Record<keyof Fields, typeof hostile>
)

const attr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const text = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;')
const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

const STORY = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>${i + 1}. The ferry crossed the sound at eleven every night, carrying post, bread and a few sleepy passengers to the island.</p>`
).join('')

/** A readable article whose every metadata field holds one of the generated values; `raw` leaves them unescaped. */
function page(f: Fields, raw = false): string {
  const a = raw ? (v: string) => v : attr
  const t = raw ? (v: string) => v : text
  const ld = { '@type': 'NewsArticle', headline: f.ldHeadline, author: { name: f.ldAuthor }, datePublished: f.ldDate }
  return `<!doctype html><html lang="${a(f.htmlLang)}"><head><title>${t(f.title)}</title>
<meta property="og:title" content="${a(f.ogTitle)}"><meta name="author" content="${a(f.author)}">
<meta property="article:published_time" content="${a(f.published)}"><meta property="og:locale" content="${a(f.ogLocale)}">
<meta http-equiv="content-language" content="${a(f.contentLanguage)}"><meta property="og:image" content="${a(f.ogImage)}">
<meta property="og:site_name" content="${a(f.siteName)}"><link rel="canonical" href="${a(f.canonical)}">
<meta name="description" content="${a(f.description)}"><script type="application/ld+json">${json(ld)}</script></head>
<body><article><h1>${t(f.h1)}</h1>${STORY}</article></body></html>`
}

// eslint-disable-next-line no-control-regex -- the point: no control characters may be stored
const PRINTABLE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/

describe('metadata from hostile pages (property)', () => {
  it('the reader finds the story and clean metadata, for any value in any field', () => {
    fc.assert(
      fc.property(fields, fc.boolean(), (f, raw) => {
        const { extracted } = readPage({ html: page(f, raw), pageUrl: 'https://news.example/story' })
        expect(extracted.text).toContain('carrying post, bread')
        expect(extracted.title).toMatch(PRINTABLE_LINE)
        expect(extracted.title.length).toBeGreaterThan(0)
        expect(extracted.byline ?? '').toMatch(PRINTABLE_LINE)
        expect(extracted.siteName ?? '').toMatch(PRINTABLE_LINE)
        if (extracted.lang) expect(() => new Intl.Segmenter(extracted.lang!)).not.toThrow()
      }),
      { numRuns: 300, seed: 11 }
    )
  })

  let core: LecternCore
  const dir = tempDir()
  beforeAll(async () => {
    core = await createCore({
      dataDir: dir.path,
      importLimits: { ...DEFAULT_IMPORT_LIMITS, images: { ...DEFAULT_IMPORT_LIMITS.images, timeoutMs: 300 } }
    })
  })
  afterAll(async () => {
    await core.close()
    dir.remove()
  })

  it('saving such a page through the app’s entry point saves it', async () => {
    await fc.assert(
      fc.asyncProperty(fields, fc.boolean(), async (f, raw) => {
        const bytes = Buffer.from(page(f, raw), 'utf8')
        const result = await dispatch(core.handlers, 'addHtml', {
          base64: bytes.toString('base64'),
          fileName: 'p.html'
        })
        if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
        const { article } = result.value as AddUrlResult
        expect(article.title).toMatch(PRINTABLE_LINE)
        expect(article.publishedAt === null || !Number.isNaN(Date.parse(article.publishedAt))).toBe(true)
        const listed = await dispatch(core.handlers, 'getArticle', { id: article.id })
        expect(listed.ok).toBe(true)
      }),
      { numRuns: 40, seed: 7 }
    )
  }, 60_000)
})
