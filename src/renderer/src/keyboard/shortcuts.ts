import { LIBRARY_VIEWS, type ArticleMeta } from '../../../shared/types'
import type { AppState } from '../store/app-state'
import { findLoaded } from '../store/library-rows'
import type { AppStore } from '../store/create-app-store'
import type { ReaderControls } from './reader-controls'

/** Where a key was pressed: the list of articles, the search results, or the reader with one article open. */
export type ShortcutContext = 'list' | 'reader' | 'search'

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
  search?: Run
}

/** The article a key acts on: the selection in the list, the open article in the reader. */
function target(state: AppState, context: ShortcutContext): ArticleMeta | null {
  if (context === 'reader') {
    if (state.content && state.content.meta.id === state.openId) return state.content.meta
    return findLoaded(state.rows, state.openId) ?? null
  }
  return findLoaded(state.rows, state.selectedId) ?? null
}

/**
 * In the list, a key acts on the ticked articles when there are any (bulk), else on the cursor's article.
 * `every` tells whether all loaded ticked articles already have a property (so `a` unarchives them, ...).
 */
const orMarked =
  (
    one: Run,
    many: (state: AppState, ids: string[], every: (test: (a: ArticleMeta) => boolean) => boolean) => void
  ): Run =>
  (env) => {
    const ids = [...env.state.markedIds]
    if (ids.length === 0) return one(env)
    const loaded = ids.map((id) => findLoaded(env.state.rows, id)).filter((a): a is ArticleMeta => a !== undefined)
    many(env.state, ids, (test) => loaded.length > 0 && loaded.every(test))
    return true
  }

/** Same handler in both contexts, acting on that context's article. */
const onArticle = (action: (state: AppState, article: ArticleMeta) => void): { list: Run; reader: Run } => {
  const run =
    (context: ShortcutContext): Run =>
    ({ state }) => {
      const article = target(state, context)
      if (!article) return false
      action(state, article)
      return true
    }
  return { list: run('list'), reader: run('reader') }
}

const both = (run: Run): { list: Run; reader: Run; search: Run } => ({ list: run, reader: run, search: run })

/** Opens the hit under the cursor in the search results. */
const openSearchHit: Run = ({ state }) => {
  const id = state.searchSelectedId ?? state.searchResult?.hits[0]?.id
  if (!id) return false
  void state.openSearchHit(id)
  return true
}

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
    help: { list: 'Next article', reader: 'Scroll down', search: 'Next result' },
    list: ({ state }) => (state.moveSelection(1), true),
    search: ({ state }) => (state.moveSearchSelection(1), true),
    reader: ({ reader }) => (reader?.scrollLines(1), reader !== null)
  },
  {
    keys: ['k', 'ArrowUp'],
    help: { list: 'Previous article', reader: 'Scroll up', search: 'Previous result' },
    list: ({ state }) => (state.moveSelection(-1), true),
    search: ({ state }) => (state.moveSearchSelection(-1), true),
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
    help: { list: 'Open the selected article', search: 'Open the selected result at its first match' },
    list: ({ state }) => {
      const article = target(state, 'list')
      if (!article) return false
      void state.open(article.id)
      return true
    },
    search: openSearchHit
  },
  {
    keys: ['o'],
    help: { list: 'Open the selected article', reader: 'Open the original page', search: 'Open the selected result' },
    search: openSearchHit,
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
    help: {
      list: 'Cancel a delete, or untick all',
      reader: 'Back to the list (or the search results)',
      search: 'Clear the search'
    },
    search: ({ state }) => (state.clearSearch(), true),
    list: ({ state }) => {
      if (state.confirmDeleteId !== null) state.cancelDelete()
      else if (state.markedIds.size > 0) state.clearMarks()
      else return false
      return true
    },
    reader: ({ state }) => {
      if (state.confirmDeleteId !== null) state.cancelDelete()
      else state.close()
      return true
    }
  },
  {
    keys: ['/'],
    help: { list: 'Search', reader: 'Search', search: 'Back to the search box' },
    ...both(({ state }) => (state.requestSearchFocus(), true))
  },
  {
    keys: ['+', '='],
    help: { list: 'Larger text', reader: 'Larger text', search: 'Larger text' },
    ...both(({ state }) => (state.stepFontSize(1), true))
  },
  {
    keys: ['-'],
    help: { list: 'Smaller text', reader: 'Smaller text', search: 'Smaller text' },
    ...both(({ state }) => (state.stepFontSize(-1), true))
  },
  {
    keys: ['T'],
    help: { list: 'Change theme', reader: 'Change theme', search: 'Change theme' },
    ...both(({ state }) => (state.cycleTheme(), true))
  },
  {
    keys: ['t'],
    help: { list: 'Edit tags (of the ticked articles, if any)', reader: 'Edit tags' },
    ...onArticle((state, article) => state.openTagEditor([article.id])),
    list: orMarked(onArticle((state, article) => state.openTagEditor([article.id])).list, (state, ids) =>
      state.openTagEditor(ids)
    )
  },
  {
    keys: ['a'],
    help: { list: 'Archive / unarchive (the ticked articles, if any)', reader: 'Archive / unarchive' },
    ...onArticle((state, article) => void state.archive(article.id, article.state !== 'archived')),
    list: orMarked(
      onArticle((state, article) => void state.archive(article.id, article.state !== 'archived')).list,
      (state, ids, every) => void state.archiveMany(ids, !every((a) => a.state === 'archived'))
    )
  },
  {
    keys: ['f'],
    help: { list: 'Favorite / unfavorite (the ticked articles, if any)', reader: 'Favorite / unfavorite' },
    ...onArticle((state, article) => void state.favorite(article.id, !article.favorite)),
    list: orMarked(
      onArticle((state, article) => void state.favorite(article.id, !article.favorite)).list,
      (state, ids, every) => void state.favoriteMany(ids, !every((a) => a.favorite))
    )
  },
  {
    keys: ['#', 'Delete'],
    help: { list: 'Delete (asks first; ticked articles at once), undoable', reader: 'Delete (asks first), undoable' },
    ...onArticle((state, article) => state.requestDelete(article.id)),
    list: orMarked(
      onArticle((state, article) => state.requestDelete(article.id)).list,
      (state, ids) => void state.deleteMany(ids)
    )
  },
  {
    keys: ['x'],
    help: { list: 'Tick / untick the article (for bulk actions)' },
    list: ({ state }) => {
      const article = target(state, 'list')
      if (!article) return false
      state.toggleMark(article.id)
      return true
    }
  },
  {
    keys: ['Home'],
    help: { list: 'First article' },
    list: ({ state }) => (state.moveTo(0), state.total > 0)
  },
  {
    keys: ['End'],
    help: { list: 'Last article' },
    list: ({ state }) => (state.moveTo(state.total - 1), state.total > 0)
  },
  {
    keys: ['Mod+z'],
    help: { list: 'Undo the last delete', reader: 'Undo the last delete' },
    ...both(({ state }) => {
      if (!state.undo) return false
      void state.undoDelete()
      return true
    })
  },
  {
    keys: ['?'],
    help: { list: 'Show these shortcuts', reader: 'Show these shortcuts', search: 'Show these shortcuts' },
    ...both(({ state }) => (state.setShortcutsOpen(!state.shortcutsOpen), true))
  },
  {
    keys: ['1', '2', '3', '4'],
    help: {
      list: 'Inbox, Favorites, Archive, All',
      reader: 'Inbox, Favorites, Archive, All',
      search: 'Inbox, Favorites, Archive, All'
    },
    ...both(({ state, event }) => {
      const view = LIBRARY_VIEWS[Number(event.key) - 1]
      if (!view) return false
      state.clearSearch()
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

const BY_KEY = new Map<string, Shortcut>(
  SHORTCUTS.flatMap((shortcut) => shortcut.keys.map((key) => [key, shortcut] as const))
)

/** Typing a URL must never archive or delete anything: text fields keep every key. Works across frames. */
function isTextEntry(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (!element || element.nodeType !== 1) return false
  // A ticked checkbox keeps focus after a click; j/k/x must still work from it.
  if (
    element.tagName === 'INPUT' &&
    ['checkbox', 'radio', 'button', 'submit', 'reset'].includes((element as HTMLInputElement).type)
  )
    return false
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
  // The shortcuts dialog is modal: ? and Escape close it, other keys wait.
  if (state.shortcutsOpen) {
    if (name !== 'Escape' && name !== '?') return false
    state.setShortcutsOpen(false)
    event.preventDefault()
    return true
  }
  const context: ShortcutContext =
    state.openId !== null ? 'reader' : state.searchQuery.trim() !== '' ? 'search' : 'list'
  const run = shortcut[context]
  const used = run ? run({ store, state, reader: store.reader.current, event }) : false
  // Stop arrows and space from also scrolling, and Enter from reaching anything else.
  if (used) event.preventDefault()
  return used
}
