/**
 * Language tags as pages write them, made into BCP 47 tags Intl accepts, or dropped. Pages say `pt_BR`,
 * `en_US` (og:locale's own format), `english`, `en-US,en;q=0.9`, or 300 characters of junk; Intl.Segmenter
 * and friends throw on most of those, and a language is never worth failing an import for.
 */

// The longest tag worth reading: language-script-region plus a variant or two.
const MAX_TAG_LENGTH = 35

/** The canonical BCP 47 tag for a page's language declaration, or null when it names no known language. */
export function normalizeLang(raw: string | null | undefined): string | null {
  if (!raw) return null
  // "en, fr" (Content-Language lists), "en-US;q=0.9" (copied Accept-Language): the first one counts.
  const first = raw.trim().split(/[,;\s]/, 1)[0] ?? ''
  if (!first || first.length > MAX_TAG_LENGTH) return null
  const tag = canonical(first.replace(/_/g, '-'))
  if (tag) return tag
  return languageByName(first)
}

/** Intl's canonical form of a tag whose language is a 2-3 letter code (ISO 639), else null. */
function canonical(tag: string): string | null {
  let canon: string | undefined
  try {
    canon = Intl.getCanonicalLocales(tag)[0]
  } catch {
    return null
  }
  // 5-8 letter "languages" are legal BCP 47 syntax but name nothing real ("english", "klingon").
  if (!canon || !/^[a-z]{2,3}(?:-|$)/.test(canon) || canon.startsWith('und')) return null
  return canon
}

let byName: Map<string, string> | null = null

/** "English" → "en", "français" → "fr": a language written out by name, in English or in itself. */
function languageByName(name: string): string | null {
  const key = name.toLowerCase()
  if (!/^\p{L}{2,20}$/u.test(key)) return null
  byName ??= buildNameTable()
  return byName.get(key) ?? null
}

/** Names of every two-letter language code ICU knows, in English and in the language itself. Built once. */
function buildNameTable(): Map<string, string> {
  const table = new Map<string, string>()
  const english = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' })
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b
      const name = english.of(code)
      if (!name) continue
      table.set(name.toLowerCase(), code)
      try {
        const own = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code)
        if (own && !table.has(own.toLowerCase())) table.set(own.toLowerCase(), code)
      } catch {
        // ICU has no names in this language: the English one is enough.
      }
    }
  }
  return table
}
