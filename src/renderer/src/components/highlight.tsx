import type { ReactNode } from 'react'
import type { TextRange } from '../../../shared/types'

/** Sorted, clamped to the text, overlaps merged, empty ranges dropped: ranges from the core are data. */
export function normalizeRanges(length: number, ranges: readonly TextRange[]): TextRange[] {
  const clean = ranges
    .map(([start, end]): TextRange => [
      Math.max(0, Math.min(length, Math.trunc(start))),
      Math.max(0, Math.min(length, Math.trunc(end)))
    ])
    .filter(([start, end]) => Number.isFinite(start) && Number.isFinite(end) && end > start)
    .sort((a, b) => a[0] - b[0])
  const merged: TextRange[] = []
  for (const range of clean) {
    const last = merged[merged.length - 1]
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push([range[0], range[1]])
  }
  return merged
}

/**
 * Text with its matches in <mark>. Built from plain text and offsets as React text nodes: the text comes
 * from saved pages (hostile input), so it is never parsed as HTML.
 */
export function Highlight({ text, ranges }: { text: string; ranges: readonly TextRange[] }) {
  const parts: ReactNode[] = []
  let at = 0
  for (const [start, end] of normalizeRanges(text.length, ranges)) {
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  if (at < text.length) parts.push(text.slice(at))
  return <>{parts}</>
}
