// General signals that a block of an article is page furniture rather than the story. Nothing here names a
// site: only words that sites commonly use for such blocks, and the shape of the text (links, length).

/**
 * Words in class / id / aria-label / role that mark furniture. Matched against whole tokens of the name
 * (split on -, _, spaces and camelCase), so "shareBar" and "social-links" match but "shared" and
 * "related-article-body" only match on a whole token ("related").
 */
const FURNITURE_TOKENS = new Set([
  'share',
  'sharing',
  'sharebar',
  'social',
  'follow',
  'subscribe',
  'subscription',
  'newsletter',
  'newsletters',
  'signup',
  'related',
  'recommended',
  'recommendations',
  'promo',
  'advert',
  'advertisement',
  'advertising',
  'ad',
  'ads',
  'sponsor',
  'sponsored',
  'outbrain',
  'taboola',
  'breadcrumb',
  'breadcrumbs',
  'tags',
  'tag',
  'taglist',
  'comments',
  'comment',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'skip',
  'byline',
  'author',
  'authors',
  'bio',
  'flyout',
  'toolbar',
  'print',
  'disclaimer',
  'disclosure',
  'popular',
  'trending',
  'recirc',
  'more',
  'readmore',
  'paywall',
  'meta',
  'timestamp',
  'dateline',
  'credit',
  'credits',
  'caption',
  'slideshow',
  'gallery',
  'counter'
])

// Tokens that decide alone; the others (author, meta, credit, gallery, more...) also occur on wrappers of
// the story, so they only count on blocks that are short or mostly links (see isFurnitureBlock).
const STRONG_TOKENS = new Set([
  'share',
  'sharing',
  'sharebar',
  'social',
  'subscribe',
  'newsletter',
  'newsletters',
  'signup',
  'related',
  'recommended',
  'recommendations',
  'promo',
  'advert',
  'advertisement',
  'advertising',
  'ad',
  'ads',
  'sponsor',
  'sponsored',
  'outbrain',
  'taboola',
  'breadcrumb',
  'breadcrumbs',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'flyout',
  'toolbar',
  'paywall',
  'recirc',
  'readmore',
  'taglist',
  'comments'
])

/** The lowercase tokens of an element's class, id, aria-label, role and data-component names. */
export function nameTokens(el: Element): string[] {
  const raw = ['class', 'id', 'aria-label', 'role', 'data-component', 'data-module']
    .map((attr) => el.getAttribute(attr) ?? '')
    .join(' ')
  if (!raw.trim()) return []
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

export type FurnitureStrength = 'strong' | 'weak' | null

/** Whether an element's names mark it as furniture, and how surely. */
export function furnitureByName(el: Element): FurnitureStrength {
  let weak = false
  for (const token of nameTokens(el)) {
    if (STRONG_TOKENS.has(token)) return 'strong'
    if (FURNITURE_TOKENS.has(token)) weak = true
  }
  return weak ? 'weak' : null
}

/** Whitespace-collapsed text of a node. */
export function textOf(node: Node): string {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim()
}

export function wordCount(text: string): number {
  const words = text.match(/[\p{L}\p{N}_]+/gu)
  return words ? words.length : 0
}

/** Share of an element's text that sits inside links (0 when it has no text). */
export function linkDensity(el: Element): number {
  const total = textOf(el).length
  if (total === 0) return 0
  let linked = 0
  const visit = (node: Element): void => {
    for (let child = node.firstElementChild; child; child = child.nextElementSibling) {
      if (child.tagName === 'A') linked += textOf(child).length
      else visit(child)
    }
  }
  visit(el)
  return Math.min(1, linked / total)
}

/**
 * Short lines that are calls to action or page furniture in any article: share/follow prompts, newsletter
 * and subscription pitches, comment counters, cookie notices, "skip to content", "related: ..." pointers.
 * Only applied to short blocks (see the caller), so a paragraph of the story that mentions "subscribe"
 * is kept.
 */
const FURNITURE_LINE = new RegExp(
  [
    '^(?:skip to (?:main )?content)$',
    '^(?:subscribe|share|share this|follow|print|email|advert|advertisement|sponsored|ad|iklan|anzeige|publicidade|publicidad|реклама|sign up|sign in|log in|comments?)$',
    '^(?:read|see) (?:more|also)\\b',
    '^(?:related|also on|also read|more|more from|recommended|you may also like|you might also like|popular|trending|recent articles?|most read)\\b.{0,120}$',
    '\\b(?:share (?:this|it|on)|like this (?:story|article)|follow (?:us|her|him|them|me) on|follow us|sign up for|subscribe (?:to|now|for|today)|newsletter|email newsletters?|(?:straight |delivered )?(?:to|in) your inbox)\\b',
    '\\b(?:this (?:site|website) uses cookies|we use cookies|accept cookies)\\b',
    '^(?:post (?:a )?comments?|comments?|\\d+ comments?|leave a (?:comment|reply)|view comments)\\b.{0,40}$',
    '\\b(?:affiliate (?:and/or referral )?links?|may contain affiliate)\\b',
    '^(?:(?:additional )?reporting|writing|editing|compiled|edited) by\\b',
    '^(?:view author archive|email the author|more articles by)\\b',
    '^(?:tags?|filed under|categories|posted in)\\s*:',
    '\\b(?:all rights reserved|copyright\\s*(?:©|ⓒ|\\(c\\))|©\\s*\\d{4})',
    '^(?:updated|posted|published|first published|last updated)\\s*(?:on|at)?\\s*:?\\s*.{0,80}$',
    // Calls to act and subscription pitches inside the story's column, and the comment teaser under it.
    '\\bclick here\\b',
    '^(?:tell us what you think|what do you think\\?|let us know what you think|have your say|join the (?:conversation|discussion))',
    '\\b(?:delivered (?:to|through) your (?:door|letterbox|mailbox)|\\d+ issues for)\\b'
  ].join('|'),
  'iu'
)

// A CMS shortcode its theme failed to render: "[button link=…]Send us your review[/button]".
const SHORTCODE = /^\[\w+[^\]]*\].*\[\/\w+\]$/

export function isFurnitureLine(text: string): boolean {
  if (SHORTCODE.test(text)) return true
  // "[Related: ...]", "» Read more", "• Share": leading brackets and bullets do not change what a line is.
  return FURNITURE_LINE.test(text.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[\])]+$/, ''))
}

const MONTHS = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?'
const DATE_LINE = new RegExp(
  `^(?:[\\p{L}]+,?\\s+)?(?:${MONTHS}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTHS}\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})(?:\\s*(?:[|,/·•-]|at)?\\s*\\d{1,2}[:.]\\d{2}\\s*(?:am|pm)?(?:\\s+[a-z]{2,4})?)?$`,
  'iu'
)

/** A line that is only a date (and maybe a time): a dateline, not part of the story. */
export function isDateLine(text: string): boolean {
  return text.length <= 60 && DATE_LINE.test(text)
}

/** Normalises text for comparisons (title against heading, repeated captions). */
export function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
