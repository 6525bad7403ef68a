/**
 * The one allowlist for article HTML, used by DOMPurify at import (core, on jsdom) and again before display
 * (renderer, on the browser's DOM). Anything not listed is removed: scripts, handlers, styles, forms,
 * frames, objects, data attributes. URLs may only be http(s), mailto, in-page anchors, or our own
 * relative asset paths (assets/<sha256>.<ext>).
 */
export const ARTICLE_TAGS = [
  'a',
  'abbr',
  'article',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr'
]

export const ARTICLE_ATTRIBUTES = [
  'href',
  'src',
  'alt',
  'title',
  'width',
  'height',
  'colspan',
  'rowspan',
  'scope',
  'headers',
  'dir',
  'lang',
  'datetime',
  'cite',
  'start',
  'reversed',
  'type',
  'open'
]

/** A stored image, relative to its article folder. */
export const ARTICLE_ASSET_PATTERN = /^assets\/[a-f0-9]{64}\.(?:jpg|png|gif|webp|avif)$/

export const ARTICLE_URI_PATTERN = new RegExp(`^(?:https?:|mailto:|#|${ARTICLE_ASSET_PATTERN.source.slice(1)})`, 'i')

/** Allowed attributes that can hold a URL; every other allowed attribute is plain text. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'cite'])

/** DOMPurify configuration built from the lists above (a plain object: no DOM types needed here). */
export const ARTICLE_PURIFY_CONFIG = {
  ALLOWED_TAGS: ARTICLE_TAGS,
  ALLOWED_ATTR: ARTICLE_ATTRIBUTES,
  // DOMPurify checks every attribute it does not know to be URI-safe against ALLOWED_URI_REGEXP, which
  // admits only URLs: without this, dir="rtl", lang, width/height and colspan would all be dropped.
  ADD_URI_SAFE_ATTR: ARTICLE_ATTRIBUTES.filter((name) => !URL_ATTRIBUTES.has(name)),
  ALLOWED_URI_REGEXP: ARTICLE_URI_PATTERN,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false
}
