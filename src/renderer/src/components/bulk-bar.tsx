import { useAppStore } from '../store/store-context'
import { articlesCount } from './format'

/** Shown while articles are ticked: what can be done to all of them at once. */
export function BulkBar() {
  const marked = useAppStore((s) => s.markedIds)
  const inArchive = useAppStore((s) => s.view === 'archive')
  const archiveMany = useAppStore((s) => s.archiveMany)
  const favoriteMany = useAppStore((s) => s.favoriteMany)
  const deleteMany = useAppStore((s) => s.deleteMany)
  const openTagEditor = useAppStore((s) => s.openTagEditor)
  const clearMarks = useAppStore((s) => s.clearMarks)
  if (marked.size === 0) return null
  const ids = [...marked]

  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected articles" data-testid="bulk-bar">
      <span className="bulk-count" data-testid="bulk-count">
        {articlesCount(ids.length)} selected
      </span>
      <button type="button" onClick={() => void archiveMany(ids, !inArchive)} data-testid="bulk-archive">
        {inArchive ? 'Unarchive selected' : 'Archive selected'}
      </button>
      <button type="button" onClick={() => void favoriteMany(ids, true)} data-testid="bulk-favorite">
        Favorite selected
      </button>
      <button type="button" onClick={() => openTagEditor(ids)} data-testid="bulk-tag">
        Tag selected…
      </button>
      <button type="button" className="danger" onClick={() => void deleteMany(ids)} data-testid="bulk-delete">
        Delete selected
      </button>
      <button type="button" onClick={clearMarks} title="Untick all (Esc)" data-testid="bulk-clear">
        Clear selection
      </button>
    </div>
  )
}
