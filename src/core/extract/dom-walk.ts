// Small DOM walks for the cleanup rules. They replace selector queries: on linkedom a querySelectorAll with
// attribute selectors or closest() goes through css-select for every element, which was a tenth of an
// article's extraction time; these walk the element tree once, in document order.

/** Block-level elements: what the cleanup treats as lines of the article. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CENTER',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'TD',
  'TH',
  'THEAD',
  'TR',
  'UL'
])

/** Every element under root (root excluded) for which `test` holds, in document order. */
export function descendants(root: Element, test: (el: Element) => boolean): Element[] {
  const out: Element[] = []
  const visit = (el: Element): void => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      if (test(child)) out.push(child)
      visit(child)
    }
  }
  visit(root)
  return out
}

/** The elements under root with one of these tag names (upper case), in document order. */
export function byTags(root: Element, tags: ReadonlySet<string>): Element[] {
  return descendants(root, (el) => tags.has(el.tagName))
}

/** Whether el has a descendant with one of these tag names (upper case). */
export function hasDescendant(el: Element, tags: ReadonlySet<string>): boolean {
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
    if (tags.has(child.tagName) || hasDescendant(child, tags)) return true
  }
  return false
}

/** Whether el or one of its ancestors has one of these tag names (upper case): closest() without a selector. */
export function within(el: Element, tags: ReadonlySet<string>): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) if (tags.has(node.tagName)) return true
  return false
}

/** Whether el is still inside root (the article element is detached, so isConnected cannot tell). */
export function attached(root: Element, el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) if (node === root) return true
  return false
}

/** Blocks with text of their own and no block children: paragraphs, list items, headings, captions. */
export function leafBlocks(root: Element): Element[] {
  const out: Element[] = []
  const visit = (el: Element): void => {
    let hasBlockChild = false
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      if (BLOCK_TAGS.has(child.tagName)) {
        hasBlockChild = true
        visit(child)
      }
    }
    if (!hasBlockChild && el !== root && BLOCK_TAGS.has(el.tagName)) out.push(el)
  }
  visit(root)
  return out
}
