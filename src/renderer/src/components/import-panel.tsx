import type { ImportProgress } from '../../../shared/types'
import { useAppStore } from '../store/store-context'

/** A bulk import: a progress bar with counts and Cancel while it runs; a summary, failures and Retry after. */
export function ImportPanel() {
  const bulk = useAppStore((s) => s.bulk)
  const cancel = useAppStore((s) => s.cancelBulk)
  const retry = useAppStore((s) => s.retryFailed)
  const dismiss = useAppStore((s) => s.dismissBulk)
  if (!bulk) return null
  const failures = bulk.items.filter((item) => item.status === 'failed')

  return (
    <section className="import-panel" aria-label="Import" data-testid="import-panel">
      <div className="import-head">
        <progress
          value={bulk.done}
          max={Math.max(1, bulk.total)}
          aria-label="Import progress"
          data-testid="import-progress"
        />
        <p role="status" className="import-counts" data-testid="import-counts">
          {summary(bulk)}
        </p>
        {bulk.finished ? (
          <>
            {failures.length > 0 && (
              <button type="button" onClick={() => void retry()} data-testid="import-retry">
                Retry failed ({failures.length})
              </button>
            )}
            <button type="button" onClick={dismiss} data-testid="import-dismiss">
              Dismiss
            </button>
          </>
        ) : (
          <button type="button" onClick={() => void cancel()} data-testid="import-cancel">
            Cancel
          </button>
        )}
      </div>
      {failures.length > 0 && (
        <ul className="import-failures" aria-label="Failed addresses" data-testid="import-failures">
          {failures.map((item) => (
            <li key={item.url}>
              <span className="import-failed-url">{item.url}</span>{' '}
              <span className="import-failed-why">{item.error?.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function summary(bulk: ImportProgress): string {
  const parts = [`${bulk.saved} saved`]
  if (bulk.existing) parts.push(`${bulk.existing} already in your library`)
  if (bulk.failed) parts.push(`${bulk.failed} failed`)
  if (bulk.cancelled) parts.push(`${bulk.cancelled} cancelled`)
  return bulk.finished
    ? `Import finished: ${parts.join(', ')} (of ${bulk.total}).`
    : `Saving ${bulk.done} of ${bulk.total}… ${parts.join(', ')}.`
}
