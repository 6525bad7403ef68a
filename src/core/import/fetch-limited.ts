import { LecternError } from '../../shared/errors'
import { checkWebUrl } from './check-url'

export interface FetchLimits {
  /** Whole request, headers and body, in milliseconds. */
  timeoutMs: number
  /** Body size after decompression. */
  maxBytes: number
  maxRedirects: number
}

export interface FetchedResource {
  /** Where the bytes finally came from, after redirects. */
  url: URL
  status: number
  contentType: string
  /** The Content-Language header, if any (a page's language when it declares none itself). */
  contentLanguage: string | null
  bytes: Uint8Array
}

const USER_AGENT = 'Mozilla/5.0 (compatible; Lectern/0.1; +offline reader)'

/**
 * GETs a URL with hard limits: total time, redirect count (each hop re-checked as http/https), and body
 * bytes counted after decompression, so a small gzip bomb cannot fill memory. Throws LecternError.
 */
export async function fetchLimited(
  url: URL,
  limits: FetchLimits,
  accept: string,
  cancel?: AbortSignal
): Promise<FetchedResource> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs)
  const onCancel = () => controller.abort()
  cancel?.addEventListener('abort', onCancel)
  // Every abort is reported by one rule: the user's cancel if there was one, else the time limit.
  const aborted = () =>
    cancel?.aborted ? new LecternError('CANCELLED', 'Cancelled.') : timeoutError(url, limits.timeoutMs)
  try {
    if (cancel?.aborted) throw aborted()
    let current = url
    for (let hop = 0; ; hop++) {
      const response = await request(current, controller.signal, accept, aborted)
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        await response.body?.cancel()
        if (hop >= limits.maxRedirects) {
          throw new LecternError(
            'TOO_MANY_REDIRECTS',
            `${current.host} redirected more than ${limits.maxRedirects} times; the page could not be reached.`
          )
        }
        current = checkWebUrl(new URL(response.headers.get('location') ?? '', current).toString())
        continue
      }
      if (!response.ok) {
        await response.body?.cancel()
        throw new LecternError(`HTTP_${response.status}`, httpMessage(response.status, current))
      }
      const bytes = await readBody(response, limits, controller.signal, url, aborted)
      return {
        url: current,
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        contentLanguage: response.headers.get('content-language'),
        bytes
      }
    }
  } catch (error) {
    if (!(error instanceof LecternError) && controller.signal.aborted) throw aborted()
    throw error
  } finally {
    clearTimeout(timer)
    cancel?.removeEventListener('abort', onCancel)
  }
}

async function request(url: URL, signal: AbortSignal, accept: string, aborted: () => LecternError): Promise<Response> {
  try {
    return await fetch(url, {
      redirect: 'manual',
      signal,
      headers: { 'user-agent': USER_AGENT, accept, 'accept-language': 'en;q=0.9, *;q=0.5' }
    })
  } catch (error) {
    if (signal.aborted) throw aborted()
    throw networkError(error, url)
  }
}

/** Reads the (already decompressed) body stream, stopping as soon as it passes the byte limit. */
async function readBody(
  response: Response,
  limits: FetchLimits,
  signal: AbortSignal,
  url: URL,
  aborted: () => LecternError
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'))
  const encoded = response.headers.has('content-encoding')
  if (!encoded && Number.isFinite(declared) && declared > limits.maxBytes) {
    await response.body?.cancel()
    throw tooLarge(limits.maxBytes)
  }
  if (!response.body) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = response.body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > limits.maxBytes) {
        await reader.cancel()
        throw tooLarge(limits.maxBytes)
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof LecternError) throw error
    if (signal.aborted) throw aborted()
    throw networkError(error, url)
  }
  return Buffer.concat(chunks)
}

function timeoutError(url: URL, timeoutMs: number): LecternError {
  return new LecternError(
    'TIMEOUT',
    `${url.host} did not send the page within ${Math.round(timeoutMs / 1000)} s. Try again later.`
  )
}

function tooLarge(maxBytes: number): LecternError {
  return new LecternError(
    'TOO_LARGE',
    `The page is larger than ${Math.round(maxBytes / 1_000_000)} MB, too large to be an article.`
  )
}

function httpMessage(status: number, url: URL): string {
  if (status === 404 || status === 410)
    return `${url.host} says this page does not exist (HTTP ${status}). Check the address.`
  if (status === 401 || status === 403)
    return `${url.host} refused access to this page (HTTP ${status}); it may need a login or block readers.`
  if (status === 429) return `${url.host} is limiting requests (HTTP 429). Try again in a while.`
  if (status >= 500) return `${url.host} had a server error (HTTP ${status}). Try again later.`
  return `${url.host} answered HTTP ${status}; the page could not be saved.`
}

function networkError(error: unknown, url: URL): LecternError {
  const cause = (error as { cause?: { code?: string } })?.cause
  const code = cause?.code ?? (error as { code?: string })?.code
  const host = url.host
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new LecternError('DNS_FAILED', `Could not find ${url.hostname}. Check the address or your connection.`)
  }
  if (code === 'ECONNREFUSED')
    return new LecternError('CONNECTION_FAILED', `${host} refused the connection. The site may be down.`)
  return new LecternError(
    'CONNECTION_FAILED',
    `Could not connect to ${host}${code ? ` (${code})` : ''}. Check your connection.`
  )
}
