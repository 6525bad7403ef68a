import { useAppStore } from '../store/store-context'

/** A thin bar while the core loads or rebuilds the search index; gone once it is ready. */
export function IndexProgressBar() {
  const progress = useAppStore((s) => s.indexProgress)
  if (!progress) return null
  const label =
    progress.phase === 'loading'
      ? 'Loading search index…'
      : `${progress.phase === 'updating' ? 'Updating' : 'Building'} search index… ${progress.done} of ${progress.total}`
  return (
    <div className="index-progress" data-testid="index-progress">
      <progress
        value={progress.phase === 'loading' ? undefined : progress.done}
        max={Math.max(1, progress.total)}
        aria-label="Search index progress"
      />
      <span role="status" className="index-progress-label">
        {label}
      </span>
    </div>
  )
}
