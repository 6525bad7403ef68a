import { LIBRARY_VIEWS, type ArticleMeta } from '../../../shared/types'
import type { AppState } from '../store/app-state'
import type { AppStore } from '../store/create-app-store'
import type { ReaderControls } from './reader-controls'

/** Where a key was pressed: the list of articles, or the reader with one article open. */
export type ShortcutContext = 'list' | 'reader'

export interface ShortcutEnv {
  store: AppStore
  state: AppState
  reader: ReaderControls | null
  event: KeyboardEvent
}

/** A handler returns true when it used the key (the key's default action is then prevented). */
type Run = (env: ShortcutEnv) => boolean

export interface Shortcut {
  /** Key names as `keyName` spells them: 'j', 'ArrowDown', 'Space', 'Shift+Space', 'Mod+p', ... */
  keys: readonly string[]
  /** What it does in each context; absent = the key does nothing there. */
  help: Partial<Record<ShortcutContext, string>>
  list?: Run
  reader?: Run
}

/** The article a key acts on: the selection in the list, the open article in the reader. */
function target(state: AppState, context: ShortcutContext): ArticleMeta | null {
  if (context === 'reader') {
    if (state.content && state.content.meta.id === state.openId) return state.content.meta
    return state.articles.find((a) => a.id === state.openId) ?? null
  }
  return state.articles.find((a) => a.id === state.selectedId) ?? null
}

/** Same handler in both contexts, acting on that context's article. */
const onArticle =
  (action: (state: AppState, article: ArticleMeta) => void): { list: Run; reader: Run } => {
    const run = (context: ShortcutContext): Run => ({ state }) => {
      const article = target(state, context)
      if (!article) return false
      action(state, article)
      return true
    }
    return { list: run('list'), reader: run('reader') }
  }

const both = (run: Run): { list: Run; reader: Run } => ({ list: run, reader: run })

/** Buttons and links handle Enter themselves; a second, global reaction would double the action. */
function activatesNatively(target: EventTarget | null): boolean {
  const element = target as Element | null
  return element?.nodeType === 1 && element.closest('button, a[href], [role="button"], summary') !== null
}

/**
 * The one table of keyboard shortcuts, for the list and the reader alike (the reader's iframe forwards its
 * keys here too). README's keyboard section is this table.
 */
export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: ['j', 'ArrowDown'],
    help: { list: 'Next article', reader: 'Scroll down' },
    list: ({ state }) => (state.moveSelection(1), true),
    reader: ({ reader }) => (reader?.scrollLines(1), reader !== null)
  },
  {
    keys: ['k', 'ArrowUp'],
    help: { list: 'Previous article', reader: 'Scroll up' },
    list: ({ state }) => (state.moveSelection(-1), true),
    reader: ({ reader }) => (reader?.scrollLines(-1), reader !== null)
  },
  {
    keys: ['Space', 'PageDown'],
    help: { reader: 'Page down' },
    reader: ({ reader }) => (reader?.scrollPages(1), reader !== null)
  },
  {
    keys: ['Shift+Space', 'PageUp'],
    help: { reader: 'Page up' },
    reader: ({ reader }) => (reader?.scrollPages(-1), reader !== null)
  },
  {
    keys: ['n'],
    help: { reader: 'Next article in this view' },
    reader: ({ state }) => state.openAdjacent(1)
  },
  {
    keys: ['p'],
    help: { reader: 'Previous article in this view' },
    reader: ({ state }) => state.openAdjacent(-1)
  },
  {
    keys: ['Enter'],
    help: { list: 'Open the selected article' },
    list: ({ state }) => {
      const article = target(state, 'list')
      if (!article) return false
      void state.open(article.id)
      return true
    }
  },
  {
    keys: ['o'],
    help: { list: 'Open the selected article', reader: 'Open the original page' },
    list: ({ state }) => {
      const article = target(state, 'list')
      if (!article) return false
      void state.open(article.id)
      return true
    },
    reader: ({ state, store }) => {
      const article = target(state, 'reader')
      if (!article) return false
      void store.client.openExternal(article.canonicalUrl || article.url)
      return true
    }
  },
  {
    keys: ['Escape'],
    help: { list: 'Cancel a delete', reader: 'Back to the list' },
    list: ({ state }) => {
      if (state.confirmDeleteId === null) return false
      state.cancelDelete()
      return true
    },
    reader: ({ state }) => {
      if (state.confirmDeleteId !== null) state.cancelDelete()
      else state.close()
      return true
    }
  },
  { keys: ['+', '='], help: { list: 'Larger text', reader: 'Larger text' }, ...both(({ state }) => (state.stepFontSize(1), true)) },
  { keys: ['-'], help: { list: 'Smaller text', reader: 'Smaller text' }, ...both(({ state }) => (state.stepFontSize(-1), true)) },
  { keys: ['t'], help: { list: 'Change theme', reader: 'Change theme' }, ...both(({ state }) => (state.cycleTheme(), true)) },
  {
    keys: ['a'],
    help: { list: 'Archive / unarchive', reader: 'Archive / unarchive' },
    ...onArticle((state, article) => void state.archive(article.id, article.state !== 'archived'))
  },
  {
    keys: ['f'],
    help: { list: 'Favorite / unfavorite', reader: 'Favorite / unfavorite' },
    ...onArticle((state, article) => void state.favorite(article.id, !article.favorite))
  },
  {
    keys: ['#', 'Delete'],
    help: { list: 'Delete (asks first)', reader: 'Delete (asks first)' },
    ...onArticle((state, article) => state.requestDelete(article.id))
  },
  {
    keys: ['1', '2', '3', '4'],
    help: { list: 'Inbox, Favorites, Archive, All', reader: 'Inbox, Favorites, Archive, All' },
    ...both(({ state, event }) => {
      const view = LIBRARY_VIEWS[Number(event.key) - 1]
      if (!view) return false
      void state.setView(view)
      return true
    })
  },
  {
    keys: ['Mod+p'],
    help: { reader: 'Print the article' },
    reader: ({ reader }) => (reader?.print(), reader !== null)
  }
]

/** The name a key has in the table; null for chords the app leaves to the browser. */
export function keyName(event: KeyboardEvent): string | null {
  if (event.altKey) return null
  const base = event.key === ' ' ? 'Space' : event.key
  if (event.ctrlKey || event.metaKey) return `Mod+${base.toLowerCase()}`
  if (base === 'Space' && event.shiftKey) return 'Shift+Space'
  return base
}

const BY_KEY = new Map<string, Shortcut>(SHORTCUTS.flatMap((shortcut) => shortcut.keys.map((key) => [key, shortcut] as const)))

/** Typing a URL must never archive or delete anything: text fields keep every key. Works across frames. */
function isTextEntry(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (!element || element.nodeType !== 1) return false
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)
}

/** Runs the shortcut for a key press, from the app window or the reader frame. Returns true when used. */
export function handleShortcut(store: AppStore, event: KeyboardEvent): boolean {
  if (event.defaultPrevented || isTextEntry(event.target)) return false
  const name = keyName(event)
  const shortcut = name === null ? undefined : BY_KEY.get(name)
  if (!shortcut) return false
  // Space and Enter on a focused button or link press it, as everywhere else.
  if ((name === 'Space' || name === 'Enter') && activatesNatively(event.target)) return false
  const state = store.getState()
  const context: ShortcutContext = state.openId !== null ? 'reader' : 'list'
  const run = shortcut[context]
  const used = run ? run({ store, state, reader: store.reader.current, event }) : false
  // Stop arrows and space from also scrolling, and Enter from reaching anything else.
  if (used) event.preventDefault()
  return used
}
