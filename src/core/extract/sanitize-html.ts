import sanitizeHtml from 'sanitize-html'
import { ARTICLE_ATTRIBUTES, ARTICLE_TAGS, ARTICLE_URI_PATTERN, URL_ATTRIBUTES } from '../../shared/sanitize-policy'

// Why sanitize-html here, and DOMPurify in the renderer: DOMPurify needs a DOM it trusts, and on Node that
// meant a jsdom window, which made sanitizing most of an import's time (and ~0.5 s of jsdom loading per
// process). sanitize-html parses with htmlparser2 and writes its output itself: only allowlisted tags and
// attributes are ever serialized, text is escaped, so what it did not understand cannot come out as markup.
// The renderer sanitizes again with DOMPurify on the browser's own DOM before display, and the reader frame
// runs no script at all: a parser disagreement would have to beat all three.

/** Elements dropped with everything inside them (the others on no list are unwrapped: their text stays). */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'template',
  'noscript',
  'title',
  'head',
  'textarea',
  'option',
  'select',
  'button',
  'svg',
  'math',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'audio',
  'video',
  'canvas',
  'noembed',
  'noframes',
  'xmp',
  'plaintext'
]

export interface SanitizeOptions {
  /**
   * The article's stored images, original address → assets/<sha256>.<ext>. When given, every image is
   * pointed at its stored copy, and an image that was not stored is removed (the reader never fetches).
   */
  images?: ReadonlyMap<string, string>
}

/** Sanitizes article HTML with the shared allowlist (src/shared/sanitize-policy.ts). Returns HTML safe to store. */
export function sanitizeArticleHtml(html: string, { images }: SanitizeOptions = {}): string {
  return sanitizeHtml(html, {
    allowedTags: ARTICLE_TAGS,
    allowedAttributes: { '*': ARTICLE_ATTRIBUTES },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: [...URL_ATTRIBUTES],
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    // Every URL attribute passes the one allowlist pattern (sanitize-html alone would let relative URLs
    // through); an image is then pointed at its stored copy when those are known.
    transformTags: {
      '*': (tagName, attribs) => ({ tagName, attribs: checkUrls(tagName, attribs, images) })
    },
    // An image left without a usable address is removed rather than kept as a broken box.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src
  })
}

function checkUrls(
  tagName: string,
  attribs: sanitizeHtml.Attributes,
  images: ReadonlyMap<string, string> | undefined
): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = {}
  for (const [name, value] of Object.entries(attribs)) {
    if (!URL_ATTRIBUTES.has(name.toLowerCase())) {
      out[name] = value
      continue
    }
    let url = value.trim()
    if (tagName === 'img' && name.toLowerCase() === 'src' && images) url = images.get(url) ?? ''
    // A mailto: link keeps only its address: body=, attach= and cc= are for the sender to write.
    if (/^mailto:/i.test(url)) url = url.replace(/[?#].*$/s, '')
    if (url && ARTICLE_URI_PATTERN.test(url)) out[name] = url
  }
  return out
}
