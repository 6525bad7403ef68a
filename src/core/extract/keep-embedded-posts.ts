// Quoted posts (tweets, toots, Instagram captions) are embedded as a <blockquote> inside a wrapper that is
// often named "social-embed" or "embed-social": Readability discards such wrappers as page furniture
// before scoring, and the quote the story is about goes with them. Runs on the page before Readability.
import { textOf } from './boilerplate-signals'

const FURNITURE_NAME = /social|share|sponsor|related|embed|supplemental|extra|comment/i

/** Drops the class and id of a wrapper whose only content is a quoted post, so it is judged as content. */
export function keepEmbeddedPosts(doc: Document): void {
  for (const quote of doc.querySelectorAll('blockquote')) {
    const quoteLength = textOf(quote).length
    if (quoteLength === 0) continue
    let wrapper = quote.parentElement
    for (let depth = 0; wrapper && depth < 3 && wrapper.tagName !== 'BODY'; depth++, wrapper = wrapper.parentElement) {
      // Only a wrapper of this quote alone: a share bar or a sidebar has text of its own.
      if (textOf(wrapper).length > quoteLength * 1.2 + 20) break
      const names = `${wrapper.getAttribute('class') ?? ''} ${wrapper.getAttribute('id') ?? ''}`
      if (FURNITURE_NAME.test(names)) {
        wrapper.removeAttribute('class')
        wrapper.removeAttribute('id')
      }
    }
    // The quote itself may carry such a name too ("twitter-tweet" does not; "social-quote" would).
    if (FURNITURE_NAME.test(`${quote.getAttribute('class') ?? ''} ${quote.getAttribute('id') ?? ''}`)) {
      quote.removeAttribute('class')
      quote.removeAttribute('id')
    }
  }
}

export interface RememberedQuote {
  quote: Element
  /** Text of the block just before the quote's wrapper: where to put it back. */
  anchor: string
}

/**
 * Readability also drops a kept quote later for its link density (a tweet is mostly links: the t.co link,
 * the author, the date). Remember each quote that follows a paragraph, before Readability rewrites the page.
 */
export function rememberQuotes(doc: Document): RememberedQuote[] {
  const out: RememberedQuote[] = []
  for (const quote of doc.querySelectorAll('blockquote')) {
    if (quote.parentElement?.closest('blockquote') || textOf(quote).length < 20) continue
    let outer: Element = quote
    while (
      outer.parentElement &&
      outer.parentElement.tagName !== 'BODY' &&
      textOf(outer.parentElement).length <= textOf(quote).length * 1.2 + 20
    )
      outer = outer.parentElement
    const previous = outer.previousElementSibling
    const anchor = previous && previous.tagName === 'P' ? textOf(previous) : ''
    if (anchor.length >= 40) out.push({ quote: quote.cloneNode(true) as Element, anchor })
  }
  return out
}

/** Puts back, right after their paragraph, the remembered quotes that Readability left out. */
export function restoreQuotes(root: Element, remembered: RememberedQuote[]): void {
  if (remembered.length === 0) return
  const paragraphs = new Map<string, Element>()
  for (const p of root.querySelectorAll('p')) paragraphs.set(textOf(p), p)
  const present = textOf(root)
  for (const { quote, anchor } of remembered) {
    const after = paragraphs.get(anchor)
    if (!after || present.includes(textOf(quote))) continue
    after.after(quote)
  }
}
