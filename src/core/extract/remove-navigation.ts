// Navigation that Readability keeps at the top of an article or in its headings: breadcrumb trails and a
// wiki's "[edit]" section links. General shapes only; nothing here knows a site.
import { comparable, textOf, wordCount } from './boilerplate-signals'
import { attached, byTags, leafBlocks } from './dom-walk'

// "Home › China › China's Alibaba Announces…": separators of a trail of links.
const CRUMB_SEPARATOR = /\s*[›»>/|→]\s*/u
const LISTS: ReadonlySet<string> = new Set(['UL', 'OL'])
const HEADINGS: ReadonlySet<string> = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6'])
const HOME = /^(?:home|homepage|start|main page|accueil|inicio|início|startseite|home page|首页|首頁|主页|ホーム|홈)$/iu

/**
 * A trail of short links near the top of the article, separated by › » / > | and ending in the title (or
 * starting at "Home"), is navigation, not the story. Only the first blocks are looked at.
 */
export function removeBreadcrumbs(root: Element, title: string | null): void {
  const wanted = title ? comparable(title) : ''
  const isTitle = (text: string): boolean => {
    const crumb = comparable(text.replace(/(?:…|\.\.\.)$/u, ''))
    return crumb.length >= 8 && wanted.length > 0 && (wanted.startsWith(crumb) || crumb.startsWith(wanted))
  }
  const isTrail = (parts: string[], links: number): boolean => {
    if (parts.length < 2 || links === 0) return false
    const head = parts.slice(0, -1)
    if (head.some((part) => wordCount(part) > 5 || part.length > 40)) return false
    const last = parts[parts.length - 1]!
    return isTitle(last) || (HOME.test(parts[0]!) && links >= Math.min(2, head.length) && wordCount(last) <= 25)
  }
  for (const el of leafBlocks(root).slice(0, 6)) {
    if (!attached(root, el) || el.tagName === 'LI' || /^H[1-6]$/.test(el.tagName)) continue
    const text = textOf(el)
    if (text.length > 400 || !CRUMB_SEPARATOR.test(text)) continue
    const parts = text
      .split(CRUMB_SEPARATOR)
      .map((part) => part.trim())
      .filter(Boolean)
    if (isTrail(parts, el.querySelectorAll('a').length)) el.remove()
  }
  // The same trail written as a list: <ol><li><a>Home</a></li><li><a>China</a></li><li>Title</li></ol>.
  for (const list of byTags(root, LISTS).slice(0, 4)) {
    if (!attached(root, list) || wordCount(textOf(list)) > 60) continue
    const items = [...list.children].filter((child) => child.tagName === 'LI')
    const parts = items.map((li) => textOf(li).replace(/^[›»>/|→\s]+|[›»>/|→\s]+$/gu, '')).filter(Boolean)
    const links = items.filter((li) => li.querySelector('a')).length
    if (parts.length === items.length && isTrail(parts, links)) list.remove()
  }
}

// "[edit]", "[edit source]", "[modifier]": the wiki's section edit links, a few words in brackets.
const BRACKETED = /^\[\s*[^[\]]{1,24}\]$/u

/** Section edit links in headings (Wikipedia and other wikis): a short bracketed link after the heading text. */
export function removeEditLinks(root: Element): void {
  for (const heading of byTags(root, HEADINGS)) {
    for (const el of [...heading.querySelectorAll('span, a')]) {
      if (!heading.contains(el) || !BRACKETED.test(textOf(el))) continue
      if (el.tagName === 'A' || el.querySelector('a')) el.remove()
    }
    // "[<a>edit</a>]" with the brackets as bare text around the link.
    for (const link of [...heading.querySelectorAll('a')]) {
      const before = link.previousSibling
      const after = link.nextSibling
      if (before?.nodeType !== 3 || after?.nodeType !== 3) continue
      if (
        !/\[\s*$/.test(before.nodeValue ?? '') ||
        !/^\s*\]/.test(after.nodeValue ?? '') ||
        wordCount(textOf(link)) > 3
      )
        continue
      before.nodeValue = (before.nodeValue ?? '').replace(/\[\s*$/, '')
      after.nodeValue = (after.nodeValue ?? '').replace(/^\s*\]/, '')
      link.remove()
    }
  }
}
