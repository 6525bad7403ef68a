import type { MouseEvent } from 'react'
import { LIBRARY_VIEWS, type LibraryView } from '../../../shared/types'
import { useAppStore } from '../store/store-context'
import { VIEW_LABELS } from './format'

/**
 * The four views. They are navigation links rather than buttons: "Archive" the view must not share a role
 * and name with "Archive" the action on an article. Also reachable with the keys 1–4.
 */
export function Sidebar() {
  const view = useAppStore((s) => s.view)
  const setView = useAppStore((s) => s.setView)

  const choose = (v: LibraryView) => (event: MouseEvent<HTMLAnchorElement>) => {
    // The state lives in the store; the href only gives the link its semantics (no hash routing).
    event.preventDefault()
    void setView(v)
  }

  return (
    <nav className="sidebar" aria-label="Library views">
      <ul>
        {LIBRARY_VIEWS.map((v, index) => (
          <li key={v}>
            <a
              href={`#${v}`}
              className="view-link"
              aria-current={view === v ? 'page' : undefined}
              title={`${VIEW_LABELS[v]} (${index + 1})`}
              onClick={choose(v)}
              data-testid={`view-${v}`}
            >
              {VIEW_LABELS[v]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
