import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type MouseEvent } from 'react'
import type { LibraryCounts, LibraryView } from '../../../shared/types'
import { useAppStore } from '../store/store-context'
import { normalizeTag } from '../../../shared/tags'

const NO_TAGS: LibraryCounts['tags'] = []
const NO_SITES: LibraryCounts['sites'] = []
/** Sites shown before "Show all": the ones with the most articles. */
const TOP_SITES = 8

/** The number next to a view; outside the link's name (aria-label), read as its description. */
export function ViewCount({ id, view }: { id: string; view: LibraryView }) {
  const count = useAppStore((s) => s.counts?.[view])
  if (count === undefined) return null
  return (
    <span className="count" id={id} data-testid={`count-${view}`}>
      {count.toLocaleString()}
    </span>
  )
}

const follow = (action: () => void) => (event: MouseEvent<HTMLAnchorElement>) => {
  event.preventDefault()
  action()
}

/** Every tag as a view of its own, with its count; each can be renamed, or merged into another. */
export function TagsSection() {
  const tags = useAppStore((s) => s.counts?.tags ?? NO_TAGS)
  const current = useAppStore((s) => s.tag)
  const showTag = useAppStore((s) => s.showTag)
  const [editing, setEditing] = useState<string | null>(null)

  return (
    <section className="library-section" aria-labelledby="tags-heading" data-testid="tags-section">
      <h2 id="tags-heading" className="library-heading">
        Tags
      </h2>
      {tags.length === 0 ? (
        <p className="library-empty">Press t on an article to tag it.</p>
      ) : (
        <ul aria-label="Tags">
          {tags.map(({ tag, count }, index) =>
            editing === tag ? (
              <li key={tag}>
                <RenameTagForm tag={tag} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={tag} className="section-row">
                <a
                  href={`#tag-${encodeURIComponent(tag)}`}
                  className="view-link"
                  aria-label={tag}
                  aria-describedby={`count-tag-${index}`}
                  aria-current={current === tag ? 'page' : undefined}
                  onClick={follow(() => void showTag(tag))}
                  data-testid="tag-link"
                >
                  <span className="section-name">#{tag}</span>
                  <span className="count" id={`count-tag-${index}`}>
                    {count.toLocaleString()}
                  </span>
                </a>
                <button
                  type="button"
                  className="row-tool"
                  aria-label={`Rename tag ${tag}`}
                  title="Rename, or merge into another tag"
                  onClick={() => setEditing(tag)}
                  data-testid="tag-rename"
                >
                  ✎
                </button>
              </li>
            )
          )}
        </ul>
      )}
    </section>
  )
}

/** Renames a tag in place; a name that is already a tag merges the two (the button says so). */
function RenameTagForm({ tag, onDone }: { tag: string; onDone: () => void }) {
  const tags = useAppStore((s) => s.counts?.tags ?? NO_TAGS)
  const renameTag = useAppStore((s) => s.renameTag)
  const [name, setName] = useState(tag)
  const input = useRef<HTMLInputElement>(null)
  const target = normalizeTag(name)
  const merging = target !== tag && tags.some((t) => t.tag === target)

  useEffect(() => {
    input.current?.select()
  }, [])

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (target === '' || target === tag) return onDone()
    if (await renameTag(tag, target)) onDone()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onDone()
    }
  }

  return (
    <form
      className="rename-tag"
      onSubmit={(event) => void submit(event)}
      aria-label={`Rename tag ${tag}`}
      data-testid="rename-tag-form"
    >
      <input
        ref={input}
        value={name}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={onKeyDown}
        list="rename-tag-suggestions"
        aria-label={`New name for tag ${tag}`}
        maxLength={100}
      />
      <datalist id="rename-tag-suggestions">
        {tags
          .filter((t) => t.tag !== tag)
          .map((t) => (
            <option key={t.tag} value={t.tag} />
          ))}
      </datalist>
      <button type="submit" disabled={target === ''}>
        {merging ? 'Merge' : 'Rename'}
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  )
}

/** The sites with the most articles (all of them on request), each a view. */
export function SitesSection() {
  const sites = useAppStore((s) => s.counts?.sites ?? NO_SITES)
  const current = useAppStore((s) => s.site)
  const showSite = useAppStore((s) => s.showSite)
  const [all, setAll] = useState(false)
  if (sites.length === 0) return null
  const ranked = [...sites].sort((a, b) => b.count - a.count || (a.site < b.site ? -1 : 1))
  const shown = all ? ranked : ranked.slice(0, TOP_SITES)

  return (
    <section className="library-section" aria-labelledby="sites-heading" data-testid="sites-section">
      <h2 id="sites-heading" className="library-heading">
        Sites
      </h2>
      <ul aria-label="Sites">
        {shown.map(({ site, count }, index) => (
          <li key={site}>
            <a
              href={`#site-${encodeURIComponent(site)}`}
              className="view-link section-row"
              aria-label={site}
              aria-describedby={`count-site-${index}`}
              aria-current={current === site ? 'page' : undefined}
              onClick={follow(() => void showSite(site))}
              data-testid="site-link"
            >
              <span className="section-name">{site}</span>
              <span className="count" id={`count-site-${index}`}>
                {count.toLocaleString()}
              </span>
            </a>
          </li>
        ))}
      </ul>
      {ranked.length > TOP_SITES && (
        <button type="button" className="show-all" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? 'Show fewer sites' : `Show all ${ranked.length} sites`}
        </button>
      )}
    </section>
  )
}
