import DOMPurify, { type DOMPurify as Purifier } from 'dompurify'
import { ARTICLE_ASSET_PATTERN, ARTICLE_PURIFY_CONFIG } from '../../../shared/sanitize-policy'

/**
 * Second sanitizing pass, in the renderer, right before display, with the same allowlist the core used at
 * import (src/shared/sanitize-policy). The core already sanitized; this pass exists so a bug there, or a
 * hand-edited content.html in the data folder, still cannot put active content in front of the user.
 */

let purifier: Purifier | null = null

/** One private DOMPurify instance, so our hook never leaks into other users of the library. */
function getPurifier(): Purifier {
  if (purifier) return purifier
  const instance = DOMPurify(window)
  // At display time every image must be a stored local asset (at import, before images are downloaded,
  // the shared policy also lets http(s) through): nothing in the reader may reach the network.
  instance.addHook('uponSanitizeAttribute', (node, data) => {
    if (data.attrName === 'src' && node.nodeName === 'IMG')
      data.keepAttr = ARTICLE_ASSET_PATTERN.test(data.attrValue.trim())
  })
  purifier = instance
  return instance
}

/** Returns article HTML with only passive, local content left. */
export function sanitizeArticleHtml(html: string): string {
  return getPurifier().sanitize(html, { ...ARTICLE_PURIFY_CONFIG, RETURN_TRUSTED_TYPE: false })
}
