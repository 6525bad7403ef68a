import { useEffect } from 'react'
import { useAppStore } from '../store/store-context'

/** The theme lives on <html data-theme> so the CSS variables in styles.css switch everything at once. */
export function useApplyTheme(): void {
  const theme = useAppStore((s) => s.theme)
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
}
