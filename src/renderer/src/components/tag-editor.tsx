import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { ArticleMeta } from '../../../shared/types'
import { findLoaded } from '../store/library-rows'
import { useAppStore } from '../store/store-context'
import { articlesCount } from './format'
import { normalizeTags } from '../../../shared/tags'

const NO_TAGS: { tag: string; count: number }[] = []

/** Tags for one article or for the ticked ones (t, or "Tag selected…"): add with suggestions, remove. */
export function TagEditor() {
  const ids = useAppStore((s) => s.tagEditorIds)
  if (!ids) return null
  return <TagEditorPanel key={ids.join(' ')} ids={ids} />
}

function TagEditorPanel({ ids }: { ids: string[] }) {
  const rows = useAppStore((s) => s.rows)
  const content = useAppStore((s) => s.content)
  const suggestions = useAppStore((s) => s.counts?.tags ?? NO_TAGS)
  const addTags = useAppStore((s) => s.addTags)
  const removeTags = useAppStore((s) => s.removeTags)
  const close = useAppStore((s) => s.closeTagEditor)
  const [text, setText] = useState('')
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    input.current?.focus()
  }, [])

  const articles = ids
    .map((id) => (content?.meta.id === id ? content.meta : findLoaded(rows, id)))
    .filter((a): a is ArticleMeta => a !== undefined)
  const current = [...new Set(articles.flatMap((a) => a.tags))].sort()
  const single = ids.length === 1 ? articles[0] : undefined
  const label = single ? `“${single.title}”` : articlesCount(ids.length)

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const tags = normalizeTags(text.split(','))
    if (tags.length === 0) return close()
    if (await addTags(ids, tags)) setText('')
  }

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      close()
    }
  }

  return (
    <section
      className="tag-editor"
      role="dialog"
      aria-label={`Tags for ${label}`}
      onKeyDown={onKeyDown}
      data-testid="tag-editor"
    >
      <h2 className="tag-editor-title">Tags for {label}</h2>
      {current.length > 0 && (
        <ul className="tag-chips" aria-label="Current tags">
          {current.map((tag) => (
            <li key={tag} className="tag-chip">
              #{tag}
              <button type="button" aria-label={`Remove tag ${tag}`} onClick={() => void removeTags(ids, [tag])}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void submit(event)} className="tag-editor-form">
        <input
          ref={input}
          value={text}
          onChange={(event) => setText(event.target.value)}
          list="tag-suggestions"
          aria-label="Add tags"
          placeholder="tag, another tag"
          maxLength={1000}
          data-testid="tag-input"
        />
        <datalist id="tag-suggestions">
          {suggestions.map((t) => (
            <option key={t.tag} value={t.tag} />
          ))}
        </datalist>
        <button type="submit">Add</button>
        <button type="button" onClick={close}>
          Done
        </button>
      </form>
    </section>
  )
}
