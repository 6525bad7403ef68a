/** Languages written right to left (ISO 639-1/2 primary subtags). */
const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'he',
  'iw',
  'ks',
  'ku',
  'ps',
  'sd',
  'syr',
  'ug',
  'ur',
  'yi'
])
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg'])

/**
 * The base direction of an article from its language: rtl for Arabic, Hebrew, Persian, Urdu, ...; ltr for
 * any other known language; "auto" (the browser looks at the first strong character) when unknown.
 */
export function textDirection(lang: string | null | undefined): 'ltr' | 'rtl' | 'auto' {
  const tag = lang?.trim().toLowerCase()
  if (!tag) return 'auto'
  const [primary = '', ...rest] = tag.split(/[-_]/)
  // An explicit script wins: az-Arab is right to left, ku-Latn left to right.
  const script = rest.find((part) => part.length === 4)
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr'
  if (!/^[a-z]{2,3}$/.test(primary)) return 'auto'
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr'
}
