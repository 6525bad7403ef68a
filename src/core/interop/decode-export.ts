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

/** " at line N" for where JSON text stops being JSON (V8's own message gives no position in Node 20). */
function jsonErrorPlace(text: string, error: unknown): string {
  const offset = jsonErrorOffset(text)
  if (offset === null)
    return error instanceof Error && /end of JSON input/i.test(error.message) ? ' (it ends too early)' : ''
  let line = 1
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++
  return ` at line ${line}`
}

/**
 * The offset of the first character that makes `text` invalid JSON, or null if it ends too early or is
 * valid. A small recursive scanner, run only after JSON.parse failed; depth is capped before that.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++
  }
  const fail = (): never => {
    throw i
  }
  const literal = (word: string) => {
    for (const c of word) {
      if (text[i] !== c) fail()
      i++
    }
  }
  const string = () => {
    i++
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i)
      if (c < 0x20) fail()
      if (c === 92) {
        i++
        if (text[i] === 'u') {
          if (!/^[0-9a-f]{4}$/i.test(text.slice(i + 1, i + 5))) fail()
          i += 4
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail()
      }
      i++
    }
    if (i >= text.length) throw null
    i++
  }
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (!match) fail()
    i += (match as RegExpExecArray)[0].length
  }
  const value = (): void => {
    space()
    if (i >= text.length) throw null
    const c = text[i]
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      i++
      space()
      if (text[i] === close) return void i++
      for (;;) {
        if (close === '}') {
          space()
          if (text[i] !== '"') fail()
          string()
          space()
          if (text[i] !== ':') fail()
          i++
        }
        value()
        space()
        if (i >= text.length) throw null
        if (text[i] === close) return void i++
        if (text[i] !== ',') fail()
        i++
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    number()
  }
  try {
    value()
    space()
    return i < text.length ? i : null
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : null
  }
}
