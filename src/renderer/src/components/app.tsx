import { useApplyTheme } from '../hooks/use-apply-theme'
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts'
import { useAppStore } from '../store/store-context'
import { ActionError } from './action-error'
import { AddUrlForm } from './add-url-form'
import { ArticleList } from './article-list'
import { ReaderView } from './reader-view'
import { Sidebar } from './sidebar'
import { ThemeToggle } from './theme-toggle'

/** Layout: a top bar to save URLs, the views on the side, and either the list or the reader. */
export function App() {
  const reading = useAppStore((s) => s.openId !== null)
  useApplyTheme()
  useKeyboardShortcuts()

  return (
    <div className="app">
      <header className="top-bar">
        <span className="brand">Lectern</span>
        <AddUrlForm />
        <ThemeToggle />
      </header>
      <div className="app-body">
        <Sidebar />
        <main className="main">
          <ActionError />
          {reading ? <ReaderView /> : <ArticleList />}
        </main>
      </div>
    </div>
  )
}
