// Captions and photo credits stay in the article's HTML (readers want them under their pictures) but are
// not the story's text: left out of content.txt, search snippets and word counts. FIGCAPTION says so itself;
// most pages say it with a class name, or only by layout: a short line in italics right under a picture.
import { comparable, nameTokens, textOf, wordCount } from './boilerplate-signals'
import { descendants, leafBlocks } from './dom-walk'

const CAPTION_TOKENS = new Set(['caption', 'captions', 'credit', 'credits', 'figcaption', 'photocredit'])
const EMPHASIS = new Set(['EM', 'I', 'SMALL', 'CENTER', 'CITE'])
// Where a retagged caption can be found again by its text: lines, not table cells, list items or headings.
const LINE_TAGS = new Set(['P', 'DIV', 'SPAN', 'FIGCAPTION', 'SMALL', 'CENTER'])
// Longer than this, a block named "caption" wraps more than a caption.
const MAX_NAMED_CAPTION_WORDS = 60
// An italic line under a picture longer than this, or opening with a quotation mark, is the story going on.
const MAX_STYLED_CAPTION_WORDS = 16

/**
 * The texts of the page's blocks named as captions or credits, read before Readability rewrites the page
 * (it retags blocks, and their class names go with the old tags).
 */
export function rememberCaptions(doc: Document): Set<string> {
  const texts = new Set<string>()
  if (!doc.body) return texts
  for (const el of descendants(doc.body, isNamedCaption)) {
    const text = textOf(el)
    // Two words ("Kyle Busch") could as well be a table cell or a name in the story.
    const words = wordCount(text)
    if (words >= 3 && words <= MAX_NAMED_CAPTION_WORDS) texts.add(comparable(text))
  }
  return texts
}

/** The elements of an extracted article that are captions or credits of its pictures. */
export function findCaptions(root: Element, remembered: ReadonlySet<string> = new Set()): Set<Element> {
  const captions = new Set<Element>()
  for (const el of descendants(root, (e) => e.tagName === 'FIGCAPTION' || isNamedCaption(e))) captions.add(el)
  if (remembered.size > 0) {
    for (const el of leafBlocks(root)) {
      if (LINE_TAGS.has(el.tagName) && remembered.has(comparable(textOf(el)))) captions.add(el)
    }
  }
  for (const img of descendants(root, (e) => e.tagName === 'IMG')) {
    const line = lineAfter(img)
    if (!line || !isEmphasisOnly(line)) continue
    const text = textOf(line)
    if (wordCount(text) <= MAX_STYLED_CAPTION_WORDS && !/^["“”'‘«„]/u.test(text)) captions.add(line)
  }
  return captions
}

function isNamedCaption(el: Element): boolean {
  return nameTokens(el).some((token) => CAPTION_TOKENS.has(token))
}

/** The block right after the picture's own block (the picture alone in a <p>, <div>, <figure> or <a>). */
function lineAfter(img: Element): Element | null {
  let holder: Element = img
  while (holder.parentElement && textOf(holder.parentElement) === '' && holder.parentElement.tagName !== 'ARTICLE') {
    holder = holder.parentElement
  }
  return holder.nextElementSibling
}

/** Whether all the text of an element sits inside italics, <small>, <center> or <cite>. */
function isEmphasisOnly(el: Element): boolean {
  if (!textOf(el)) return false
  const plain = (node: Node): boolean => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3 && /\S/.test(child.nodeValue ?? '')) return true
      if (child.nodeType === 1 && !EMPHASIS.has((child as Element).tagName) && plain(child)) return true
    }
    return false
  }
  return EMPHASIS.has(el.tagName) ? true : !plain(el)
}
