import { useEffect, useRef, type KeyboardEvent } from 'react'
import { FONT_FAMILIES, SETTINGS_LIMITS, THEMES, type FontFamily, type Theme } from '../../../shared/types'
import { useAppStore } from '../store/store-context'

export const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', sepia: 'Sepia', dark: 'Dark' }
const FONT_LABELS: Record<FontFamily, string> = { serif: 'Serif', sans: 'Sans', dyslexic: 'OpenDyslexic' }

/** Typography, theme and reading behaviour; every change applies at once and is saved by the core. */
export function ReaderSettings({ onClose }: { onClose: () => void }) {
  const settings = useAppStore((s) => s.settings)
  const error = useAppStore((s) => s.settingsError)
  const update = useAppStore((s) => s.updateSettings)
  const stepFontSize = useAppStore((s) => s.stepFontSize)
  const panelRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    panelRef.current?.querySelector<HTMLInputElement>('input:checked')?.focus()
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape') return
    // Escape closes the panel, not the article.
    event.preventDefault()
    event.stopPropagation()
    onClose()
  }

  return (
    <div
      id="reader-settings"
      ref={panelRef}
      className="reader-settings"
      role="group"
      aria-label="Reading settings"
      onKeyDown={onKeyDown}
      data-testid="reader-settings"
    >
      <fieldset>
        <legend>Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme}>
            <input
              type="radio"
              name="reader-theme"
              value={theme}
              checked={settings.theme === theme}
              onChange={() => void update({ theme })}
            />
            {THEME_LABELS[theme]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Font</legend>
        {FONT_FAMILIES.map((fontFamily) => (
          <label key={fontFamily} className={`font-choice font-${fontFamily}`}>
            <input
              type="radio"
              name="reader-font"
              value={fontFamily}
              checked={settings.fontFamily === fontFamily}
              onChange={() => void update({ fontFamily })}
            />
            {FONT_LABELS[fontFamily]}
          </label>
        ))}
      </fieldset>
      <fieldset className="size-row">
        <legend>Text size</legend>
        <button
          type="button"
          aria-label="Smaller text"
          title="Smaller text (-)"
          disabled={settings.fontSize <= SETTINGS_LIMITS.fontSize.min}
          onClick={() => stepFontSize(-1)}
        >
          A−
        </button>
        <output aria-live="polite" data-testid="font-size">
          {settings.fontSize} px
        </output>
        <button
          type="button"
          aria-label="Larger text"
          title="Larger text (+)"
          disabled={settings.fontSize >= SETTINGS_LIMITS.fontSize.max}
          onClick={() => stepFontSize(1)}
        >
          A+
        </button>
      </fieldset>
      <label className="range">
        Line spacing
        <input
          type="range"
          min={SETTINGS_LIMITS.lineHeight.min}
          max={SETTINGS_LIMITS.lineHeight.max}
          step={0.1}
          value={settings.lineHeight}
          onChange={(event) => void update({ lineHeight: Number(event.target.value) })}
        />
      </label>
      <label className="range">
        Column width
        <input
          type="range"
          min={SETTINGS_LIMITS.contentWidth.min}
          max={SETTINGS_LIMITS.contentWidth.max}
          step={1}
          value={settings.contentWidth}
          onChange={(event) => void update({ contentWidth: Number(event.target.value) })}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.justify}
          onChange={(event) => void update({ justify: event.target.checked })}
        />
        Justify text
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.archiveOnFinish}
          onChange={(event) => void update({ archiveOnFinish: event.target.checked })}
        />
        Archive articles when I reach the end
      </label>
      {error && (
        <p role="alert" className="settings-error">
          {error.message}
        </p>
      )}
      <button type="button" className="settings-close" onClick={onClose}>
        Done
      </button>
    </div>
  )
}
