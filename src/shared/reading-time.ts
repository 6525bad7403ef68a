/** Minutes to read, rounded, at least one: ~230 words a minute (segmented CJK words read at a similar rate). */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / 230))
}
