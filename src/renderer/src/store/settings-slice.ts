import { DEFAULT_SETTINGS, SETTINGS_LIMITS, THEMES, type Settings, type Theme } from '../../../shared/types'
import type { AppError } from '../../../shared/result'
import type { LoadStatus, SliceCreator } from './app-state'

export { THEMES, type Theme }

export interface SettingsSlice {
  /** Reading preferences as the core keeps them (in the data dir, not localStorage: browser mode's origin changes with its port). */
  settings: Settings
  settingsStatus: LoadStatus
  /** Why the last change could not be saved (the previous value is back on screen). */
  settingsError: AppError | null
  loadSettings(): Promise<void>
  /** Applies at once (optimistic), then saves; the core's answer is the final word. */
  updateSettings(change: Partial<Settings>): Promise<void>
  /** A settingsChanged event: another window (or this one) saved new settings. */
  receiveSettings(settings: Settings): void
  /** system → light → sepia → dark → system: one button covers all four. */
  cycleTheme(): void
  /** Text size one step up (+1) or down (-1), within the allowed range. */
  stepFontSize(direction: 1 | -1): void
}

const FONT_STEP = 1

export function clampFontSize(size: number): number {
  return Math.min(SETTINGS_LIMITS.fontSize.max, Math.max(SETTINGS_LIMITS.fontSize.min, size))
}

export const createSettingsSlice: SliceCreator<SettingsSlice> =
  ({ client }) =>
  (set, get) => {
    // Changes can overlap (+ + + pressed quickly): only the newest answer may land, and events about
    // older saves must not flicker the value back while newer ones are in flight.
    let seq = 0
    let pending = 0

    return {
      settings: { ...DEFAULT_SETTINGS },
      settingsStatus: 'idle',
      settingsError: null,

      async loadSettings() {
        const mine = seq
        set({ settingsStatus: 'loading' })
        const result = await client.api.getSettings({})
        // A change made while loading wins over what was loaded.
        if (mine !== seq) return
        if (result.ok) set({ settings: result.value, settingsStatus: 'ready', settingsError: null })
        else set({ settingsStatus: 'error', settingsError: result.error })
      },

      async updateSettings(change) {
        const before = get().settings
        const mine = ++seq
        pending += 1
        set({ settings: { ...before, ...change }, settingsError: null })
        const result = await client.api.updateSettings(change)
        pending -= 1
        if (mine !== seq) return
        if (result.ok) set({ settings: result.value, settingsStatus: 'ready' })
        else set({ settings: before, settingsError: result.error })
      },

      receiveSettings(settings) {
        if (pending > 0) return
        set({ settings, settingsStatus: 'ready' })
      },

      cycleTheme() {
        const index = THEMES.indexOf(get().settings.theme)
        void get().updateSettings({ theme: THEMES[(index + 1) % THEMES.length] ?? 'system' })
      },

      stepFontSize(direction) {
        const current = get().settings.fontSize
        const next = clampFontSize(current + direction * FONT_STEP)
        if (next !== current) void get().updateSettings({ fontSize: next })
      }
    }
  }
