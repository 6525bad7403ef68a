import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { LecternClient } from '../api/lectern-client'
import type { AppState } from './app-state'
import type { AppStore } from './create-app-store'

const StoreContext = createContext<AppStore | null>(null)

/** Makes one store (and its client) available to the tree; each test renders its own. */
export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export function useStoreApi(): AppStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useAppStore must be used inside <StoreProvider>')
  return store
}

/** Reads a slice of state; pick single values (or stable references) so renders stay minimal. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useStoreApi(), selector)
}

export function useClient(): LecternClient {
  return useStoreApi().client
}
