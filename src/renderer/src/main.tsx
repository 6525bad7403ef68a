import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// The dyslexia-friendly face, bundled with the app (never fetched from the network); the reader header uses it.
import '@fontsource/opendyslexic/400.css'
import '@fontsource/opendyslexic/700.css'
import { createClient } from './api/create-client'
import { App } from './components/app'
import { createAppStore } from './store/create-app-store'
import { StoreProvider } from './store/store-context'
import './styles.css'

const client = createClient()
const store = createAppStore(client)

const root = document.getElementById('root')
if (!root) throw new Error('Lectern: #root is missing from index.html')
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>
)
void store.getState().loadSettings()
void store.getState().load()
void store.getState().loadCounts()
void store.getState().loadLibraryStatus()
// While those answers are on their way: the first toLocaleString (the list's and the sidebar's counts) sets
// up number formatting, 30-50 ms in Chromium, which would otherwise be spent once the first page is here.
;(0).toLocaleString()
