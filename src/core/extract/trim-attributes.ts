// Drops, before sanitizing, the attributes the sanitizer's allowlist would drop anyway (class, style, id,
// data-*, event handlers). The sanitizer still runs and still decides; this only hands jsdom less to parse
// (style attributes go through its CSS parser), which makes sanitizing several times faster.
import { ARTICLE_ATTRIBUTES } from '../../shared/sanitize-policy'

const ALLOWED = new Set(ARTICLE_ATTRIBUTES)

export function trimAttributes(root: Element): void {
  for (const el of root.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) if (!ALLOWED.has(attr.name.toLowerCase())) el.removeAttribute(attr.name)
  }
}
