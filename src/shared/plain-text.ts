/**
 * The one rule for text that came from a page or a file and is shown as plain text: titles, bylines and
 * site names in the library, and every line the CLI prints for people. Control characters can clear a
 * terminal or write its clipboard (ESC sequences, OSC 52), line breaks can forge a row of `lectern list`,
 * and bidi overrides can make text read differently from what it is.
 */

// C0 controls but tab and line breaks, DEL, C1 controls (a lone 0x9B is a CSI to some terminals), and the
// bidi embeddings, overrides and isolates (the marks U+200E/U+200F stay: they only nudge, never reorder).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
// Everything that ends a line or spaces like one, for text that must stay on one line.
const LINE_BREAKS_AND_SPACES = /[\s\u0085\u2028\u2029]+/g

/** Text without control characters; line breaks and tabs kept (for article text printed as lines). */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '')
}

/** One line of printable text: control characters removed, every run of spaces and line breaks one space. */
export function oneLine(text: string): string {
  return withoutControls(text).replace(LINE_BREAKS_AND_SPACES, ' ').trim()
}

/** oneLine, cut to at most `max` characters (at a word boundary when there is one near the end). */
export function oneLineMax(text: string, max: number): string {
  const line = oneLine(text)
  if (line.length <= max) return line
  const cut = line.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > max * 0.7 ? cut.slice(0, space) : cut}…`
}
