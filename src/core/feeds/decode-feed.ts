import { labelToName } from 'whatwg-encoding'
import { LecternError } from '../../shared/errors'

/** How the encoding of a feed was decided, for tests and diagnostics. */
export type EncodingSource = 'bom' | 'header' | 'declaration' | 'detected'

/**
 * Decodes feed (or OPML) bytes to text: the byte order mark, then the Content-Type charset, then the XML
 * declaration's encoding, then detection (UTF-8 when the bytes are valid UTF-8 or hold well-formed
 * multi-byte sequences beside a stray invalid byte, else windows-1252). Full ICU is
 * present, so GBK, Big5, Shift_JIS, EUC-KR and the rest decode with the platform's TextDecoder.
 *
 * Two corrections for what servers get wrong: a Latin-1 family charset from the header (a server default,
 * Apache's ISO-8859-1 is the classic) yields to a different encoding named by the document's own
 * declaration; and a declared single-byte Latin encoding yields to UTF-8 when the bytes are valid UTF-8
 * with multi-byte sequences in them (Latin-1 text essentially never is), or a declared UTF-8 to
 * windows-1252 when the bytes contain no valid multi-byte sequence at all.
 */
export function decodeFeed(
  bytes: Uint8Array,
  contentType = ''
): { text: string; encoding: string; source: EncodingSource } {
  const bom = bomEncoding(bytes)
  if (bom) return { text: decode(bytes, bom), encoding: bom, source: 'bom' }

  const header = encodingName(/charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType)?.[1])
  const declared = declarationEncoding(bytes)
  let chosen: { encoding: string; source: EncodingSource } | null = null
  if (header && !(header === 'windows-1252' && declared && declared !== header)) {
    chosen = { encoding: header, source: 'header' }
  } else if (declared) {
    chosen = { encoding: declared, source: 'declaration' }
  }

  const utf8 = scanUtf8(bytes)
  if (chosen && chosen.encoding !== 'UTF-8' && !(isLatinFamily(chosen.encoding) && utf8.valid && utf8.multibyte)) {
    return { text: decode(bytes, chosen.encoding), encoding: chosen.encoding, source: chosen.source }
  }
  if (chosen?.encoding === 'UTF-8' && (utf8.valid || utf8.multibyte)) {
    return { text: decode(bytes, 'UTF-8'), encoding: 'UTF-8', source: chosen.source }
  }
  // XML without a declaration is UTF-8 by definition; a stray invalid byte does not make the rest Latin-1.
  const encoding = utf8.valid || utf8.multibyte ? 'UTF-8' : 'windows-1252'
  return { text: decode(bytes, encoding), encoding, source: 'detected' }
}

function decode(bytes: Uint8Array, encoding: string): string {
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(encoding)
  } catch {
    throw new LecternError(
      'UNSUPPORTED_ENCODING',
      `The feed is in the ${encoding} text encoding, which Lectern cannot read.`
    )
  }
  const text = decoder.decode(bytes)
  // Node 20's TextDecoder decodes windows-1252 as ISO-8859-1, leaving 0x80-0x9F as C1 controls where
  // feeds have curly quotes, dashes and the euro sign: map those 32 bytes as the Encoding Standard does.
  return encoding === 'windows-1252'
    ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c)
    : text
}

// prettier-ignore
const WINDOWS_1252_HIGH = [
  '\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021', '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
  '\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014', '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178'
]

/** The WHATWG name for a label (so iso-8859-1 is windows-1252 and gb2312 is GBK), or null when unknown. */
function encodingName(label: string | undefined): string | null {
  if (!label) return null
  const name = labelToName(label)
  // 'replacement' is the WHATWG name for labels that must never be decoded (ISO-2022-KR, ...): ignore them.
  return name && name !== 'replacement' ? name : null
}

const isLatinFamily = (name: string) => name === 'windows-1252' || name === 'ISO-8859-15' || name === 'ISO-8859-2'

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'UTF-8'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE'
  return null
}

/** The encoding named by `<?xml ... encoding="..."?>`, read from the first bytes as ASCII (or UTF-16 without BOM). */
function declarationEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'UTF-16LE'
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'UTF-16BE'
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 512)))
  const declaration = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/.exec(head)
  const name = encodingName(declaration?.[1])
  // A declaration read as ASCII cannot name a UTF-16 encoding truthfully: those bytes would not be ASCII.
  return name && !name.startsWith('UTF-16') ? name : null
}

/**
 * One linear pass over the bytes: are they valid UTF-8, and do they hold at least one well-formed
 * multi-byte sequence (the evidence that text is UTF-8 rather than a single-byte encoding)?
 */
export function scanUtf8(bytes: Uint8Array): { valid: boolean; multibyte: boolean } {
  let valid = true
  let multibyte = false
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number
    if (b < 0x80) {
      i++
      continue
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    let ok = length > 0 && i + length <= bytes.length
    for (let k = 1; ok && k < length; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80
    if (ok && length === 3) {
      const b1 = bytes[i + 1] as number
      ok = !(b === 0xe0 && b1 < 0xa0) && !(b === 0xed && b1 > 0x9f) // overlong, surrogates
    }
    if (ok && length === 4) {
      const b1 = bytes[i + 1] as number
      ok = !(b === 0xf0 && b1 < 0x90) && !(b === 0xf4 && b1 > 0x8f)
    }
    if (ok) {
      multibyte = true
      i += length
    } else {
      valid = false
      i++
    }
  }
  return { valid, multibyte }
}
