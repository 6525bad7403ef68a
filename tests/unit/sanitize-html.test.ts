import { describe, expect, it } from 'vitest'
import { sanitizeArticleHtml } from '../../src/core/extract/sanitize-html'

// Each payload would run script or fetch from the network if sanitizing were a no-op (the linkedom trap).
describe('sanitizeArticleHtml', () => {
  it('removes scripts, event handlers, javascript: links, frames, forms, objects and styles', () => {
    const hostile = `<p onclick="steal()">Hello <b>reader</b></p>
      <script>alert(1)</script><img src="https://e.com/a.png" onerror="alert(2)">
      <a href="javascript:alert(3)">click</a><a href="https://example.com/ok">ok</a>
      <iframe src="https://evil.example"></iframe><form action="/x"><input name="q"></form>
      <object data="x.swf"></object><embed src="y"><style>body{display:none}</style>
      <link rel="stylesheet" href="https://evil.example/s.css"><p style="background:url(https://t.example/p)">styled</p>
      <svg><script>alert(4)</script></svg><math><mi xlink:href="javascript:alert(5)">m</mi></math>`
    const clean = sanitizeArticleHtml(hostile)
    expect(clean).toContain('Hello <b>reader</b>')
    expect(clean).toContain('href="https://example.com/ok"')
    expect(clean).toContain('styled')
    for (const bad of [
      '<script',
      'onclick',
      'onerror',
      'javascript:',
      '<iframe',
      '<form',
      '<input',
      '<object',
      '<embed',
      '<style',
      '<link',
      'style=',
      '<svg',
      '<math'
    ]) {
      expect(clean, bad).not.toContain(bad)
    }
  })

  it('keeps only our own relative asset paths, never other relative or file URLs', () => {
    const sha = 'a'.repeat(64)
    const clean = sanitizeArticleHtml(
      `<img src="assets/${sha}.png" alt="ok"><img src="file:///etc/passwd" alt="f"><img src="../../secret.png" alt="r">`
    )
    expect(clean).toContain(`src="assets/${sha}.png"`)
    expect(clean).not.toContain('file:')
    expect(clean).not.toContain('secret')
  })
})

describe('sanitizeArticleHtml keeps what reading needs', () => {
  it('keeps direction, language, table spans, image sizes and dates', () => {
    const clean = sanitizeArticleHtml(
      '<p dir="rtl" lang="ar">مرحبا</p><table><tr><td colspan="2" rowspan="3">x</td></tr></table><img src="https://e.com/a.png" width="60" height="40" alt="a"><time datetime="2026-01-02">Jan 2</time><ol start="3" type="a"><li>c</li></ol>'
    )
    for (const kept of [
      'dir="rtl"',
      'lang="ar"',
      'colspan="2"',
      'rowspan="3"',
      'width="60"',
      'height="40"',
      'datetime="2026-01-02"',
      'start="3"',
      'type="a"'
    ]) {
      expect(clean, kept).toContain(kept)
    }
  })
})
