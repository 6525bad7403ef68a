import { LecternError } from '../../shared/errors'
import { rasterImageExtension } from '../import/image-type'
import type { DocumentKind } from './sniff-document'

/**
 * What a response is when its bytes or media type say it cannot be a feed (a PDF, an image, ...), else
 * null: text, XML, JSON and unlabelled bytes are sniffed instead, since feeds are often mislabelled.
 */
export function describeBinary(bytes: Uint8Array, contentType: string): string | null {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (bytes.length === 0) return 'an empty response'
  if (startsWith(bytes, '%PDF-') || mediaType === 'application/pdf') return 'a PDF document'
  if (rasterImageExtension(bytes) || mediaType.startsWith('image/')) return 'an image'
  if (mediaType.startsWith('audio/') || mediaType.startsWith('video/')) return 'a media file'
  if (startsWith(bytes, 'PK\u0003\u0004') || mediaType.includes('zip')) return 'a ZIP archive'
  return null
}

/** What a response is, in words a user understands: "a PDF document", "a web page", ... */
export function describeContent(bytes: Uint8Array, contentType: string, kind: DocumentKind): string {
  const binary = describeBinary(bytes, contentType)
  if (binary) return binary
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  switch (kind.kind) {
    case 'html':
      return 'a web page'
    case 'json':
      return 'a JSON document that is not a JSON Feed'
    case 'xml':
      return `an XML document (<${kind.root.slice(0, 40)}>) that is not a feed`
    case 'feed':
      return 'a feed that could not be read'
    case 'text':
      return mediaType && mediaType !== 'text/plain' ? `a ${mediaType} file` : 'plain text'
  }
}

/** The one error for "this address has no feed", naming what it has instead. */
export function notAFeed(url: string, found: string): LecternError {
  return new LecternError(
    'NOT_A_FEED',
    `${hostOf(url)} returned ${found}, not a feed. Paste the address of an RSS, Atom or JSON feed, or of a site that links to one.`
  )
}

/** Subscribing failed after autodiscovery and the common addresses: say what was tried. */
export function noFeedFound(pageUrl: string, triedGuesses: boolean): LecternError {
  return new LecternError(
    'NOT_A_FEED',
    `${hostOf(pageUrl)} is a web page without a feed link` +
      (triedGuesses
        ? ', and none of the usual feed addresses (/feed, /rss, /atom.xml, …) answered with a feed.'
        : '.') +
      ' Paste the feed address itself if the site has one.'
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'The address'
  }
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false
  return true
}
