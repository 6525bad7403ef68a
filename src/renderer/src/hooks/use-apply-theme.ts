import { useEffect } from 'react'
import { useAppStore } from '../store/store-context'
import { useResolvedTheme } from './use-resolved-theme'

/**
 * The theme lives on <html data-theme> (resolved: light, sepia or dark) so the CSS variables in styles.css
 * switch everything at once; data-theme-setting keeps what the user chose ("system" included).
 */
export function useApplyTheme(): void {
  const theme = useResolvedTheme()
  const setting = useAppStore((s) => s.settings.theme)
  useEffect(() => {
    document.documentElement.dataset.theme = theme
    document.documentElement.dataset.themeSetting = setting
  }, [theme, setting])
}
