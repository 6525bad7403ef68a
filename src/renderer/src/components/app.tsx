import { useApplyTheme } from '../hooks/use-apply-theme'
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts'
import { useAppStore } from '../store/store-context'
import { ActionError } from './action-error'
import { AddUrlForm } from './add-url-form'
import { ArticleList } from './article-list'
import { FileDrop } from './file-drop'
import { ImportPanel } from './import-panel'
import { RecoveryNotice, UndoToast } from './library-notices'
import { ReaderView } from './reader-view'
import { SearchBox } from './search-box'
import { SearchResults } from './search-results'
import { ShortcutsDialog } from './shortcuts-dialog'
import { Sidebar } from './sidebar'
import { TagEditor } from './tag-editor'
import { ThemeToggle } from './theme-toggle'

/** Layout: a top bar to save URLs, bulk import progress, the views on the side, and the list or the reader. Files can be dropped anywhere. */
export function App() {
  const reading = useAppStore((s) => s.openId !== null)
  const searching = useAppStore((s) => s.searchQuery.trim() !== '')
  useApplyTheme()
  useKeyboardShortcuts()

  return (
    <FileDrop>
      <div className="app">
        <header className="top-bar">
          <span className="brand">Lectern</span>
          <AddUrlForm />
          <SearchBox />
          <ThemeToggle />
        </header>
        <ImportPanel />
        <div className="app-body">
          <Sidebar />
          <main className="main">
            <RecoveryNotice />
            <ActionError />
            <TagEditor />
            {reading ? <ReaderView /> : searching ? <SearchResults /> : <ArticleList />}
          </main>
        </div>
        <UndoToast />
        <ShortcutsDialog />
      </div>
    </FileDrop>
  )
}
