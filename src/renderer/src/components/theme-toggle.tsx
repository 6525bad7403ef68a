import { useAppStore } from '../store/store-context'
import { THEME_LABELS } from './reader-settings'

/** Cycles system → light → sepia → dark (also the t key); the button shows the current choice. */
export function ThemeToggle() {
  const theme = useAppStore((s) => s.settings.theme)
  const cycleTheme = useAppStore((s) => s.cycleTheme)
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-label="Change theme"
      title={`Theme: ${THEME_LABELS[theme]} (click or press t to change)`}
      onClick={cycleTheme}
      data-testid="theme-toggle"
      data-theme-current={theme}
    >
      {THEME_LABELS[theme]}
    </button>
  )
}
