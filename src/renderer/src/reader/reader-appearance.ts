import type { FontFamily, Settings } from '../../../shared/types'

/** A theme as drawn: "system" has already been resolved to light or dark. */
export type ResolvedTheme = 'light' | 'sepia' | 'dark'

/** What the reading column looks like: the typography settings plus the resolved theme. */
export interface ReaderAppearance extends Pick<
  Settings,
  'fontFamily' | 'fontSize' | 'lineHeight' | 'contentWidth' | 'justify'
> {
  theme: ResolvedTheme
}

export function readerAppearance(settings: Settings, theme: ResolvedTheme): ReaderAppearance {
  const { fontFamily, fontSize, lineHeight, contentWidth, justify } = settings
  return { theme, fontFamily, fontSize, lineHeight, contentWidth, justify }
}

/** Font stacks: what the machine has first, generic families last. OpenDyslexic ships with the app. */
export const FONT_STACKS: Record<FontFamily, string> = {
  serif: 'Charter, "Bitstream Charter", "Iowan Old Style", Georgia, "Noto Serif", "Times New Roman", serif',
  sans: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  dyslexic: '"OpenDyslexic", "Comic Sans MS", "Noto Sans", sans-serif'
}

/** The CSS custom properties the reader stylesheet is written against. */
export function readerVariables(a: ReaderAppearance): Record<string, string> {
  return {
    '--reader-font': FONT_STACKS[a.fontFamily],
    '--reader-size': `${a.fontSize}px`,
    '--reader-line-height': String(a.lineHeight),
    '--reader-width': `${a.contentWidth}em`,
    '--reader-align': a.justify ? 'justify' : 'start',
    '--reader-hyphens': a.justify ? 'auto' : 'manual'
  }
}

/**
 * Applies an appearance to a loaded reader document in place: the same document keeps its scroll
 * position, images and focus instead of being rebuilt (which would flash and lose the place).
 */
export function applyAppearance(doc: Document, a: ReaderAppearance): void {
  const root = doc.documentElement
  root.dataset.theme = a.theme
  root.dataset.font = a.fontFamily
  for (const [name, value] of Object.entries(readerVariables(a))) root.style.setProperty(name, value)
}
