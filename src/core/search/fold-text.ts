/**
 * Folding for search: the same function runs on indexed text and on queries, so "Café", "CAFE" and
 * "cafe" meet as one term. Lowercase, compatibility decomposition (ﬁ → fi, full-width Ａ → a), Latin
 * diacritics removed. Only the combining diacritical marks block is stripped: Japanese voicing marks
 * (が = か + ゛) change meaning and are recomposed, not dropped.
 */
const NON_ASCII = /[^\t\n\r\u0020-\u007e]/
const DIACRITICS = /[\u0300-\u036f]/g
/** Letters that carry no combining mark but that people type without their accent all the same. */
const SPECIAL = /[ßæœøđłþ]/g
const SPECIAL_MAP: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th' }

/** Lowercase, NFKD, without Latin diacritics, recomposed (NFC). Lengths may change: no offsets survive. */
export function foldText(text: string): string {
  const lower = text.toLowerCase()
  if (!NON_ASCII.test(lower)) return lower
  return lower
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .normalize('NFC')
    .replace(SPECIAL, (c) => SPECIAL_MAP[c] ?? c)
}
