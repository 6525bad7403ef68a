import { useEffect } from 'react'
import { handleShortcut } from '../keyboard/shortcuts'
import { useStoreApi } from '../store/store-context'

/**
 * The keyboard path for every list and reader action, on the window so it works wherever focus is. Keys
 * pressed inside the reader frame never reach this window; the frame forwards them to the same table.
 */
export function useKeyboardShortcuts(): void {
  const store = useStoreApi()
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => void handleShortcut(store, event)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [store])
}
