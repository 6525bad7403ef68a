import { useState, type ClipboardEvent, type FormEvent } from 'react'
import { splitUrls } from '../store/split-urls'
import { useAppStore } from '../store/store-context'

/** The one way in: paste a URL, press Enter. On failure the text stays so the user can correct it. */
export function AddUrlForm() {
  const [url, setUrl] = useState('')
  const status = useAppStore((s) => s.importStatus)
  const error = useAppStore((s) => s.importError)
  const message = useAppStore((s) => s.importMessage)
  const addUrl = useAppStore((s) => s.addUrl)
  const startBulk = useAppStore((s) => s.startBulk)
  const saving = status === 'saving'

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    const urls = splitUrls(url)
    const saving = urls.length > 1 ? startBulk(urls) : addUrl(url)
    void saving.then((saved) => {
      if (saved) setUrl('')
    })
  }

  // A pasted list (a line per address, as copied from a document or another app) becomes a bulk import
  // at once: a one-line text field would otherwise glue the lines together.
  const onPaste = (event: ClipboardEvent<HTMLInputElement>): void => {
    const urls = splitUrls(event.clipboardData.getData('text'))
    if (urls.length < 2) return
    event.preventDefault()
    void startBulk(urls)
  }

  return (
    // noValidate + type="text": our own (server-side) checks give better messages than the browser's bubble.
    <form className="add-url" aria-label="Save an article" onSubmit={onSubmit} noValidate>
      <div className="add-url-row">
        <input
          className="text-field"
          type="text"
          inputMode="url"
          name="url"
          aria-label="Article URL"
          placeholder="Paste an article URL (or a list of them) and press Enter"
          autoComplete="off"
          spellCheck={false}
          value={url}
          readOnly={saving}
          aria-invalid={status === 'error' ? true : undefined}
          aria-describedby={status === 'error' ? 'add-url-error' : undefined}
          onChange={(event) => setUrl(event.target.value)}
          onPaste={onPaste}
          // Text fields keep every key, so Escape is the way out to the list's shortcuts.
          onKeyDown={(event) => {
            if (event.key === 'Escape') event.currentTarget.blur()
          }}
          data-testid="add-url-input"
        />
        <button type="submit" disabled={saving} data-testid="add-url-submit">
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      {/* Always mounted so screen readers announce the message when it appears. */}
      <p role="status" className="add-url-status" data-testid="import-status">
        {status === 'done' ? message : ''}
      </p>
      {status === 'error' && error && (
        <p role="alert" id="add-url-error" className="add-url-error" data-testid="import-error">
          {error.message}
        </p>
      )}
    </form>
  )
}
