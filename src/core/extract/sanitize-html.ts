import createDOMPurify, { type DOMPurify } from 'dompurify'
import { ARTICLE_PURIFY_CONFIG } from '../../shared/sanitize-policy'
import { fragmentWindow } from './dom-window'

let purifier: DOMPurify | null = null

function getPurifier(): DOMPurify {
  if (!purifier) {
    const instance = createDOMPurify(fragmentWindow() as unknown as Window & typeof globalThis)
    // DOMPurify silently returns its input unchanged when the DOM it is given is not supported; refuse
    // to run at all rather than store unsanitized HTML.
    if (!instance.isSupported)
      throw new Error('DOMPurify is not supported on this DOM; refusing to import unsanitized HTML')
    purifier = instance
  }
  return purifier
}

/** Sanitizes article HTML with the shared allowlist. Returns an HTML string safe to store. */
export function sanitizeArticleHtml(html: string): string {
  return getPurifier().sanitize(html, { ...ARTICLE_PURIFY_CONFIG, RETURN_TRUSTED_TYPE: false }) as string
}
