import { LecternError } from '../../shared/errors'

/** Parses what the user typed into an http(s) URL, or throws INVALID_URL / UNSUPPORTED_SCHEME. */
export function checkWebUrl(raw: string): URL {
  const text = raw.trim()
  let url: URL
  try {
    url = new URL(text)
  } catch {
    // People paste "example.com/post" without a scheme; accept it as https only when it looks like a host.
    if (/^[\w-]+(\.[\w-]+)+(:\d+)?(\/|$)/.test(text)) return checkWebUrl(`https://${text}`)
    throw new LecternError(
      'INVALID_URL',
      `"${truncate(text)}" is not a web address. Paste a full URL such as https://example.com/article.`
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LecternError(
      'UNSUPPORTED_SCHEME',
      `Lectern can only save http and https pages, not ${url.protocol.replace(':', '')}: addresses.`
    )
  }
  if (url.username || url.password) {
    throw new LecternError(
      'INVALID_URL',
      'Addresses with a user name or password in them are not saved, to keep credentials out of the library.'
    )
  }
  return url
}

// Query parameters that only say where a click came from; they make the same article look like many.
const TRACKING_PARAMS = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|ref_src|spm)$/i

/** The form of a URL used to recognise an article already saved: no fragment, no tracking parameters. */
export function normalizeUrl(url: URL | string): string {
  const u = new URL(url.toString())
  u.hash = ''
  for (const key of [...u.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) u.searchParams.delete(key)
  u.searchParams.sort()
  return u.toString()
}

export function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

const siteOf = (url: URL) => url.hostname.replace(/^www\./, '')

/**
 * The address an article is recognised by: the page's own rel=canonical when it names a page on the
 * same site (a canonical pointing at the home page, or at another site, is a common mistake and is
 * ignored), else where the fetch ended. Normalized.
 */
export function chooseCanonical(finalUrl: URL, declared: string | null): string {
  if (declared) {
    try {
      const canonical = new URL(declared)
      const sameSite = siteOf(canonical) === siteOf(finalUrl)
      const homePage = canonical.pathname === '/' && finalUrl.pathname !== '/'
      if (sameSite && !homePage && /^https?:$/.test(canonical.protocol)) return normalizeUrl(canonical)
    } catch {
      // not a URL: fall through
    }
  }
  return normalizeUrl(finalUrl)
}
