// @vitest-environment jsdom
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildReaderDocument } from '../../src/renderer/src/reader/build-reader-document'
import { readerAppearance } from '../../src/renderer/src/reader/reader-appearance'
import { sanitizeArticleHtml } from '../../src/renderer/src/reader/sanitize-article'
import { DEFAULT_SETTINGS } from '../../src/shared/types'
import { hostileMarkup } from '../support/hostile-markup'
import { parseAsArticle, unsafeParts } from '../support/html-safety'
import { xssPayloads } from '../support/xss-corpus'

// The renderer's own pass, right before display, gets hostile HTML straight from a tampered data folder (no
// import sanitizer before it), and the whole reader document built around it must keep its guards: the one
// CSP first in <head>, the <base>, nothing active in the body. Judged by an independent jsdom parse.
// Runs in jsdom because the renderer sanitizes with the page's own DOM (DOMPurify(window)).

const AT_DISPLAY = { images: 'asset-only' } as const
// About 5 s on an idle 2-core machine; the limit is generous so that a loaded CI machine cannot make it flaky.
const LIMIT_MS = 60_000
const BASES = ['lectern://articles/a1/', 'http://127.0.0.1:41234/media/a1/']
const appearance = readerAppearance(DEFAULT_SETTINGS, 'light')

/** What a page controls besides its body: its language tag and the print header's title and address. */
const pageFields = fc.record({
  html: hostileMarkup,
  lang: fc.option(
    fc.oneof(fc.constantFrom('en', 'ar', 'x" onload="alert(1)', '"><script>alert(1)</script>'), fc.string())
  ),
  title: fc.oneof(hostileMarkup, fc.string()),
  url: fc.oneof(fc.constantFrom('javascript:alert(1)', '"><img src=x onerror=alert(1)>'), fc.webUrl()),
  base: fc.constantFrom(...BASES)
})

describe('the reader sanitizer (renderer, before display) under fuzzing', () => {
  it(
    'leaves only passive, local content from any corpus payload',
    () => {
      for (const payload of xssPayloads()) {
        expect(unsafeParts(sanitizeArticleHtml(payload.html), AT_DISPLAY), payload.id).toEqual([])
      }
    },
    LIMIT_MS
  )

  it(
    'leaves only passive, local content from mutated markup, also after a second parse',
    () => {
      fc.assert(
        fc.property(hostileMarkup, (html) => {
          const once = sanitizeArticleHtml(html)
          expect(unsafeParts(once, AT_DISPLAY)).toEqual([])
          expect(unsafeParts(parseAsArticle(once).querySelector('article')!.innerHTML, AT_DISPLAY)).toEqual([])
        }),
        { seed: 1411, numRuns: 200 }
      )
    },
    LIMIT_MS
  )
})

describe('buildReaderDocument under fuzzing', () => {
  it(
    'keeps its CSP, its <base> and a passive body, whatever the page put in its body, language or title',
    () => {
      fc.assert(
        fc.property(pageFields, ({ html, lang, title, url, base }) => {
          const srcdoc = buildReaderDocument(html, base, {
            appearance,
            lang,
            printHeader: { title, details: title, url }
          })
          const doc = new DOMParser().parseFromString(srcdoc, 'text/html')
          const head = [...doc.head.children].map((el) => el.outerHTML.replace(/<style>[\s\S]*<\/style>/, '<style>'))
          const origin = base.startsWith('lectern:') ? 'lectern:' : new URL(base).origin
          expect(head).toEqual([
            '<meta charset="utf-8">',
            `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${origin}; style-src 'unsafe-inline'">`,
            '<meta name="referrer" content="no-referrer">',
            `<base href="${base}" target="_blank">`,
            '<style>'
          ])
          expect([...doc.documentElement.attributes].map((a) => a.name).sort()).toEqual(
            lang ? ['data-font', 'data-theme', 'dir', 'lang'] : ['data-font', 'data-theme', 'dir']
          )
          expect([...doc.body.children].map((el) => el.localName)).toEqual(['article'])
          // The print header is text only; the rest of the article is the sanitized body.
          const header = doc.querySelector('article > header.print-header')!
          expect(header.querySelectorAll('*').length).toBe(3)
          expect([...header.querySelectorAll('*')].every((el) => el.attributes.length === 0)).toBe(true)
          header.remove()
          expect(unsafeParts(doc.querySelector('article')!.innerHTML, AT_DISPLAY)).toEqual([])
        }),
        { seed: 1412, numRuns: 100 }
      )
    },
    LIMIT_MS
  )
})
