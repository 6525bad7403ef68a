import { LecternError } from '../../shared/errors'
import { decodeHtml } from '../extract/decode-html'
import { badExport, IMPORT_CAPS } from './import-types'

/**
 * Text of an export file. A byte order mark decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is UTF-8,
 * which is what every service writes. Anything else is a file a person saved from a spreadsheet or an old
 * browser: HTML follows its <meta charset> (as a browser would), other text is read as Windows-1252, the
 * encoding such tools used on Western systems, so a stray byte never refuses a whole file.
 */
export function decodeExport(bytes: Uint8Array, where = ''): string {
  if (bytes.length > IMPORT_CAPS.maxTextBytes) {
    const name = where || 'The file'
    throw new LecternError('TOO_LARGE', `${name} is larger than ${IMPORT_CAPS.maxTextBytes / 1024 / 1024} MB.`)
  }
  const [b0, b1, b2] = bytes
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3))
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).trimStart()
    if (head.startsWith('<')) return decodeHtml(bytes).html
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

/**
 * True when JSON text nests deeper than `max` (a linear scan that skips strings). Checked before
 * JSON.parse, whose time on "[[[[…" grows with the depth: a 256 MB file of brackets would take minutes.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--
  }
  return false
}

/** Parses a JSON export, refusing one that is malformed or nested beyond any real export. */
export function parseJsonExport(text: string, where = ''): unknown {
  if (jsonNestsDeeperThan(text, IMPORT_CAPS.maxJsonDepth)) {
    throw badExport(where, `nested more than ${IMPORT_CAPS.maxJsonDepth} levels deep`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw badExport(where, `not valid JSON${jsonErrorPlace(text, error)}`)
  }
}

// V8 says "… in JSON at position 1234 (line 3 column 7)" in recent versions and only the position in older
// ones; the line is what a person can find in an editor.
function jsonErrorPlace(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  const line = /line (\d+)/.exec(message)?.[1]
  if (line) return ` at line ${line}`
  const position = /position (\d+)/.exec(message)?.[1]
  if (!position) return ''
  let lines = 1
  for (let i = 0; i < Number(position) && i < text.length; i++) if (text.charCodeAt(i) === 10) lines++
  return ` at line ${lines}`
}
