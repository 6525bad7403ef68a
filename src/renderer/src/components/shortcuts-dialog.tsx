import { useEffect, useRef } from 'react'
import { SHORTCUTS, type ShortcutContext } from '../keyboard/shortcuts'
import { useAppStore } from '../store/store-context'

const CONTEXT_LABELS: Record<ShortcutContext, string> = {
  list: 'In the list',
  reader: 'While reading',
  search: 'In search results'
}

/** How a key name from the table is written for people. */
function keyLabel(key: string): string {
  if (/^[A-Z]$/.test(key)) return `Shift+${key}`
  return key
    .replace(/^Mod\+(.)$/, (_, k: string) => `Ctrl/⌘+${k.toUpperCase()}`)
    .replace('ArrowDown', '↓')
    .replace('ArrowUp', '↑')
}

/** The keyboard shortcuts (?), generated from the one table in keyboard/shortcuts.ts. */
export function ShortcutsDialog() {
  const open = useAppStore((s) => s.shortcutsOpen)
  const setOpen = useAppStore((s) => s.setShortcutsOpen)
  const closeButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (open) closeButton.current?.focus()
  }, [open])

  if (!open) return null
  const contexts = (Object.keys(CONTEXT_LABELS) as ShortcutContext[]).filter((context) =>
    SHORTCUTS.some((s) => s.help[context])
  )

  return (
    <div className="dialog-backdrop" onClick={() => setOpen(false)}>
      <div
        className="shortcuts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onClick={(event) => event.stopPropagation()}
        data-testid="shortcuts-dialog"
      >
        <div className="dialog-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={closeButton} type="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
        <table>
          <thead>
            <tr>
              <th scope="col">Key</th>
              {contexts.map((context) => (
                <th key={context} scope="col">
                  {CONTEXT_LABELS[context]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.keys.join(' ')}>
                <th scope="row">
                  {shortcut.keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && ' / '}
                      <kbd>{keyLabel(key)}</kbd>
                    </span>
                  ))}
                </th>
                {contexts.map((context) => (
                  <td key={context}>{shortcut.help[context] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
