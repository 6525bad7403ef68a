import { useAppStore } from '../store/store-context'

/** A failed archive/favorite/delete, shown until dismissed or the next action. */
export function ActionError() {
  const error = useAppStore((s) => s.actionError)
  const dismiss = useAppStore((s) => s.dismissActionError)
  if (!error) return null
  return (
    <div role="alert" className="notice notice-error" data-testid="action-error">
      <span>{error.message}</span>
      <button type="button" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  )
}
