/** What a server said about a feed's version, kept per feed to make the next refresh conditional. */
export interface CacheValidators {
  etag: string | null
  lastModified: string | null
}

export const NO_VALIDATORS: CacheValidators = { etag: null, lastModified: null }

type HeaderSource = Headers | Record<string, string | null | undefined>

/**
 * Request headers for a refresh: If-None-Match from the last ETag, If-Modified-Since from the last
 * Last-Modified. The server's own Last-Modified is echoed, never our clock: servers compare it as a string.
 */
export function conditionalHeaders(validators: CacheValidators | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  const etag = headerValue(validators?.etag)
  const lastModified = headerValue(validators?.lastModified)
  if (etag) headers['if-none-match'] = etag
  if (lastModified) headers['if-modified-since'] = lastModified
  return headers
}

/**
 * The validators to keep after a response: a 200 replaces them (a missing header clears its value, or
 * the next request would ask about a version the server no longer describes); a 304 keeps the old ones,
 * updated by any the server sent with it; any other status leaves them as they were.
 */
export function nextValidators(
  previous: CacheValidators | null | undefined,
  response: { status: number; headers: HeaderSource }
): CacheValidators {
  const before = previous ?? NO_VALIDATORS
  const etag = headerValue(read(response.headers, 'etag'))
  const lastModified = headerValue(read(response.headers, 'last-modified'))
  if (response.status === 304) return { etag: etag ?? before.etag, lastModified: lastModified ?? before.lastModified }
  if (response.status >= 200 && response.status < 300) return { etag, lastModified }
  return before
}

function read(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name)
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
  return key === undefined ? null : (headers[key] ?? null)
}

/**
 * A value safe to send back: fetch() throws on control characters in a header, so a hostile or broken
 * server could otherwise break every later refresh of its feed. Over-long values are dropped too.
 */
function headerValue(value: string | null | undefined): string | null {
  const text = value?.trim()
  if (!text || text.length > 1024 || !/^[\x20-\x7e\t]+$/.test(text)) return null
  return text
}
