import { contextBridge, ipcRenderer } from 'electron'
import { buildBridge } from './bridge'

export { buildBridge } from './bridge'

// The page sees exactly the contract's functions plus `on`: never ipcRenderer, never an IPC event.
contextBridge.exposeInMainWorld('lectern', buildBridge(ipcRenderer))
