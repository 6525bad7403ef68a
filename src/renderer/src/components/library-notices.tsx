import { useEffect, useState } from 'react'
import { useAppStore } from '../store/store-context'
import { articlesCount } from './format'

/** After a delete: "Deleted N articles. Undo" for as long as the core keeps them (its undo window). */
export function UndoToast() {
  const undo = useAppStore((s) => s.undo)
  const undoDelete = useAppStore((s) => s.undoDelete)
  const dismiss = useAppStore((s) => s.dismissUndo)
  const seconds = useSecondsLeft(undo?.until ?? null)
  if (!undo) return null
  return (
    <div className="toast" role="status" data-testid="undo-toast">
      <span>
        Deleted {articlesCount(undo.count)}.{seconds !== null && <span className="toast-time"> ({seconds} s)</span>}
      </span>
      <button
        type="button"
        onClick={() => void undoDelete()}
        title="Bring them back (Ctrl+Z)"
        data-testid="undo-delete"
      >
        Undo
      </button>
      <button type="button" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  )
}

/** Seconds until `until` (ms since the epoch), ticking once a second; null when there is no deadline. */
function useSecondsLeft(until: number | null): number | null {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (until === null) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [until])
  return until === null ? null : Math.max(0, Math.ceil((until - now) / 1000))
}

/** A library file was damaged at start: what happened, what was restored, where the bad file is. */
export function RecoveryNotice() {
  const recovery = useAppStore((s) => s.recovery)
  const dismiss = useAppStore((s) => s.dismissRecovery)
  if (recovery.length === 0) return null
  return (
    <div role="alert" className="notice notice-warning recovery-notice" data-testid="recovery-notice">
      <div className="recovery-body">
        <strong>Your library was repaired when it opened.</strong>
        <ul>
          {recovery.map((notice) => (
            <li key={notice.file}>
              {notice.message}{' '}
              {notice.movedTo ? (
                <>
                  The damaged file <code>{notice.file}</code> was moved to{' '}
                  <code data-testid="recovery-path">{notice.movedTo}</code>.
                </>
              ) : (
                <>
                  The file was <code data-testid="recovery-path">{notice.file}</code>.
                </>
              )}
              {notice.restoredFrom && (
                <>
                  {' '}
                  It was restored from the backup <code>{notice.restoredFrom}</code>.
                </>
              )}
              {notice.lost && ' Some recent changes could not be recovered.'}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" aria-label="Dismiss the repair notice" onClick={dismiss}>
        ×
      </button>
    </div>
  )
}
