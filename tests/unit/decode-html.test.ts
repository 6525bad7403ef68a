import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeHtml, decodeWindows1252 } from '../../src/core/extract/decode-html'

const page = (charsetMeta: string, body: string) =>
  `<!doctype html><html><head>${charsetMeta}<title>t</title></head><body><p>${body}</p></body></html>`

describe('decodeHtml', () => {
  const cases: Array<[string, string, string]> = [
    ['gbk', 'GBK', '离线阅读的文章'],
    ['big5', 'Big5', '離線閱讀的文章'],
    ['shift_jis', 'Shift_JIS', 'オフラインで読む記事'],
    ['euc-kr', 'EUC-KR', '오프라인으로 읽는 기사'],
    ['windows-1251', 'windows-1251', 'Статья для чтения офлайн'],
    ['iso-8859-1', 'ISO-8859-1', 'Café crème à l’été'.replace('’', "'")]
  ]

  for (const [encoding, label, text] of cases) {
    it(`decodes ${label} declared only in <meta charset>`, () => {
      const bytes = iconv.encode(page(`<meta charset="${label}">`, text), encoding)
      expect(decodeHtml(bytes, 'text/html').html).toContain(text)
    })

    it(`decodes ${label} declared only in the Content-Type header`, () => {
      const bytes = iconv.encode(page('', text), encoding)
      expect(decodeHtml(bytes, `text/html; charset=${label}`).html).toContain(text)
    })
  }

  it('lets a byte order mark win over a wrong header', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('', 'naïve café'), 'utf8')])
    expect(decodeHtml(bytes, 'text/html; charset=windows-1252').html).toContain('naïve café')
  })

  it('uses the http-equiv Content-Type meta form as well', () => {
    const bytes = iconv.encode(
      page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', '中文'),
      'gbk'
    )
    expect(decodeHtml(bytes).html).toContain('中文')
  })

  it('ignores an unknown header charset and falls back to the <meta> prescan', () => {
    const bytes = iconv.encode(page('<meta charset="Shift_JIS">', '日本語'), 'shift_jis')
    expect(decodeHtml(bytes, 'text/html; charset=made-up').html).toContain('日本語')
  })
})

describe('decodeHtml without a declaration', () => {
  const bare = (body: string) => `<!doctype html><html><head><title>t</title></head><body><p>${body}</p></body></html>`

  it('reads valid UTF-8 as UTF-8 (what a saved file or a bare text/html response usually is)', () => {
    const decoded = decodeHtml(Buffer.from(bare('The keeper’s “logbook” — naïve café'), 'utf8'), 'text/html')
    expect(decoded.html).toContain('The keeper’s “logbook” — naïve café')
    expect(decoded).toMatchObject({ encoding: 'UTF-8', source: 'utf-8' })
  })

  it('detects legacy encodings from the text when the bytes are not UTF-8', () => {
    const cases: Array<[string, string]> = [
      ['windows-1251', 'Каждый вечер смотритель маяка поднимался по винтовой лестнице и зажигал огонь.'],
      ['shift_jis', '灯台守は毎晩らせん階段を上り、百十二段を数えながら灯をともした。冬の嵐は北西から吹きつけた。'],
      ['gbk', '他每天黄昏都会爬上螺旋楼梯，数着一百一十二级台阶，就像他父亲以前那样。冬天的风暴从西北方向吹来。'],
      [
        'windows-1252',
        'Chaque soir il montait l’escalier en colimaçon, comptant les marches, à la lueur de la lanterne.'
      ]
    ]
    for (const [encoding, text] of cases) {
      const decoded = decodeHtml(iconv.encode(bare(`${text} ${text}`), encoding), 'text/html')
      expect(decoded.html, encoding).toContain(text)
      expect(decoded.source, encoding).toBe('detected')
    }
  })

  it('follows a <meta charset> found after the first 1024 bytes', () => {
    const page = `<!doctype html><html><head><style>${'x'.repeat(3000)}</style><meta charset="windows-1251"><title>t</title></head><body><p>Статья для чтения офлайн</p></body></html>`
    const decoded = decodeHtml(iconv.encode(page, 'windows-1251'))
    expect(decoded.html).toContain('Статья для чтения офлайн')
    expect(decoded.source).toBe('late-meta')
  })

  it('reads windows-1252 punctuation right (curly quotes, dashes, euro sign)', () => {
    const bytes = iconv.encode(page('<meta charset="windows-1252">', 'l’été — 5 €'), 'windows-1252')
    expect(decodeHtml(bytes).html).toContain('l’été — 5 €')
  })

  it('prefers valid non-ASCII UTF-8 over a legacy charset the page or server wrongly declares', () => {
    const bytes = Buffer.from(page('<meta charset="gb2312">', '离线阅读的文章 and l’été'), 'utf8')
    expect(decodeHtml(bytes).html).toContain('离线阅读的文章 and l’été')
    expect(decodeHtml(bytes, 'text/html; charset=iso-8859-1').html).toContain('离线阅读的文章')
  })
})

describe('decodeWindows1252', () => {
  it('reads every byte as the WHATWG windows-1252 index does (checked against iconv-lite)', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    // iconv-lite leaves the five unassigned bytes undecodable; the WHATWG index maps them to U+0081 and so on.
    const expected = [...iconv.decode(Buffer.from(all), 'windows-1252')].map((c, i) =>
      c === '\uFFFD' ? String.fromCharCode(i) : c
    )
    expect([...decodeWindows1252(all)]).toEqual(expected)
  })
})
