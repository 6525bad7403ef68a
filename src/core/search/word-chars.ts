/**
 * What counts as part of a word: letters, digits and combining marks. The tokenizer's words are runs
 * of these (tokenize.ts); the phrase matcher and the highlighter find words by searching instead.
 */
export const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u

/** Is the character that starts at `at` part of a word? (False past the end.) */
export function wordCharAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at)
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a)
  return at < text.length && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at)!))
}

/** Is the character that ends just before `at` part of a word? (False at the start.) */
export function wordCharBefore(text: string, at: number): boolean {
  if (at <= 0) return false
  const low = text.charCodeAt(at - 1)
  // The second half of a surrogate pair: test the whole character.
  const start = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? at - 2 : at - 1
  return wordCharAt(text, start)
}
