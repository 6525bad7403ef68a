import { describe, expect, it } from 'vitest'
import { interceptLinks } from '../../src/renderer/src/reader/intercept-links'

function readerDocument(body: string): Document {
  const doc = document.implementation.createHTMLDocument('reader')
  doc.head.innerHTML = '<base href="lectern://articles/abc/">'
  doc.body.innerHTML = body
  return doc
}

describe('interceptLinks', () => {
  it('cancels every link click and hands the URL to openExternal', () => {
    const doc = readerDocument('<p><a href="https://example.test/x"><em>nested</em> link</a> and text</p>')
    const opened: string[] = []
    interceptLinks(doc, (url) => opened.push(url))
    const event = new MouseEvent('click', { bubbles: true, cancelable: true })
    doc.querySelector('em')!.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(true)
    expect(opened).toEqual(['https://example.test/x'])
  })

  it('leaves clicks outside links alone and stops after detaching', () => {
    const doc = readerDocument('<p>plain <a href="https://example.test/y">y</a></p>')
    const opened: string[] = []
    const detach = interceptLinks(doc, (url) => opened.push(url))
    const plain = new MouseEvent('click', { bubbles: true, cancelable: true })
    doc.querySelector('p')!.dispatchEvent(plain)
    expect(plain.defaultPrevented).toBe(false)
    detach()
    doc.querySelector('a')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    expect(opened).toEqual([])
  })

  it('cancels middle clicks without opening, and forwards Escape', () => {
    const doc = readerDocument('<a href="https://example.test/z">z</a>')
    const opened: string[] = []
    let escaped = 0
    interceptLinks(doc, (url) => opened.push(url), () => (escaped += 1))
    const middle = new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 })
    doc.querySelector('a')!.dispatchEvent(middle)
    expect(middle.defaultPrevented).toBe(true)
    expect(opened).toEqual([])
    doc.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    expect(escaped).toBe(1)
  })
})
