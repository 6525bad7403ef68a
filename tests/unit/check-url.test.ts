import { describe, expect, it } from 'vitest'
import { checkWebUrl, normalizeUrl } from '../../src/core/import/check-url'

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (error) {
    return (error as { code?: string }).code
  }
  return undefined
}

describe('checkWebUrl', () => {
  it('accepts http and https addresses, and a bare host with a path as https', () => {
    expect(checkWebUrl('https://example.com/a').href).toBe('https://example.com/a')
    expect(checkWebUrl('  http://example.com/b ').href).toBe('http://example.com/b')
    expect(checkWebUrl('example.com/post/1').href).toBe('https://example.com/post/1')
  })

  it('rejects text that is not an address, with INVALID_URL', () => {
    expect(codeOf(() => checkWebUrl('not a url'))).toBe('INVALID_URL')
    expect(codeOf(() => checkWebUrl(''))).toBe('INVALID_URL')
  })

  it('rejects other schemes with UNSUPPORTED_SCHEME', () => {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi']) {
      expect(codeOf(() => checkWebUrl(url))).toBe('UNSUPPORTED_SCHEME')
    }
  })

  it('refuses addresses that carry credentials', () => {
    expect(codeOf(() => checkWebUrl('https://user:secret@example.com/'))).toBe('INVALID_URL')
  })
})

describe('normalizeUrl', () => {
  it('drops tracking parameters and the fragment, keeps meaningful parameters', () => {
    expect(normalizeUrl('https://example.com/a?id=3&utm_source=x&utm_medium=y&fbclid=z#top')).toBe(
      'https://example.com/a?id=3'
    )
  })
})
