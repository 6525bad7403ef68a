import { escapeXml, exportWindow, forEachStoredImage } from './article-dom'

// Stored article HTML is sanitized HTML5 but not necessarily *valid* HTML5: a page may put a list inside a
// <span>, an <li> outside any list, a <time> without a machine-readable date. Browsers shrug; EPUB reading
// systems may not, and epubcheck rejects the book. These passes turn such markup into the nearest valid
// form (usually a <div>), keeping every word.

// Elements whose content must be phrasing (inline) content.
const PHRASING_ONLY = new Set(
  'P H1 H2 H3 H4 H5 H6 PRE SPAN B I EM STRONG SMALL S U MARK Q CITE CODE KBD SAMP VAR ABBR DFN BDI BDO SUB SUP'.split(
    ' '
  )
)
// Elements that are flow (block) content and may not sit inside the ones above.
const FLOW_ONLY = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE DETAILS DIV DL DD FIGURE FIGCAPTION FOOTER H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN OL P PRE SECTION TABLE UL'.split(
    ' '
  )
)
// Their content model is their parent's: a flow child makes them flow.
const TRANSPARENT = new Set(['A', 'INS', 'DEL'])
const LIST_PARENTS = new Set(['UL', 'OL'])
const SCOPES = new Set(['row', 'col', 'rowgroup', 'colgroup'])

/**
 * The article as the inside of an XHTML <body> for an EPUB chapter: images that are in `images` point to
 * `imageHref(name)`, others are replaced by their alt text; markup is repaired to valid HTML5 and
 * serialized as well-formed XML.
 */
export function articleXhtml(
  html: string,
  hasImage: (name: string) => boolean,
  imageHref: (name: string) => string
): string {
  const document = exportWindow().document
  const body = document.createElement('body')
  const template = document.createElement('template')
  template.innerHTML = html
  body.append(template.content)
  forEachStoredImage(body, hasImage, (img, name) => img.setAttribute('src', imageHref(name)))
  for (const img of [...body.querySelectorAll('img')]) {
    const src = img.getAttribute('src') ?? ''
    if (!src.startsWith('../images/')) img.replaceWith(document.createTextNode(img.getAttribute('alt') ?? ''))
    else if (!img.hasAttribute('alt')) img.setAttribute('alt', '')
  }
  fixStructure(body)
  fixAttributes(body)
  cleanText(body)
  const xml = new (exportWindow().XMLSerializer)().serializeToString(body)
  return xml.replace(/^<body[^>]*>/, '').replace(/<\/body>$|<body[^>]*\/>$/, '')
}

function rename(element: Element, tag: string): Element {
  const replacement = element.ownerDocument.createElement(tag)
  for (const attr of [...element.attributes]) replacement.setAttribute(attr.name, attr.value)
  replacement.append(...element.childNodes)
  element.replaceWith(replacement)
  return replacement
}

/** All elements under root, children before parents (iterative: pages can nest deeply). */
function postOrder(root: Element): Element[] {
  const order: Element[] = []
  const stack: Element[] = Array.from(root.children)
  while (stack.length) {
    const element = stack.pop() as Element
    order.push(element)
    for (const child of element.children) stack.push(child)
  }
  return order.reverse()
}

function fixStructure(body: Element): void {
  const document = body.ownerDocument
  // Elements EPUB readers handle unevenly or whose rules need data we dropped: plain equivalents.
  for (const el of [...body.querySelectorAll('details')]) rename(el, 'div')
  for (const el of [...body.querySelectorAll('summary')]) rename(el, 'p')
  for (const el of [...body.querySelectorAll('time')]) rename(el, 'span')
  for (const el of [...body.querySelectorAll('bdo')])
    if (!/^(ltr|rtl)$/.test(el.getAttribute('dir') ?? '')) rename(el, 'span')
  // A phrasing-only element holding block content becomes a <div>, from the inside out.
  const flowing = new Set<Element>()
  for (const element of postOrder(body)) {
    let current = element
    const holdsFlow = [...current.children].some((c) => FLOW_ONLY.has(c.tagName) || flowing.has(c))
    if (!holdsFlow) continue
    if (PHRASING_ONLY.has(current.tagName)) current = rename(current, 'div')
    if (TRANSPARENT.has(current.tagName)) flowing.add(current)
  }
  for (const el of [...body.querySelectorAll('li')])
    if (!LIST_PARENTS.has(el.parentElement?.tagName ?? '')) rename(el, 'div')
  for (const list of [...body.querySelectorAll('ul, ol')]) {
    for (const child of [...list.childNodes]) {
      const stray = child.nodeType === 1 ? (child as Element).tagName !== 'LI' : (child.textContent ?? '').trim() !== ''
      if (stray) {
        const li = document.createElement('li')
        child.replaceWith(li)
        li.append(child)
      }
    }
  }
  for (const dl of [...body.querySelectorAll('dl')]) {
    const shape = [...dl.children].map((c) => (c.tagName === 'DT' ? 't' : c.tagName === 'DD' ? 'd' : 'x')).join('')
    if (!/^(?:t+d+)*$/.test(shape)) {
      for (const child of [...dl.children]) if (child.tagName === 'DT' || child.tagName === 'DD') rename(child, 'div')
      rename(dl, 'div')
    }
  }
  for (const el of [...body.querySelectorAll('dt, dd')]) if (el.parentElement?.tagName !== 'DL') rename(el, 'div')
  for (const caption of [...body.querySelectorAll('figcaption')]) {
    const figure = caption.parentElement
    const first = figure?.firstElementChild === caption
    const last = figure?.lastElementChild === caption
    if (figure?.tagName !== 'FIGURE' || !(first || last) || figure.querySelectorAll(':scope > figcaption').length > 1)
      rename(caption, 'p')
  }
  for (const caption of [...body.querySelectorAll('caption')]) {
    const table = caption.parentElement
    if (table?.tagName === 'TABLE' && table.firstElementChild !== caption) table.prepend(caption)
  }
}

function fixAttributes(body: Element): void {
  const ids = new Set<string>()
  for (const el of body.querySelectorAll('[id]')) {
    const id = el.getAttribute('id') ?? ''
    if (!id || /\s/.test(id) || ids.has(id)) el.removeAttribute('id')
    else ids.add(id)
  }
  for (const el of body.querySelectorAll('*')) {
    const tag = el.tagName
    for (const { name, value } of [...el.attributes]) {
      if (!attributeValid(tag, name, value, ids)) el.removeAttribute(name)
    }
    if (tag === 'OL' && el.hasAttribute('reversed')) el.setAttribute('reversed', 'reversed')
  }
}

function attributeValid(tag: string, name: string, value: string, ids: Set<string>): boolean {
  switch (name) {
    case 'href':
      if (value.startsWith('#')) return ids.has(value.slice(1))
      if (!/^(https?:|mailto:)/i.test(value)) return false
      return URL.canParse(value) && !/\s/.test(value)
    case 'src':
    case 'alt':
    case 'title':
    case 'id':
      return true
    case 'width':
    case 'height':
      return tag === 'IMG' && /^\d+$/.test(value)
    case 'colspan':
    case 'rowspan':
      return (tag === 'TD' || tag === 'TH') && /^[1-9]\d{0,3}$/.test(value)
    case 'scope':
      return tag === 'TH' && SCOPES.has(value)
    case 'start':
      return tag === 'OL' && /^-?\d{1,9}$/.test(value)
    case 'reversed':
      return tag === 'OL'
    case 'type':
      return tag === 'OL' && /^[1aAiI]$/.test(value)
    case 'dir':
      return /^(ltr|rtl|auto)$/.test(value)
    case 'lang':
      return /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/i.test(value)
    default:
      // datetime, cite, headers, open and anything else: their values need checks the content never had.
      return false
  }
}

// Characters XML 1.0 cannot hold at all (controls, lone surrogates): dropped from text and attributes.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
const NOT_XML_ALL = new RegExp(NOT_XML.source, 'gu')

function cleanText(body: Element): void {
  const walker = body.ownerDocument.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? ''
    if (NOT_XML.test(text)) node.nodeValue = text.replace(NOT_XML_ALL, '')
  }
  for (const el of body.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      if (NOT_XML.test(attr.value)) el.setAttribute(attr.name, attr.value.replace(NOT_XML_ALL, ''))
    }
  }
}

/** Plain text as XHTML paragraphs (for highlights and notes). */
export function xhtmlParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeXml(p).replace(/\n/g, '<br/>')}</p>`)
    .join('')
}
