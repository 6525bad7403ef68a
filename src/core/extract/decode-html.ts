import htmlEncodingSniffer from 'html-encoding-sniffer'
import { labelToName } from 'whatwg-encoding'
import { LecternError } from '../../shared/errors'

/**
 * Decodes page bytes as a browser would: BOM, then the Content-Type charset, then the <meta charset>
 * prescan of the first 1024 bytes, then windows-1252 (html-encoding-sniffer implements the HTML spec).
 * Decoding uses the platform's TextDecoder (full ICU: GBK, Big5, Shift_JIS, EUC-KR, ...).
 */
export function decodeHtml(bytes: Uint8Array, contentType = ''): { html: string; encoding: string } {
  const headerLabel = /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType)?.[1]
  // An unknown label in the header is ignored (as browsers do), so the <meta> prescan can still decide.
  const transportLayerEncodingLabel = headerLabel && labelToName(headerLabel) ? headerLabel : undefined
  const encoding = htmlEncodingSniffer(bytes, { transportLayerEncodingLabel, defaultEncoding: 'windows-1252' })
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(encoding)
  } catch {
    throw new LecternError(
      'UNSUPPORTED_ENCODING',
      `The page is in the ${encoding} text encoding, which Lectern cannot read.`
    )
  }
  return { html: decoder.decode(bytes), encoding }
}
