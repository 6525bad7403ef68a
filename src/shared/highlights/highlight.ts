/** The four highlight colours, in the order the reader offers them. */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number]

/** How many characters of context a quote selector keeps on each side (W3C TextQuoteSelector prefix/suffix). */
export const QUOTE_CONTEXT_LENGTH = 32

/** The highlighted text with a little of the text around it, all taken from the article's normalised text. */
export interface TextQuoteSelector {
  exact: string
  prefix: string
  suffix: string
}

/** Offsets in the article's normalised text (see normaliseText): `start` inclusive, `end` exclusive. */
export interface TextPositionSelector {
  start: number
  end: number
}

/** What is stored to find a highlight again: both selectors, as W3C Web Annotation and Hypothesis do. */
export interface HighlightSelectors {
  quote: TextQuoteSelector
  position: TextPositionSelector
}

/** A highlight of part of one article, with an optional plain-text note. */
export interface Highlight extends HighlightSelectors {
  id: string
  articleId: string
  color: HighlightColor
  /** Plain text, shown as text, never as HTML. */
  note: string | null
  /** ISO 8601 timestamps. */
  createdAt: string
  updatedAt: string
  /** Set when the last re-anchoring could not place it in the article's text: kept and listed, never dropped. */
  orphaned?: boolean
}

/** Where a highlight was found in a text, and which selector found it. */
export interface Anchor {
  start: number
  end: number
  method: 'position' | 'exact' | 'fuzzy'
}

/** Whether a value is one of HIGHLIGHT_COLORS. */
export function isHighlightColor(value: unknown): value is HighlightColor {
  return typeof value === 'string' && (HIGHLIGHT_COLORS as readonly string[]).includes(value)
}
