import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sanitizeArticleHtml } from '../../src/core/extract/sanitize-html'
import { hostileMarkup } from '../support/hostile-markup'
import { parseAsArticle, unsafeParts } from '../support/html-safety'
import { xssPayloads } from '../support/xss-corpus'

// The import sanitizer against hostile markup, judged by an independent parse of its output (jsdom, as the
// reader frame's body): never an event handler, a script, a foreign-namespace element, a javascript: (or any
// non-web) URL, or a resource from a non-web origin. Seeds are fixed so a failure reproduces; fast-check
// prints the shrunk input.

const AT_IMPORT = { images: 'web-or-asset' } as const
// About 5 s on an idle 2-core machine; the limit is generous so that a loaded CI machine cannot make it flaky.
const LIMIT_MS = 60_000

describe('sanitizeArticleHtml (import) under fuzzing', () => {
  it(
    'leaves nothing active in any payload of the XSS corpus',
    () => {
      for (const payload of xssPayloads()) {
        expect(unsafeParts(sanitizeArticleHtml(payload.html), AT_IMPORT), payload.id).toEqual([])
      }
    },
    LIMIT_MS
  )

  it(
    'leaves nothing active in mutated and spliced markup, also once its output is parsed and sanitized again',
    () => {
      fc.assert(
        fc.property(hostileMarkup, (html) => {
          const once = sanitizeArticleHtml(html)
          expect(unsafeParts(once, AT_IMPORT)).toEqual([])
          // Stored HTML is parsed again before display and by re-extraction: a mutation that only shows on
          // the second parse (mXSS) must not make it unsafe either.
          const reparsed = parseAsArticle(once).querySelector('article')!.innerHTML
          expect(unsafeParts(reparsed, AT_IMPORT)).toEqual([])
          expect(unsafeParts(sanitizeArticleHtml(reparsed), AT_IMPORT)).toEqual([])
        }),
        { seed: 1402, numRuns: 200 }
      )
    },
    LIMIT_MS
  )

  it(
    'never throws and leaves nothing active, whatever the string (control characters, lone surrogates)',
    () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
          expect(unsafeParts(sanitizeArticleHtml(text), AT_IMPORT)).toEqual([])
        }),
        { seed: 1403, numRuns: 200 }
      )
    },
    LIMIT_MS
  )
})

describe('sanitizeArticleHtml (import): policy to-dos', () => {
  // src/shared/sanitize-policy says URLs may only be http(s), mailto, #anchors or stored assets, but DOMPurify
  // keeps data: on <img> regardless (its DATA_URI_TAGS). Harmless today (the import stores web images only and
  // drops the rest; the display sanitizer keeps stored assets only), but the sanitizer does not do what its
  // policy says. Marked `fails` so it turns red, to be flipped, once the rewritten sanitizer drops them.
  it('drops data: image URLs, as the shared policy says (and the image with them: it could never show)', () => {
    expect(sanitizeArticleHtml('<p>a<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">b</p>')).toBe('<p>ab</p>')
  })
})
