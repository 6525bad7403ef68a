import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeFeed } from '../../src/core/feeds/decode-feed'

const xml = (declaration: string, text: string) =>
  `<?xml version="1.0"${declaration}?><rss version="2.0"><channel><title>${text}</title></channel></rss>`

describe('decodeFeed', () => {
  it('lets a byte order mark win over the header and the declaration', () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(xml(' encoding="windows-1252"', 'naïve café'))
    ])
    expect(decodeFeed(body, 'text/xml; charset=iso-8859-1')).toMatchObject({
      text: expect.stringContaining('naïve café'),
      source: 'bom'
    })
  })

  it('reads UTF-16 with a byte order mark', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml(' encoding="UTF-16"', 'Grüße'), 'utf16le')])
    expect(decodeFeed(body).text).toContain('Grüße')
  })

  it('uses the Content-Type charset, then the XML declaration', () => {
    const big5 = iconv.encode(xml('', '離線閱讀'), 'big5')
    expect(decodeFeed(big5, 'application/rss+xml; charset=Big5')).toMatchObject({ encoding: 'Big5', source: 'header' })
    const sjis = iconv.encode(xml(' encoding="Shift_JIS"', 'オフライン'), 'shift_jis')
    expect(decodeFeed(sjis, 'application/rss+xml')).toMatchObject({
      text: expect.stringContaining('オフライン'),
      source: 'declaration'
    })
  })

  it('reads GBK declared as gb2312 (the label most Chinese feeds use)', () => {
    const body = iconv.encode(xml(' encoding="gb2312"', '离线阅读的文章'), 'gbk')
    expect(decodeFeed(body).text).toContain('离线阅读的文章')
  })

  it('prefers the declaration to a Latin-1 header (a server default)', () => {
    const body = iconv.encode(xml(' encoding="windows-1251"', 'Статья'), 'windows-1251')
    expect(decodeFeed(body, 'text/xml; charset=ISO-8859-1').text).toContain('Статья')
  })

  it('reads UTF-8 bytes as UTF-8 even when labelled Latin-1', () => {
    expect(
      decodeFeed(Buffer.from(xml(' encoding="iso-8859-1"', 'crème brûlée')), 'text/xml; charset=iso-8859-1').text
    ).toContain('crème brûlée')
  })

  it('reads Latin-1 bytes as windows-1252 even when labelled UTF-8', () => {
    const body = iconv.encode(xml(' encoding="utf-8"', 'crème “brûlée”'), 'windows-1252')
    expect(decodeFeed(body, 'text/xml; charset=utf-8').text).toContain('crème “brûlée”')
  })

  it('keeps UTF-8 with one stray byte as UTF-8', () => {
    const body = Buffer.concat([Buffer.from(xml('', 'crème ')), Buffer.from([0xff]), Buffer.from('brûlée')])
    expect(decodeFeed(body).text).toContain('crème')
    expect(decodeFeed(body).encoding).toBe('UTF-8')
  })

  it('detects undeclared bytes: valid UTF-8 is UTF-8, anything else windows-1252', () => {
    expect(decodeFeed(Buffer.from(xml('', 'Zürich'))).encoding).toBe('UTF-8')
    expect(decodeFeed(iconv.encode(xml('', 'Zürich'), 'latin1'))).toMatchObject({
      encoding: 'windows-1252',
      text: expect.stringContaining('Zürich')
    })
  })

  it('ignores unknown charset labels', () => {
    expect(decodeFeed(Buffer.from(xml(' encoding="klingon"', 'ok')), 'text/xml; charset=x-nonsense').encoding).toBe(
      'UTF-8'
    )
  })
})
