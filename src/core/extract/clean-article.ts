// Removes page furniture that Readability keeps inside the article: share bars, newsletter boxes, related
// links, tag lists, author bios, repeated captions, the title and dateline repeated above the story.
// Every rule is general (names, link density, length, repetition); none knows a site.
import {
  comparable,
  furnitureByName,
  isDateLine,
  isFurnitureLine,
  linkDensity,
  textOf,
  wordCount
} from './boilerplate-signals'

export const CLEANUP_RULES = [
  'chrome',
  'furniture-names',
  'furniture-lines',
  'link-lists',
  'title-and-dateline',
  'repeated-captions',
  'author-bio'
] as const
export type CleanupRule = (typeof CLEANUP_RULES)[number]

export interface CleanupContext {
  title: string | null
  byline: string | null
  disabledRules?: readonly CleanupRule[]
}

// A rule never removes a block that holds more than this share of the article's words: whatever it is
// named, it is (or wraps) the story.
const MAX_SHARE_REMOVED = 0.25

const BLOCK_TAGS = new Set([
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

// Never useful in a stored article, and the sanitizer would drop them (with their text) anyway.
const CHROME_SELECTOR = [
  'nav',
  'aside',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'label',
  'noscript',
  'script',
  'style',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'dialog',
  'menu',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="complementary"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="button"]',
  '[role="dialog"]'
].join(',')

/** Cleans Readability's article element in place. */
export function cleanArticle(root: Element, context: CleanupContext): void {
  const disabled = new Set(context.disabledRules ?? [])
  const on = (rule: CleanupRule): boolean => !disabled.has(rule)
  const totalWords = Math.max(1, wordCount(textOf(root)))
  const removable = (el: Element): boolean => el !== root && wordCount(textOf(el)) <= totalWords * MAX_SHARE_REMOVED

  if (on('chrome')) removeChrome(root, removable)
  if (on('furniture-names')) removeByName(root, removable)
  if (on('link-lists')) removeLinkLists(root, removable)
  if (on('furniture-lines')) removeFurnitureLines(root, removable)
  if (on('title-and-dateline')) removeTitleAndDateline(root, context)
  if (on('repeated-captions')) removeRepeatedCaptions(root)
  if (on('author-bio')) removeAuthorBio(root, context)
  removeEmptyBlocks(root)
}

function removeChrome(root: Element, removable: (el: Element) => boolean): void {
  for (const el of [...root.querySelectorAll(CHROME_SELECTOR)]) if (attached(root, el) && removable(el)) el.remove()
  for (const el of [...root.querySelectorAll('[style]')]) {
    const style = (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '')
    if (/display:none|visibility:hidden/.test(style) && removable(el)) el.remove()
  }
  // A header inside the article holds its title, byline, dateline, kicker: all repeated in the metadata.
  for (const el of [...root.querySelectorAll('header')]) if (attached(root, el) && removable(el)) el.remove()
}

function removeByName(root: Element, removable: (el: Element) => boolean): void {
  const visit = (el: Element): void => {
    for (const child of [...el.children]) {
      const strength = furnitureByName(child)
      if (strength && !inQuote(child) && removable(child)) {
        const words = wordCount(textOf(child))
        // A weak name ("author", "meta", "caption") is only trusted on a short or link-heavy block.
        if (strength === 'strong' || words <= 60 || linkDensity(child) > 0.5) {
          child.remove()
          continue
        }
      }
      visit(child)
    }
  }
  visit(root)
}

function removeLinkLists(root: Element, removable: (el: Element) => boolean): void {
  const full = textOf(root)
  // Related-story lists and link rows sit after the story; inside it, a list of links is usually content.
  const trailing = (el: Element): boolean => {
    const text = textOf(el)
    return text.length > 0 && full.lastIndexOf(text) >= full.length * 0.6
  }
  for (const list of [...root.querySelectorAll('ul, ol')]) {
    if (!attached(root, list) || inQuote(list) || !removable(list)) continue
    const items = [...list.children].filter((li) => li.tagName === 'LI')
    if (items.length === 0) continue
    const meanWords = items.reduce((sum, li) => sum + wordCount(textOf(li)), 0) / items.length
    if (meanWords > 20) continue
    const linkedShare = (minDensity: number): number =>
      items.filter((li) => linkDensity(li) > minDensity).length / items.length
    if (linkedShare(0.6) >= 0.6 || (linkedShare(0.25) === 1 && trailing(list))) removeWithLeadIn(list)
  }
  // Short trailing blocks that are nothing but links: "Read more: <headline>", tag rows, "More from the author".
  for (const el of leafBlocks(root)) {
    if (!attached(root, el) || inQuote(el) || !removable(el)) continue
    const words = wordCount(textOf(el))
    if (words > 0 && words <= 25 && el.querySelector('a') && linkDensity(el) >= 0.8 && trailing(el)) el.remove()
  }
}

/** Removes a list together with a short heading or line that introduces it ("More stories", "Related:"). */
function removeWithLeadIn(el: Element): void {
  const previous = el.previousElementSibling
  if (
    previous &&
    !previous.querySelector('img') &&
    wordCount(textOf(previous)) <= 8 &&
    /^(?:H[1-6]|P|DIV|STRONG|B)$/.test(previous.tagName)
  ) {
    const text = textOf(previous)
    if (/:$/.test(text) || /^H[1-6]$/.test(previous.tagName) || isFurnitureLine(text)) previous.remove()
  }
  el.remove()
}

function removeFurnitureLines(root: Element, removable: (el: Element) => boolean): void {
  for (const el of leafBlocks(root)) {
    if (!attached(root, el) || inQuote(el) || !removable(el)) continue
    const text = textOf(el)
    if (wordCount(text) <= 30 && isFurnitureLine(text)) el.remove()
  }
}

function removeTitleAndDateline(root: Element, context: CleanupContext): void {
  const title = context.title ? comparable(context.title) : ''
  const byline = context.byline ? comparable(context.byline) : ''
  const leaves = leafBlocks(root)
  // The title, byline and dateline sit above the story: only the first few blocks are looked at for them.
  for (const el of leaves.slice(0, 8)) {
    if (!attached(root, el)) continue
    const text = comparable(textOf(el))
    if (!text) continue
    const isTitle =
      title && /^H[1-6]$/.test(el.tagName) && (text === title || (text.length > 20 && title.includes(text)))
    const isByline =
      byline &&
      text.length <= byline.length + 12 &&
      (text === byline || text === `by ${byline}` || text.startsWith(`${byline} `) || text.startsWith(`by ${byline}`))
    if (isTitle || isByline) el.remove()
  }
  for (const el of leaves) if (attached(root, el) && isDateLine(textOf(el))) el.remove()
}

/**
 * Galleries repeat the same caption or credit under every slide ("Photo: AP"). Only captions are looked at:
 * table cells, list items and quoted posts legitimately repeat short lines.
 */
function removeRepeatedCaptions(root: Element): void {
  const seen = new Set<string>()
  for (const el of leafBlocks(root)) {
    if (!attached(root, el) || !isCaptionLike(el)) continue
    const text = comparable(textOf(el))
    if (!text || wordCount(text) > 40) continue
    if (seen.has(text)) el.remove()
    else seen.add(text)
  }
}

function isCaptionLike(el: Element): boolean {
  if (el.tagName === 'FIGCAPTION' || el.closest('figcaption, figure')) return true
  return /caption|credit/i.test(`${el.getAttribute('class') ?? ''} ${el.parentElement?.getAttribute('class') ?? ''}`)
}

/** "Jane Doe is a reporter who ..." after the story, when Jane Doe wrote it. */
function removeAuthorBio(root: Element, context: CleanupContext): void {
  const names = bylineNames(context.byline)
  if (names.length === 0) return
  const leaves = leafBlocks(root)
  for (const el of leaves.slice(-4)) {
    const text = textOf(el)
    const words = wordCount(text)
    if (words === 0 || words > 90) continue
    const lower = text.toLowerCase()
    if (
      names.some(
        (name) =>
          lower.startsWith(name) && /^\s*(?:is|was|has|writes|covers|lives|joined)\b/.test(lower.slice(name.length))
      )
    )
      el.remove()
  }
}

function bylineNames(byline: string | null): string[] {
  if (!byline) return []
  const cleaned =
    byline
      .replace(/^\s*by\s+/i, '')
      .split(/\s*(?:,|\band\b|&|\||·)\s*/i)[0]
      ?.trim()
      .toLowerCase() ?? ''
  if (!cleaned || cleaned.split(/\s+/).length > 4) return []
  const first = cleaned.split(/\s+/)[0] ?? ''
  return first.length >= 3 && first !== cleaned ? [cleaned, first] : [cleaned]
}

function removeEmptyBlocks(root: Element): void {
  for (const el of [...root.querySelectorAll('div, section, p, li, ul, ol, figure, span')].reverse()) {
    if (!attached(root, el)) continue
    if (!textOf(el) && !el.querySelector('img, picture, video, audio, table, hr, br')) el.remove()
  }
}

/** Blocks with text of their own and no block children: paragraphs, list items, headings, captions. */
function leafBlocks(root: Element): Element[] {
  const out: Element[] = []
  const visit = (el: Element): void => {
    let hasBlockChild = false
    for (const child of el.children) {
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

/** Whether el is still inside root (the article element is detached, so isConnected cannot tell). */
function attached(root: Element, el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) if (node === root) return true
  return false
}

function inQuote(el: Element): boolean {
  return el.closest('blockquote') !== null
}
