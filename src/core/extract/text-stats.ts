// Words, not spaces: Intl.Segmenter finds word boundaries in Chinese and Japanese text too, where a
// whitespace split would count a whole paragraph as one word.
const segmenters = new Map<string, Intl.Segmenter>()

function segmenterFor(lang: string | null): Intl.Segmenter {
  const key = lang?.split('-')[0]?.toLowerCase() || 'und'
  let segmenter = segmenters.get(key)
  if (!segmenter) {
    segmenter = new Intl.Segmenter(key === 'und' ? undefined : key, { granularity: 'word' })
    segmenters.set(key, segmenter)
  }
  return segmenter
}

/** Number of words in a text, in any language. */
export function countWords(text: string, lang: string | null = null): number {
  let count = 0
  for (const segment of segmenterFor(lang).segment(text)) if (segment.isWordLike) count++
  return count
}

/** Minutes to read, rounded, at least one: ~230 words a minute (segmented CJK words read at a similar rate). */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / 230))
}
