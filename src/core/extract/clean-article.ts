// Removes page furniture that Readability keeps inside the article: share bars, newsletter boxes, related
// links, tag lists, author bios, repeated captions, the title and dateline repeated above the story.
// Every rule is general (names, link density, length, repetition); none knows a site.
import { attached, byTags, descendants, hasDescendant, leafBlocks, within } from './dom-walk'
import { removeBreadcrumbs, removeEditLinks } from './remove-navigation'
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
  'breadcrumbs',
  'edit-links',
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

// Never useful in a stored article, and the sanitizer would drop them (with their text) anyway.
const CHROME_TAGS: ReadonlySet<string> = new Set([
  'NAV',
  'ASIDE',
  'FORM',
  'BUTTON',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'LABEL',
  'NOSCRIPT',
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'CANVAS',
  'DIALOG',
  'MENU'
])
const CHROME_ROLES: ReadonlySet<string> = new Set([
  'navigation',
  'complementary',
  'banner',
  'contentinfo',
  'button',
  'dialog'
])

function isChrome(el: Element): boolean {
  return (
    CHROME_TAGS.has(el.tagName.toUpperCase()) ||
    el.hasAttribute('hidden') ||
    el.getAttribute('aria-hidden') === 'true' ||
    CHROME_ROLES.has(el.getAttribute('role') ?? '')
  )
}

const HEADER: ReadonlySet<string> = new Set(['HEADER'])
const EMPTY_CANDIDATES: ReadonlySet<string> = new Set(['DIV', 'SECTION', 'P', 'LI', 'UL', 'OL', 'FIGURE', 'SPAN'])
const CONTENT_WITHOUT_TEXT: ReadonlySet<string> = new Set(['IMG', 'PICTURE', 'VIDEO', 'AUDIO', 'TABLE', 'HR', 'BR'])
const LISTS: ReadonlySet<string> = new Set(['UL', 'OL'])
const LINKS: ReadonlySet<string> = new Set(['A'])
const IMAGES: ReadonlySet<string> = new Set(['IMG'])
const FIGURES: ReadonlySet<string> = new Set(['FIGCAPTION', 'FIGURE'])

/** Cleans Readability's article element in place. */
export function cleanArticle(root: Element, context: CleanupContext): void {
  const disabled = new Set(context.disabledRules ?? [])
  const on = (rule: CleanupRule): boolean => !disabled.has(rule)
  const totalWords = Math.max(1, wordCount(textOf(root)))
  const removable = (el: Element): boolean => el !== root && wordCount(textOf(el)) <= totalWords * MAX_SHARE_REMOVED

  if (on('chrome')) removeChrome(root, removable)
  if (on('breadcrumbs')) removeBreadcrumbs(root, context.title)
  if (on('edit-links')) removeEditLinks(root)
  if (on('furniture-names')) removeByName(root, removable)
  if (on('link-lists')) removeLinkLists(root, removable)
  if (on('furniture-lines')) removeFurnitureLines(root, removable)
  if (on('title-and-dateline')) removeTitleAndDateline(root, context)
  if (on('repeated-captions')) removeRepeatedCaptions(root)
  if (on('author-bio')) removeAuthorBio(root, context)
  removeEmptyBlocks(root)
}

function removeChrome(root: Element, removable: (el: Element) => boolean): void {
  for (const el of descendants(root, isChrome)) if (attached(root, el) && removable(el)) el.remove()
  for (const el of descendants(root, (e) => e.hasAttribute('style'))) {
    const style = (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '')
    if (/display:none|visibility:hidden/.test(style) && removable(el)) el.remove()
  }
  // A header inside the article holds its title, byline, dateline, kicker: all repeated in the metadata.
  for (const el of byTags(root, HEADER)) if (attached(root, el) && removable(el)) el.remove()
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
  for (const list of byTags(root, LISTS)) {
    if (!attached(root, list) || inQuote(list) || !removable(list)) continue
    const items = [...list.children].filter((li) => li.tagName === 'LI')
    if (items.length === 0) continue
    const meanWords = items.reduce((sum, li) => sum + wordCount(textOf(li)), 0) / items.length
    if (meanWords > 20) continue
    const densities = items.map(linkDensity)
    const linkedShare = (minDensity: number): number => densities.filter((d) => d > minDensity).length / items.length
    if (linkedShare(0.6) >= 0.6 || (linkedShare(0.25) === 1 && trailing(list))) removeWithLeadIn(list)
  }
  // Short trailing blocks that are nothing but links: "Read more: <headline>", tag rows, "More from the author".
  for (const el of leafBlocks(root)) {
    if (!attached(root, el)) continue
    const words = wordCount(textOf(el))
    if (words === 0 || words > 25 || !hasDescendant(el, LINKS) || inQuote(el) || !removable(el)) continue
    if (linkDensity(el) >= 0.8 && trailing(el)) el.remove()
  }
}

/** Removes a list together with a short heading or line that introduces it ("More stories", "Related:"). */
function removeWithLeadIn(el: Element): void {
  const previous = el.previousElementSibling
  if (
    previous &&
    !hasDescendant(previous, IMAGES) &&
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
    if (!attached(root, el)) continue
    const text = textOf(el)
    if (wordCount(text) > 30 || !isFurnitureLine(text) || inQuote(el) || !removable(el)) continue
    el.remove()
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
  if (within(el, FIGURES)) return true
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

/**
 * Removes blocks left with no text and nothing to show (no image, table, rule or break). Bottom-up in one
 * pass: removing an empty block never changes what its parent holds.
 */
function removeEmptyBlocks(root: Element): void {
  const visit = (el: Element): boolean => {
    let holds = false
    for (let node = el.firstChild; node;) {
      const next = node.nextSibling
      if (node.nodeType === 3) holds ||= /\S/.test(node.nodeValue ?? '')
      else if (node.nodeType === 1) holds = visit(node as Element) || holds
      node = next
    }
    if (CONTENT_WITHOUT_TEXT.has(el.tagName)) return true
    if (!holds && el !== root && EMPTY_CANDIDATES.has(el.tagName)) el.remove()
    return holds
  }
  visit(root)
}

const BLOCKQUOTE: ReadonlySet<string> = new Set(['BLOCKQUOTE'])

function inQuote(el: Element): boolean {
  return within(el, BLOCKQUOTE)
}
