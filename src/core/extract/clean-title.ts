// Titles and bylines as the reader shows them: one line of printable text, without the site's name that
// pages append to their <title> ("Story | Site", "标题_科技频道_新闻网", "Story - Wikipedia", "Story | Author").
import { oneLine, oneLineMax } from '../../shared/plain-text'
import { comparable } from './boilerplate-signals'

/** What a page says about itself, to recognise the parts of a title that name the site, not the story. */
export interface TitleContext {
  /** The site's names: og:site_name, JSON-LD publisher, application-name, ... */
  siteNames?: (string | null | undefined)[]
  /** The page's address: its host's labels name the site too ("Wikipedia" on en.wikipedia.org). */
  pageUrl?: string
  byline?: string | null
  /** The page's other titles: <title>, og:title, twitter:title, JSON-LD headline, its <h1>s. */
  otherTitles?: (string | null | undefined)[]
  /** Text where a page names itself outside its metadata: its home links and footers ("© 2026 Site"). */
  siteHints?: (string | null | undefined)[]
}

const MAX_TITLE = 400
const MAX_BYLINE = 200

// Separators between a story and a site or section. Spaced ones may be any of these; `_`, `|`, `｜`, `»`,
// `›` and `::` also separate unspaced (Chinese portals write 标题_频道_网站). Hyphens and dashes without
// spaces are parts of words and ranges ("COVID-19", "1990–2000"), never separators.
const SEPARATOR = /(\s+[|\-–—·:»/\\>~•›｜]\s+|\s*(?:::|[|｜_»›])\s*|:\s+)/u

/** Longest segment that may still be a site or section name (words / characters). */
const SITE_MAX_WORDS = 6
const SITE_MAX_CHARS = 40

/**
 * The story's title: one line, at most MAX_TITLE characters, with a leading or trailing segment removed
 * when it names the site (its name, its host, a name repeated in the page's other titles), the author, or
 * a section next to one of those. Total: any string in, a string out.
 */
export function cleanTitle(title: string, siteName: string | null, context: TitleContext = {}): string {
  const whole = oneLine(title)
  const parts = whole.split(SEPARATOR)
  // split() with a capture group alternates: segment, separator, segment, ...
  const segments = parts.filter((_, i) => i % 2 === 0)
  const separators = parts.filter((_, i) => i % 2 === 1)
  if (segments.length < 2) return oneLineMax(whole, MAX_TITLE)

  // A segment that is the page's own heading or another of its titles is the story's title.
  const others = new Set((context.otherTitles ?? []).map((t) => (t ? comparable(t) : '')).filter((t) => t.length >= 6))
  const named = segments.filter((segment) => others.has(comparable(segment)))
  if (named.length === 1 && comparable(named[0]!) !== comparable(whole)) return oneLineMax(named[0]!, MAX_TITLE)

  const isSite = siteMatcher(siteName, context)
  let first = 0
  let last = segments.length - 1
  const strip = (fromEnd: boolean): void => {
    let separator: string | null = null
    while (last > first) {
      const index = fromEnd ? last : first
      const segment = segments[index]!
      const sep = separators[fromEnd ? index - 1 : index]!.trim()
      // After the site's name, the section beside it goes too ("Story - Tech - The Verge").
      const section =
        separator !== null && sep === separator && isShort(segment) && comparable(segment).length <= mainLength()
      if (!isSite(segment) && !section) break
      separator ??= sep
      if (fromEnd) last--
      else first++
    }
  }
  const mainLength = (): number => Math.max(...segments.slice(first, last + 1).map((s) => comparable(s).length))
  strip(true)
  strip(false)
  if (first === 0 && last === segments.length - 1) return oneLineMax(whole, MAX_TITLE)
  let kept = segments[first]!
  for (let i = first + 1; i <= last; i++) kept += separators[i - 1]! + segments[i]!
  return comparable(kept).length >= 2 ? oneLineMax(kept, MAX_TITLE) : oneLineMax(whole, MAX_TITLE)
}

/** Whether a title segment names the site (or the author), from everything the page says about itself. */
function siteMatcher(siteName: string | null, context: TitleContext): (segment: string) => boolean {
  const names = [siteName, ...(context.siteNames ?? [])]
    .map((name) => (name ? comparable(name.replace(/^@/, '')) : ''))
    .filter((name) => name.length >= 2)
  const compactNames = names.map(compact)
  const labels = hostLabels(context.pageUrl)
  const byline = context.byline ? comparable(context.byline.replace(/^\s*by\s+/i, '')) : ''
  const hints = (context.siteHints ?? []).map((hint) => (hint ? ` ${comparable(hint)} ` : '')).filter(Boolean)
  return (segment) => {
    const text = comparable(segment)
    if (!text) return true // "Story |": an empty segment is nothing to keep
    if (!isShort(segment)) return false
    const tight = compact(text)
    if (names.includes(text) || compactNames.includes(tight)) return true
    if (names.some((name) => text.includes(name) && words(text) <= words(name) + 2)) return true
    if (compactNames.some((name) => tight.length >= 3 && name.includes(tight))) return true
    if (labels.some((label) => tight.includes(label) || (tight.length >= 4 && label.includes(tight)))) return true
    // Named in the page's own chrome ("© 2026 Harbour Gazette", the logo's alt): whole words only.
    if (text.length >= 4 && hints.some((hint) => hint.includes(` ${text} `))) return true
    return byline.length >= 3 && (text === byline || text === `by ${byline}`)
  }
}

/** The labels of a host that can name its site: en.wikipedia.org → wikipedia; www.bbc.co.uk → bbc. */
function hostLabels(pageUrl: string | undefined): string[] {
  let host = ''
  try {
    host = pageUrl ? new URL(pageUrl).hostname : ''
  } catch {
    return []
  }
  if (!host || /^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return []
  const labels = host.toLowerCase().split('.').slice(0, -1) // the top-level domain names no site
  const generic = new Set([
    'www',
    'www2',
    'm',
    'amp',
    'mobile',
    'news',
    'blog',
    'blogs',
    'co',
    'com',
    'org',
    'net',
    'ac',
    'gov',
    'edu'
  ])
  return labels.filter((label) => label.length >= 3 && !generic.has(label)).map((label) => label.replace(/-/g, ''))
}

function isShort(segment: string): boolean {
  const text = comparable(segment)
  return words(text) <= SITE_MAX_WORDS && text.length <= SITE_MAX_CHARS
}

function words(text: string): number {
  return text ? text.split(' ').length : 0
}

function compact(text: string): string {
  return text.replace(/ /g, '')
}

/**
 * A byline as the reader shows it: one line, at most MAX_BYLINE characters, a phrase said twice said once
 * ("BBC News BBC News"), and none at all when it only names the site.
 */
export function cleanByline(byline: string | null | undefined, siteName: string | null): string | null {
  if (!byline) return null
  let line = oneLine(byline)
  // "X X" and "X, X": the same name twice, as pages that give their author in two meta tags produce.
  const tokens = line.split(/[\s,;]+/).filter(Boolean)
  const half = tokens.length / 2
  if (
    tokens.length >= 2 &&
    Number.isInteger(half) &&
    tokens.slice(0, half).join(' ') === tokens.slice(half).join(' ')
  ) {
    line = tokens.slice(0, half).join(' ')
  }
  if (!comparable(line)) return null
  if (siteName && comparable(line) === comparable(siteName)) return null
  return oneLineMax(line, MAX_BYLINE)
}
