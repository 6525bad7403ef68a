import { describe, expect, it } from 'vitest'
import { assetOrigin, buildReaderDocument } from '../../src/renderer/src/reader/build-reader-document'
import { readerAppearance } from '../../src/renderer/src/reader/reader-appearance'
import { DEFAULT_SETTINGS } from '../../src/shared/types'

const light = { appearance: readerAppearance(DEFAULT_SETTINGS, 'light') }

/** A stored image path has exactly this shape: assets/<sha256>.<ext>. */
const LOCAL = `assets/${'ab'.repeat(32)}.png`

const HOSTILE = `
  <h2>Heading</h2>
  <p>Readable text stays.</p>
  <script>window.parent.pwned = 1</script>
  <img src="x" onerror="window.parent.pwned = 2">
  <img src="${LOCAL}" alt="local figure">
  <img src="assets/abc123.png" alt="not a stored name">
  <img src="https://tracker.test/pixel.gif" alt="remote">
  <img src="//tracker.test/pixel.gif" alt="protocol-relative">
  <img src="../other-article/assets/x.png" alt="escape">
  <a href="javascript:alert(1)">bad link</a>
  <a href="java&#x09;script:alert(1)">sneaky link</a>
  <a href="https://example.test/page" target="_top">good link</a>
  <a href="mailto:someone@example.test">mail</a>
  <iframe src="https://evil.test/"></iframe>
  <object data="evil.swf"></object><embed src="evil.swf">
  <form action="https://evil.test/"><input name="q"></form>
  <style>body { display: none }</style>
  <link rel="stylesheet" href="https://evil.test/x.css">
  <meta http-equiv="refresh" content="0;url=https://evil.test/">
  <base href="https://evil.test/">
  <p style="position:fixed" onclick="alert(1)">styled</p>
  <svg><a xlink:href="javascript:alert(1)"><text>svg link</text></a></svg>
`

/** Parses the generated document so assertions look at structure, not string coincidences. */
function parse(doc: string): Document {
  return new DOMParser().parseFromString(doc, 'text/html')
}

describe('buildReaderDocument', () => {
  const doc = buildReaderDocument(HOSTILE, 'lectern://articles/abc/', light)
  const parsed = parse(doc)
  const article = parsed.querySelector('article')!

  it('returns a full document with a CSP meta allowing only local images, and a <base>', () => {
    expect(doc.startsWith('<!doctype html>')).toBe(true)
    const csp = parsed.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')
    expect(csp).toBe("default-src 'none'; img-src lectern:; style-src 'unsafe-inline'")
    expect(doc).toContain('<base href="lectern://articles/abc/"')
    expect(parsed.querySelectorAll('base')).toHaveLength(1)
    expect(parsed.querySelector('head style')?.textContent).toContain('max-width: var(--reader-width)')
  })

  it('keeps the readable content', () => {
    expect(article.querySelector('h2')?.textContent).toBe('Heading')
    expect(article.textContent).toContain('Readable text stays.')
    expect(article.querySelector('img[alt="local figure"]')?.getAttribute('src')).toBe(LOCAL)
    expect(article.querySelector('a[href="https://example.test/page"]')?.textContent).toBe('good link')
    expect(article.querySelector('a[href="mailto:someone@example.test"]')).toBeTruthy()
  })

  it('strips scripts, event handlers, frames, plugins, forms, styles and document-level tags', () => {
    expect(doc).not.toMatch(/<script/i)
    expect(doc).not.toMatch(/onerror|onclick/i)
    expect(doc).not.toContain('pwned')
    for (const tag of ['iframe', 'object', 'embed', 'form', 'input', 'link']) {
      expect(article.querySelector(tag), tag).toBeNull()
    }
    expect(article.querySelector('style')).toBeNull()
    expect(article.querySelector('meta')).toBeNull()
    expect(article.querySelector('base')).toBeNull()
    expect(article.querySelector('[style]')).toBeNull()
  })

  it('drops javascript: links and any target, keeping the text', () => {
    expect(doc).not.toMatch(/javascript:/i)
    expect(article.textContent).toContain('bad link')
    expect(article.querySelector('a[target]')).toBeNull()
    for (const a of article.querySelectorAll('a[href]')) {
      expect(['https:', 'mailto:']).toContain(new URL(a.getAttribute('href')!).protocol)
    }
  })

  it('allows only stored local images (assets/<sha256>.<ext>) as image sources', () => {
    const sources = [...article.querySelectorAll('img[src]')].map((img) => img.getAttribute('src'))
    expect(sources).toEqual([LOCAL])
  })

  it('uses the http origin for images in browser mode, and the theme colours', () => {
    const web = buildReaderDocument('<p>x</p>', 'http://127.0.0.1:4321/media/abc/', {
      appearance: readerAppearance(DEFAULT_SETTINGS, 'dark')
    })
    expect(web).toContain('img-src http://127.0.0.1:4321;')
    expect(web).toContain('<base href="http://127.0.0.1:4321/media/abc/"')
    expect(parse(web).documentElement.dataset.theme).toBe('dark')
    expect(web).toContain(':root[data-theme="dark"] { color-scheme: dark')
    expect(assetOrigin('lectern://articles/abc/')).toBe('lectern:')
  })
})

describe('attributes that are text, not URLs', () => {
  it('keeps dir, lang, sizes and table spans (DOMPurify would test them against the URL pattern)', () => {
    const parsed = parse(
      buildReaderDocument(
        `<p dir="rtl" lang="he">שלום</p><img src="${LOCAL}" alt="x" width="60" height="40"><table><tr><td colspan="2" rowspan="3">c</td></tr></table><time datetime="2026-03-14">d</time>`,
        'lectern://articles/abc/',
        light
      )
    )
    expect(parsed.querySelector('p')?.getAttribute('dir')).toBe('rtl')
    expect(parsed.querySelector('p')?.getAttribute('lang')).toBe('he')
    expect(parsed.querySelector('img')?.getAttribute('width')).toBe('60')
    expect(parsed.querySelector('td')?.getAttribute('colspan')).toBe('2')
    expect(parsed.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-14')
  })

  it('still checks the attributes that hold URLs', () => {
    const doc = buildReaderDocument(
      '<blockquote cite="javascript:alert(1)">q</blockquote><a href="javascript:alert(1)">x</a>',
      'lectern://articles/abc/',
      light
    )
    expect(doc).not.toMatch(/javascript:/)
  })
})
