import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeHtml } from '../../src/core/extract/decode-html'

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
