import { app, BrowserWindow, dialog, ipcMain, protocol } from 'electron'
import { createCore, type LecternCore } from '../core/create-core'
import { handleAssetProtocol, registerAssetScheme } from './asset-protocol'
import { openExternalChecked } from './external-links'
import { registerIpc, trustedSenderCheck } from './ipc'
import { isOurRendererUrl, rendererLocation } from './renderer-location'
import { createWindow, guardWebContents } from './window'

// Both of these must happen before 'ready': Chromium fixes its privileged schemes and its sandbox policy
// while it starts. registerAssetScheme is what lets <img src="lectern://articles/..."> load at all.
registerAssetScheme(protocol)
app.enableSandbox()

const location = rendererLocation(process.env, app.isPackaged)
/** How long after start the search index opens (see CoreOptions.openSearchAfterMs). */
const SEARCH_WARM_UP_MS = 2000
const isOurs = (url: string): boolean => isOurRendererUrl(url, location)

let mainWindow: BrowserWindow | null = null
let corePromise: Promise<LecternCore> | null = null
let quitState: 'running' | 'closing' | 'closed' = 'running'

function openMainWindow(): void {
  mainWindow = createWindow({ location, openExternal: openExternalChecked })
  mainWindow.on('closed', () => {
    mainWindow = null
  })
}

async function start(): Promise<void> {
  // The same folder the CLI and the server use by default; LECTERN_DATA_DIR overrides it for all three.
  const dataDir = process.env.LECTERN_DATA_DIR || app.getPath('userData')
  // The search index opens a moment after the window's first list, not in its way.
  corePromise = createCore({ dataDir, openExternal: openExternalChecked, openSearchAfterMs: SEARCH_WARM_UP_MS })
  const core = await corePromise
  if (quitState !== 'running') return // the user quit while the library was opening
  // Protocol and IPC before the window, so its first requests find their handlers.
  handleAssetProtocol(protocol, core.dataDir)
  registerIpc(ipcMain, core, trustedSenderCheck(isOurs))
  openMainWindow()
}

// One app per user data dir: a second launch only brings the first window forward. (The core also holds
// a lock file on the data dir, which covers the CLI and server too.)
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  })

  // Every web contents the app ever creates gets the same rules: no webviews, no new windows, no
  // navigating away from our renderer. The main window adds its external-link opener on top.
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { isOurRendererUrl: isOurs })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open reopens one (once the core is up).
    if (BrowserWindow.getAllWindows().length === 0 && corePromise) {
      corePromise.then(openMainWindow, () => undefined)
    }
  })

  // Pending writes must reach the disk before the process ends: hold the quit once, close the core
  // (flush + release the data-dir lock), then quit for real.
  app.on('before-quit', (event) => {
    if (quitState === 'closed' || corePromise === null) return
    event.preventDefault()
    if (quitState === 'closing') return
    quitState = 'closing'
    corePromise
      .then((core) => core.close())
      .catch((error: unknown) => console.error('lectern: closing the library failed', error))
      .finally(() => {
        quitState = 'closed'
        app.quit()
      })
  })

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Typically LIBRARY_IN_USE (another process owns the data dir) or an unreadable data dir.
      console.error('lectern: could not start', error)
      const message = error instanceof Error ? error.message : String(error)
      dialog.showErrorBox('Lectern could not open its library', message)
      app.exit(1)
    })
}
