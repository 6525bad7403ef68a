import { isUtf8 } from 'node:buffer'
import chardet from 'chardet'
import htmlEncodingSniffer from 'html-encoding-sniffer'
import { getBOMEncoding, labelToName } from 'whatwg-encoding'
import { LecternError } from '../../shared/errors'

/** How the encoding of a page was decided, most certain first. */
export type EncodingSource = 'bom' | 'header' | 'meta' | 'late-meta' | 'utf-8' | 'detected' | 'default'

export interface DecodedHtml {
  html: string
  /** The WHATWG name of the encoding used ("UTF-8", "windows-1252", "Shift_JIS", ...). */
  encoding: string
  source: EncodingSource
}

// Past the spec's 1024-byte prescan, a <meta charset> still counts (browsers re-decode when their parser
// meets one), but only so many are looked at: a page of nothing but <meta> tags must not cost more.
const MAX_LATE_METAS = 64
// The detector reads this much of the page's text (markup removed): plenty to tell encodings apart.
const DETECT_BYTES = 64 * 1024

/**
 * Decodes page bytes (from a server or a file) as a browser would, and better where browsers guess:
 * 1. a byte order mark;
 * 2. a charset declared in the Content-Type header, in a <meta> of the first 1024 bytes, or in a later
 *    <meta> (the spec's prescan, then the re-decode a browser does when its parser meets one);
 * 3. undeclared: bytes that are valid UTF-8 are UTF-8 (what Chromium detects; pages saved to disk and bare
 *    `text/html` responses are mostly UTF-8), else chardet's guess on the page's text, else windows-1252.
 * A declared legacy encoding loses to bytes that are valid UTF-8 and contain non-ASCII text: such bytes
 * are practically never valid UTF-8 by accident (a stray é or any CJK pair breaks it), while pages
 * re-saved as UTF-8 that keep their old <meta charset>, and servers that label UTF-8 as ISO-8859-1, are
 * common. Decoding uses the platform's TextDecoder (full ICU: GBK, Big5, Shift_JIS, EUC-KR, ...).
 */
export function decodeHtml(bytes: Uint8Array, contentType = ''): DecodedHtml {
  const bom = getBOMEncoding(bytes)
  if (bom) return decodeAs(bytes, bom, 'bom')

  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const utf8 = isUtf8(buffer) ? buffer.toString('utf8') : null
  // Each non-ASCII character takes 2-4 bytes in UTF-8 but 1-2 UTF-16 units: fewer units than bytes.
  const nonAscii = utf8 !== null && utf8.length !== bytes.length
  const early = headerEncoding(contentType) ?? metaEncoding(bytes)
  if (utf8 !== null && nonAscii && !early?.name.startsWith('UTF-16')) {
    return { html: utf8, encoding: 'UTF-8', source: early?.name === 'UTF-8' ? early.source : 'utf-8' }
  }
  // Only now the whole page is searched for a later <meta>: valid non-ASCII UTF-8 never needs it.
  const declared = early ?? lateMetaEncoding(bytes)
  if (declared) return decodeAs(bytes, declared.name, declared.source, declared.label)
  if (utf8 !== null) return { html: utf8, encoding: 'UTF-8', source: 'utf-8' }
  const detected = detectEncoding(bytes)
  return detected ? decodeAs(bytes, detected, 'detected') : decodeAs(bytes, 'windows-1252', 'default')
}

interface Declaration {
  name: string
  label: string
  source: 'header' | 'meta' | 'late-meta'
}

/** A charset in the Content-Type header that names a known encoding (an unknown one is ignored, as browsers do). */
function headerEncoding(contentType: string): Declaration | null {
  const label = /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType)?.[1]
  const name = label ? labelToName(label) : null
  return label && name ? { name, label, source: 'header' } : null
}

/** A <meta> charset in the first 1024 bytes (the spec's prescan). */
function metaEncoding(bytes: Uint8Array): Declaration | null {
  const name = prescan(bytes)
  return name ? { name, label: name, source: 'meta' } : null
}

/** A <meta> charset after the first 1024 bytes. */
function lateMetaEncoding(bytes: Uint8Array): Declaration | null {
  const name = lateMeta(bytes)
  return name ? { name, label: name, source: 'late-meta' } : null
}

/** The spec's <meta> prescan over the first 1024 bytes of `bytes` (html-encoding-sniffer), or null. */
function prescan(bytes: Uint8Array): string | null {
  // With no default, the sniffer answers null when the prescan finds nothing (the BOM was checked already).
  return htmlEncodingSniffer(bytes, { defaultEncoding: null as unknown as string }) as string | null
}

/** A <meta> charset declaration after the first 1024 bytes, read with the same prescan, or null. */
function lateMeta(bytes: Uint8Array): string | null {
  if (bytes.length <= 1024) return null
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const tag = /<meta[\s/]/gi
  tag.lastIndex = 1024 - 5
  for (let seen = 0; seen < MAX_LATE_METAS; seen++) {
    const found = tag.exec(text)
    if (!found) return null
    const name = prescan(bytes.subarray(found.index, found.index + 1024))
    if (name) return name
  }
  return null
}

/**
 * chardet's guess from the page's text: markup, scripts, styles and comments are left out first, since
 * their ASCII only dilutes the statistics (measured: 28 of 28 legacy-encoded pages right, against 20 of 28
 * on whole pages and 25 of 28 for jschardet).
 */
function detectEncoding(bytes: Uint8Array): string | null {
  const sample = Buffer.from(textOnly(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), 'latin1')
  const guess = chardet.detect(sample)
  return guess ? labelToName(guess) : null
}

/** The text between tags of a page, as latin1 (one character per byte), up to DETECT_BYTES. Linear. */
function textOnly(bytes: Buffer): string {
  const page = bytes.toString('latin1')
  const lower = page.toLowerCase()
  const parts: string[] = []
  let length = 0
  let at = 0
  while (at < page.length && length < DETECT_BYTES) {
    const open = page.indexOf('<', at)
    const end = open === -1 ? page.length : open
    if (end > at) {
      parts.push(page.slice(at, end))
      length += end - at
    }
    if (open === -1) break
    const close = lower.startsWith('<!--', open)
      ? closeOf(lower, '-->', open)
      : lower.startsWith('<script', open)
        ? closeOf(lower, '</script', open)
        : lower.startsWith('<style', open)
          ? closeOf(lower, '</style', open)
          : closeOf(lower, '>', open)
    parts.push(' ')
    at = close
  }
  return parts.join('').slice(0, DETECT_BYTES)
}

/** The index just past `marker` (then past the tag's `>`), or the end of the text if it never comes. */
function closeOf(lower: string, marker: string, from: number): number {
  const found = lower.indexOf(marker, from + 1)
  if (found === -1) return lower.length
  if (marker === '>' || marker === '-->') return found + marker.length
  const gt = lower.indexOf('>', found)
  return gt === -1 ? lower.length : gt + 1
}

function decodeAs(bytes: Uint8Array, name: string, source: EncodingSource, label = name): DecodedHtml {
  if (name === 'windows-1252') return { html: decodeWindows1252(bytes), encoding: name, source }
  let decoder: TextDecoder
  try {
    // The spec's "replacement" encoding (ISO-2022-KR, HZ, ...) exists only to refuse such pages.
    if (name === 'replacement') throw new RangeError(name)
    decoder = new TextDecoder(name)
  } catch {
    throw new LecternError(
      'UNSUPPORTED_ENCODING',
      `The page is in the ${label} text encoding, which Lectern cannot read.`
    )
  }
  return { html: decoder.decode(bytes), encoding: name, source }
}

// Node 20's TextDecoder reads windows-1252 as ISO-8859-1 (0x92 becomes U+0092, not ’; 0x80 not €), and
// windows-1252 is the commonest legacy encoding and every page's fallback. The two differ only in bytes
// 0x80-0x9F: these are their characters in the WHATWG Encoding Standard's index-windows-1252 (a library
// for this one table, iconv-lite, added 0.4 MB of tables to every extract worker's start; the test checks
// this against it).
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/** windows-1252 bytes as text: Latin-1, with bytes 0x80-0x9F mapped through WINDOWS_1252_HIGH. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  return latin1.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!)
}
