import type { SliceCreator, SettingsStorage } from './app-state'

export const THEMES = ['light', 'sepia', 'dark'] as const
export type Theme = (typeof THEMES)[number]

const THEME_KEY = 'lectern.theme'

export interface SettingsSlice {
  theme: Theme
  setTheme(theme: Theme): void
  /** light → sepia → dark → light: one button covers all three. */
  cycleTheme(): void
}

function readTheme(storage: SettingsStorage | null): Theme {
  try {
    const saved = storage?.getItem(THEME_KEY)
    return THEMES.find((t) => t === saved) ?? 'light'
  } catch {
    // Storage can throw (disabled, sandboxed); a default theme is fine.
    return 'light'
  }
}

export const createSettingsSlice: SliceCreator<SettingsSlice> =
  ({ storage }) =>
  (set, get) => ({
    theme: readTheme(storage),

    setTheme(theme) {
      set({ theme })
      try {
        storage?.setItem(THEME_KEY, theme)
      } catch {
        // Not persisting a theme is not worth bothering the user about.
      }
    },

    cycleTheme() {
      const index = THEMES.indexOf(get().theme)
      get().setTheme(THEMES[(index + 1) % THEMES.length] ?? 'light')
    }
  })
