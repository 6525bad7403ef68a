import fc from 'fast-check'
import { xssPayloads } from './xss-corpus'

// Generators of hostile article markup for the sanitizer fuzz tests: known payloads (the XSS corpus), small
// trees of the elements and attributes that parser-confusion attacks use, both cut up and spliced at random.

/** Elements that change how the parser reads what follows (raw text, foreign content, tables, forms) or run code. */
const TAGS = [
  'a',
  'p',
  'div',
  'img',
  'table',
  'tr',
  'td',
  'caption',
  'select',
  'option',
  'form',
  'button',
  'input',
  'textarea',
  'title',
  'style',
  'script',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'iframe',
  'plaintext',
  'template',
  'svg',
  'math',
  'mtext',
  'mi',
  'mglyph',
  'malignmark',
  'annotation-xml',
  'foreignObject',
  'desc',
  'image',
  'use',
  'animate',
  'set',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'details',
  'summary',
  'video',
  'audio',
  'source',
  'picture',
  'foo-bar',
  'h1',
  'li',
  'blockquote'
]

const ATTRIBUTES = [
  'href',
  'src',
  'srcset',
  'xlink:href',
  'action',
  'formaction',
  'data',
  'poster',
  'background',
  'style',
  'srcdoc',
  'onerror',
  'onload',
  'onclick',
  'ONMOUSEOVER',
  'onfocus',
  'ontoggle',
  'id',
  'name',
  'is',
  'title',
  'alt',
  'class',
  'data-x',
  'xmlns',
  'encoding',
  'open',
  'autofocus',
  'http-equiv',
  'content',
  'cite',
  'lang',
  'dir'
]

const SHA = 'ab'.repeat(32)

const VALUES = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java&#x09;script:alert(1)',
  '&#106;avascript:alert(1)',
  'javascript&colon;alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'file:///etc/passwd',
  '//evil.example/x.png',
  '\\\\evil.example\\x.png',
  'https://evil.example/pixel.png',
  'http://127.0.0.1:1/x',
  'mailto:a@example.com?attach=/etc/passwd',
  `assets/${SHA}.png`,
  `assets/${SHA}.png#x`,
  '../assets/x.png',
  '#top',
  'alert(1)',
  'x" onerror="alert(1)',
  "x' onerror='alert(1)",
  '</style><img src=x onerror=alert(1)>',
  '--><img src=x onerror=alert(1)>',
  'text/html',
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/2000/svg',
  'refresh',
  '0;url=javascript:alert(1)',
  'background:url(https://evil.example/a.png)',
  'plain title'
]

/** Pieces that, inserted anywhere, can end a context or open a new one. */
const TOKENS = [
  '<',
  '>',
  '/',
  '"',
  "'",
  '`',
  '=',
  ' ',
  '\t',
  '\n',
  '\u0000',
  '<!--',
  '-->',
  '--!>',
  '<![CDATA[',
  ']]>',
  '<?',
  '</',
  '</p>',
  '</style>',
  '</title>',
  '</textarea>',
  '</noscript>',
  '</svg>',
  '</math>',
  '</table>',
  '</select>',
  '</template>',
  '<svg>',
  '<math>',
  '<mtext>',
  '<table>',
  '<style>',
  '<noscript>',
  '<template>',
  '<img src=x onerror=alert(1)>',
  ' onerror=alert(1) ',
  'javascript:',
  '&lt;',
  '&gt;',
  '&#x3c;',
  '&quot;',
  '&amp;'
]

const quoted = (value: string, quote: number): string =>
  quote === 0 ? `"${value.replace(/"/g, '&quot;')}"` : quote === 1 ? `'${value.replace(/'/g, '&#39;')}'` : value

/** A small tree of tags with hostile attributes, serialized with any quoting and closing style. */
const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('text', 'alert(1)', '&lt;script&gt;', ''),
    fc
      .record({
        tag: fc.constantFrom(...TAGS),
        upper: fc.boolean(),
        attributes: fc.array(
          fc.tuple(fc.constantFrom(...ATTRIBUTES), fc.constantFrom(...VALUES), fc.integer({ min: 0, max: 2 })),
          { maxLength: 3 }
        ),
        children: fc.array(tie('node'), { maxLength: 3 }),
        close: fc.boolean()
      })
      .map(({ tag, upper, attributes, children, close }) => {
        const name = upper ? tag.toUpperCase() : tag
        const attrs = attributes.map(([a, v, q]) => ` ${a}=${quoted(v, q)}`).join('')
        return `<${name}${attrs}>${children.join('')}${close ? `</${name}>` : ''}`
      })
  )
})).node

/** A known payload from the public corpus. */
export const corpusPayload: fc.Arbitrary<string> = fc.constantFrom(...xssPayloads().map((p) => p.html))

/** Edits applied to markup: at a position, delete a few characters, then insert a token. */
const edits = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.constantFrom(...TOKENS)), { maxLength: 6 })

function applyEdits(text: string, list: [number, number, string][]): string {
  let out = text
  for (const [at, remove, token] of list) {
    const i = at % (out.length + 1)
    out = out.slice(0, i) + token + out.slice(i + remove)
  }
  return out
}

/** Hostile markup: corpus payloads, generated trees and tokens spliced together, then mutated. */
export const hostileMarkup: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.oneof(corpusPayload, tree, tree, fc.constantFrom(...TOKENS)), { minLength: 1, maxLength: 4 }),
    edits
  )
  .map(([parts, list]) => applyEdits(parts.join(''), list))
