import { QUOTE_CONTEXT_LENGTH, type HighlightSelectors } from './highlight'
import { isSpaceCode } from './normalised-text'

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff

/**
 * [start, end) clamped to the text, without whitespace at either edge and never splitting a surrogate pair
 * (an emoji or a rare CJK character is highlighted whole). Null when nothing but whitespace is left.
 */
export function tidyRange(text: string, start: number, end: number): { start: number; end: number } | null {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null
  let from = Math.max(0, Math.min(Math.trunc(Math.min(start, end)), text.length))
  let to = Math.max(0, Math.min(Math.trunc(Math.max(start, end)), text.length))
  while (from < to && isSpaceCode(text.charCodeAt(from))) from++
  while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to--
  if (from > 0 && isLow(text.charCodeAt(from)) && isHigh(text.charCodeAt(from - 1))) from--
  if (to < text.length && isHigh(text.charCodeAt(to - 1)) && isLow(text.charCodeAt(to))) to++
  return from < to ? { start: from, end: to } : null
}

/**
 * The selectors to store for a selection of [start, end) in a normalised text: the quote with
 * QUOTE_CONTEXT_LENGTH characters of context on each side, and the position. Whitespace at the edges of the
 * selection is left out. Null for an empty or whitespace-only selection, or offsets that are not numbers.
 */
export function describeSelection(text: string, start: number, end: number): HighlightSelectors | null {
  if (typeof text !== 'string') return null
  const range = tidyRange(text, start, end)
  if (!range) return null
  let prefixStart = Math.max(0, range.start - QUOTE_CONTEXT_LENGTH)
  if (prefixStart > 0 && isLow(text.charCodeAt(prefixStart)) && isHigh(text.charCodeAt(prefixStart - 1))) prefixStart++
  let suffixEnd = Math.min(text.length, range.end + QUOTE_CONTEXT_LENGTH)
  if (suffixEnd < text.length && isHigh(text.charCodeAt(suffixEnd - 1)) && isLow(text.charCodeAt(suffixEnd)))
    suffixEnd--
  return {
    quote: {
      exact: text.slice(range.start, range.end),
      prefix: text.slice(prefixStart, range.start),
      suffix: text.slice(range.end, suffixEnd)
    },
    position: { start: range.start, end: range.end }
  }
}

/** Every run of whitespace as one space: how a quote typed by a person is compared with the normalised text. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ')
}

/**
 * The selectors for the first place `quote` occurs in a normalised text, comparing whitespace loosely (a
 * paragraph break matches a space): for adding a highlight by its text (`lectern highlight add --quote`).
 * Exact text only, never a fuzzy guess. Null when the quote is empty or not in the text.
 */
export function describeQuote(text: string, quote: string): HighlightSelectors | null {
  if (typeof text !== 'string' || typeof quote !== 'string') return null
  const needle = collapseWhitespace(quote).trim()
  if (needle === '') return null
  // The normalised text has no two whitespace characters in a row, so this keeps every offset.
  const at = text.replace(/\n/g, ' ').indexOf(needle)
  return at < 0 ? null : describeSelection(text, at, at + needle.length)
}
