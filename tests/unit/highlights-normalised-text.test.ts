import { JSDOM } from 'jsdom'
import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import {
  normaliseText,
  offsetAt,
  pointAt,
  textPieces,
  type TextMap,
  type TextTreeNode
} from '../../src/shared/highlights'

const ARTICLE = `<article>
  <h1>The   harbour
    at night</h1>
  <p>Boats come in <em>late</em>,&nbsp;after the <a href="https://example.test/tide">tide turns</a>.</p>
  <ul>
    <li>Nets</li>
    <li>Lines and <strong>hooks</strong></li>
  </ul>
  <table><tr><td>Cod</td><td>12</td></tr></table>
  <p>First line<br>second line</p>
  <script>var hidden = "not text"</script><style>p { color: red }</style>
  <p>  </p>
  <p>Last words.</p>
</article>`

const EXPECTED =
  'The harbour at night\nBoats come in late, after the tide turns.\nNets\nLines and hooks\nCod\n12\nFirst line\nsecond line\nLast words.'

function linkedomText(html: string): TextMap<TextTreeNode> {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`)
  return normaliseText(document.body as unknown as TextTreeNode)
}

function jsdomText(html: string): TextMap<TextTreeNode> {
  const { document } = new JSDOM(`<!doctype html><html><body>${html}</body></html>`).window
  return normaliseText(document.body)
}

describe('the normalised text of an article', () => {
  it('collapses whitespace across nodes, puts one line break at block boundaries and leaves out scripts', () => {
    expect(linkedomText(ARTICLE).text).toBe(EXPECTED)
  })

  it('is the same on linkedom (the core) and on a browser-like DOM (the reader)', () => {
    expect(jsdomText(ARTICLE).text).toBe(linkedomText(ARTICLE).text)
  })

  it('leaves out what the caller skips (the print-only header)', () => {
    const { document } = new JSDOM(`<article><header class="print-header"><h1>Title</h1></header><p>Body</p></article>`)
      .window
    const map = normaliseText(document.querySelector('article')!, {
      skip: (el) => (el as unknown as Element).classList.contains('print-header')
    })
    expect(map.text).toBe('Body')
  })

  it('maps every character back to the text node and offset it came from', () => {
    const map = jsdomText(ARTICLE)
    for (let i = 0; i < map.text.length; i++) {
      const point = pointAt(map, i)!
      const source = point.node.nodeValue!
      const char = map.text[i]!
      if (char === '\n') continue
      if (char === ' ') expect(source[point.offset]).toMatch(/\s/)
      else expect(source[point.offset]).toBe(char)
      expect(offsetAt(map, point.node, point.offset)).toBe(i)
    }
    expect(pointAt(map, map.text.length)).toMatchObject({ node: { nodeValue: 'Last words.' }, offset: 11 })
    expect(pointAt(map, -1)).toBeNull()
    expect(pointAt(map, map.text.length + 1)).toBeNull()
  })

  it('gives the pieces of text nodes a range covers, without the line breaks between blocks', () => {
    const map = jsdomText(ARTICLE)
    const start = map.text.indexOf('tide turns')
    const end = map.text.indexOf('and hooks') + 'and'.length
    const pieces = textPieces(map, start, end)
    expect(pieces.map((p) => p.node.nodeValue!.slice(p.start, p.end))).toEqual(['tide turns', '.', 'Nets', 'Lines and'])
    expect(textPieces(map, 5, 5)).toEqual([])
    expect(textPieces(map, -50, 3).map((p) => p.node.nodeValue!.slice(p.start, p.end))).toEqual(['The'])
  })

  it('works on any tree with the minimal node shape, however deep, without recursion', () => {
    const text = (value: string): TextTreeNode => ({
      nodeType: 3,
      nodeName: '#text',
      nodeValue: value,
      firstChild: null,
      nextSibling: null
    })
    const element = (name: string, children: TextTreeNode[]): TextTreeNode => {
      const linked = children.map((child) => ({ ...child }))
      linked.forEach((child, i) => Object.assign(child, { nextSibling: linked[i + 1] ?? null }))
      return { nodeType: 1, nodeName: name, nodeValue: null, firstChild: linked[0] ?? null, nextSibling: null }
    }
    let node = element('p', [text('deep')])
    for (let depth = 0; depth < 100_000; depth++) node = element(depth % 2 ? 'div' : 'span', [node])
    expect(normaliseText(element('body', [text('top'), node, text('end')])).text).toBe('top\ndeep\nend')
  })

  it('keeps CJK and right-to-left text as it is, collapsing only whitespace (also ideographic spaces)', () => {
    expect(linkedomText('<p>東京の　港は\n静かだ。</p><p dir="rtl">מזח  הדייגים</p>').text).toBe(
      '東京の 港は 静かだ。\nמזח הדייגים'
    )
  })
})
