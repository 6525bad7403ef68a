import { useEffect } from 'react'
import { LIBRARY_VIEWS } from '../../../shared/types'
import type { AppState } from '../store/app-state'
import type { AppStore } from '../store/create-app-store'
import { useStoreApi } from '../store/store-context'

/** Typing a URL must never archive or delete anything: text fields keep every key. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** Buttons and links handle Enter/Space themselves; a second, global reaction would double the action. */
function activatesNatively(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a[href], [role="button"]') !== null
}

function selectedArticle(state: AppState) {
  return state.articles.find((a) => a.id === state.selectedId) ?? null
}

/** Returns true when the key was used. */
function handleListKey(state: AppState, event: KeyboardEvent): boolean {
  const article = selectedArticle(state)
  switch (event.key) {
    case 'j':
    case 'ArrowDown':
      state.moveSelection(1)
      return true
    case 'k':
    case 'ArrowUp':
      state.moveSelection(-1)
      return true
    case 'Enter':
      if (activatesNatively(event.target) || !article) return false
      void state.open(article.id)
      return true
    case 'o':
      if (!article) return false
      void state.open(article.id)
      return true
    case 'Escape':
      if (state.confirmDeleteId === null) return false
      state.cancelDelete()
      return true
  }
  return article ? handleArticleKey(state, event.key, article.id) : false
}

/** a / f / # / Delete act on one article, in the list (the selection) or the reader (the open one). */
function handleArticleKey(state: AppState, key: string, id: string): boolean {
  const article = state.articles.find((a) => a.id === id) ?? (state.content?.meta.id === id ? state.content.meta : null)
  if (!article) return false
  switch (key) {
    case 'a':
      void state.archive(id, article.state !== 'archived')
      return true
    case 'f':
      void state.favorite(id, !article.favorite)
      return true
    case '#':
    case 'Delete':
      state.requestDelete(id)
      return true
  }
  return false
}

function handleReaderKey(state: AppState, event: KeyboardEvent, openId: string): boolean {
  if (event.key === 'Escape') {
    if (state.confirmDeleteId !== null) state.cancelDelete()
    else state.close()
    return true
  }
  return handleArticleKey(state, event.key, openId)
}

function onKey(store: AppStore, event: KeyboardEvent): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
  if (isTextEntry(event.target)) return
  const state = store.getState()
  const view = /^[1-4]$/.test(event.key) ? LIBRARY_VIEWS[Number(event.key) - 1] : undefined
  let used: boolean
  if (view) {
    void state.setView(view)
    used = true
  } else if (state.openId !== null) {
    used = handleReaderKey(state, event, state.openId)
  } else {
    used = handleListKey(state, event)
  }
  // Stop arrows from also scrolling the page, and Enter from reaching anything else.
  if (used) event.preventDefault()
}

/** The keyboard path for every list and reader action, on the window so it works wherever focus is. */
export function useKeyboardShortcuts(): void {
  const store = useStoreApi()
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(store, event)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [store])
}
