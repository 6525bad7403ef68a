import type { MouseEvent } from 'react'
import { LIBRARY_VIEWS, type LibraryView } from '../../../shared/types'
import { useAppStore } from '../store/store-context'
import { VIEW_LABELS } from './format'
import { SavedSearches } from './saved-searches'
import { SitesSection, TagsSection, ViewCount } from './sidebar-sections'

/**
 * The four views. They are navigation links rather than buttons: "Archive" the view must not share a role
 * and name with "Archive" the action on an article. Also reachable with the keys 1–4.
 */
export function Sidebar() {
  // A tag or site list is not the plain view it lives in.
  const view = useAppStore((s) => (s.tag === null && s.site === null ? s.view : null))
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
              aria-label={VIEW_LABELS[v]}
              aria-describedby={`count-${v}`}
              aria-current={view === v ? 'page' : undefined}
              title={`${VIEW_LABELS[v]} (${index + 1})`}
              onClick={choose(v)}
              data-testid={`view-${v}`}
            >
              {VIEW_LABELS[v]}
              <ViewCount id={`count-${v}`} view={v} />
            </a>
          </li>
        ))}
      </ul>
      <SavedSearches />
      <TagsSection />
      <SitesSection />
    </nav>
  )
}
