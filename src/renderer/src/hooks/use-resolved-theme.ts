import { useSyncExternalStore } from 'react'
import type { Theme } from '../../../shared/types'
import type { ResolvedTheme } from '../reader/reader-appearance'
import { useAppStore } from '../store/store-context'

const DARK_QUERY = '(prefers-color-scheme: dark)'

function darkQuery(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null
}

function subscribe(onChange: () => void): () => void {
  const query = darkQuery()
  query?.addEventListener('change', onChange)
  return () => query?.removeEventListener('change', onChange)
}

/** Whether the system asks for dark colours right now (and re-renders when that changes). */
export function useSystemPrefersDark(): boolean {
  return useSyncExternalStore(subscribe, () => darkQuery()?.matches ?? false)
}

export function resolveTheme(theme: Theme, systemDark: boolean): ResolvedTheme {
  if (theme === 'system') return systemDark ? 'dark' : 'light'
  return theme
}

/**
 * The theme to draw: the setting, with "system" resolved from prefers-color-scheme in JS. Resolved here,
 * not with a media query inside the reader frame, because an iframe's prefers-color-scheme follows its
 * embedding element's color-scheme rather than the system.
 */
export function useResolvedTheme(): ResolvedTheme {
  const theme = useAppStore((s) => s.settings.theme)
  const systemDark = useSystemPrefersDark()
  return resolveTheme(theme, systemDark)
}
