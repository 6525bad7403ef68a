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

  it('cancels middle clicks without opening', () => {
    const doc = readerDocument('<a href="https://example.test/z">z</a>')
    const opened: string[] = []
    interceptLinks(doc, (url) => opened.push(url))
    const middle = new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 })
    doc.querySelector('a')!.dispatchEvent(middle)
    expect(middle.defaultPrevented).toBe(true)
    expect(opened).toEqual([])
  })

  it('keeps in-page anchors inside the article instead of opening them', () => {
    const doc = readerDocument('<a href="#note-1">1</a><p id="note-1">A note</p>')
    const opened: string[] = []
    let scrolledTo: string | null = null
    doc.getElementById('note-1')!.scrollIntoView = function (this: Element) {
      scrolledTo = this.id
    }
    interceptLinks(doc, (url) => opened.push(url))
    const click = new MouseEvent('click', { bubbles: true, cancelable: true })
    doc.querySelector('a')!.dispatchEvent(click)
    expect(click.defaultPrevented).toBe(true)
    expect(opened).toEqual([])
    expect(scrolledTo).toBe('note-1')
  })

  it('hands every other scheme to openExternal, whose one check refuses it', () => {
    const doc = readerDocument(
      '<a href="javascript:alert(1)">js</a><a href="file:///etc/passwd">file</a><a href="data:text/html,x">data</a><a href="vscode://x">custom</a>'
    )
    const opened: string[] = []
    interceptLinks(doc, (url) => opened.push(url))
    for (const a of doc.querySelectorAll('a')) {
      const click = new MouseEvent('click', { bubbles: true, cancelable: true })
      a.dispatchEvent(click)
      // The frame itself never follows the link, whatever it is.
      expect(click.defaultPrevented).toBe(true)
    }
    expect(opened).toEqual(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'vscode://x'])
  })
})
