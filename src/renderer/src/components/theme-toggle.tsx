import { useAppStore } from '../store/store-context'

const LABELS = { light: 'Light', sepia: 'Sepia', dark: 'Dark' } as const

/** Cycles light → sepia → dark; the button shows the current theme. */
export function ThemeToggle() {
  const theme = useAppStore((s) => s.theme)
  const cycleTheme = useAppStore((s) => s.cycleTheme)
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-label="Change theme"
      title={`Theme: ${LABELS[theme]} (click to change)`}
      onClick={cycleTheme}
      data-testid="theme-toggle"
      data-theme-current={theme}
    >
      {LABELS[theme]}
    </button>
  )
}
