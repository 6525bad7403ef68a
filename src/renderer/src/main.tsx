import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createClient } from './api/create-client'
import { App } from './components/app'
import { createAppStore } from './store/create-app-store'
import { StoreProvider } from './store/store-context'
import './styles.css'

const client = createClient()
const store = createAppStore(client)
// Set the theme before the first paint so a dark-theme user never sees a white flash.
document.documentElement.dataset.theme = store.getState().theme

const root = document.getElementById('root')
if (!root) throw new Error('Lectern: #root is missing from index.html')
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>
)
void store.getState().load()
