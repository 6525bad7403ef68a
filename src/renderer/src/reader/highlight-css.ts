import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../shared/highlights'
import type { ResolvedTheme } from './reader-appearance'

// Translucent, so text stays legible in every theme and overlapping highlights (nested marks) show darker.
const TINTS: Record<HighlightColor, string> = {
  yellow: '255, 208, 0',
  green: '92, 200, 92',
  blue: '80, 160, 255',
  pink: '255, 105, 180'
}
const ALPHA: Record<ResolvedTheme, number> = { light: 0.38, sepia: 0.38, dark: 0.3 }

/** Styles for highlight marks (see highlight-ranges.ts), for the reader's inline <style>. */
export function highlightCss(): string {
  const rules = [
    `mark.lectern-hl { color: inherit; background-color: transparent; border-radius: 2px; cursor: pointer; }`
  ]
  for (const theme of Object.keys(ALPHA) as ResolvedTheme[]) {
    for (const color of HIGHLIGHT_COLORS) {
      rules.push(
        `:root[data-theme="${theme}"] mark.lectern-hl-${color} { background-color: rgba(${TINTS[color]}, ${ALPHA[theme]}); }`
      )
    }
  }
  return rules.join('\n')
}
