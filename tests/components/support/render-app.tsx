import { act, render, type RenderResult } from '@testing-library/react'
import { App } from '../../../src/renderer/src/components/app'
import { createAppStore, type AppStore } from '../../../src/renderer/src/store/create-app-store'
import { StoreProvider } from '../../../src/renderer/src/store/store-context'
import type { SettingsStorage } from '../../../src/renderer/src/store/app-state'
import type { FakeClient } from './fake-client'

export function memoryStorage(): SettingsStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value)
  }
}

/** Renders the whole app over a fake client, the way main.tsx does, and waits for the first load. */
export async function renderApp(client: FakeClient): Promise<RenderResult & { store: AppStore }> {
  const store = createAppStore(client, { storage: memoryStorage() })
  const result = render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  )
  await act(() => store.getState().load())
  return Object.assign(result, { store })
}
