import { BrowserWindow, type Session, type WebContents } from 'electron'
import { isSafeExternalUrl } from '../shared/external-url'
import { PRELOAD_PATH, isOurRendererUrl, type RendererLocation } from './renderer-location'

export interface WindowOptions {
  location: RendererLocation
  /** The checked opener (openExternalChecked); links from window.open / target=_blank go through it. */
  openExternal: (url: string) => Promise<unknown>
  /** Overridable for tests; the built preload by default. */
  preloadPath?: string
}

export interface GuardOptions {
  isOurRendererUrl: (url: string) => boolean
  /** When given, a window.open of a safe link opens it in the system browser (still denied in-app). */
  openExternal?: (url: string) => Promise<unknown>
}

// Frames inside our page (the reading view's sandboxed iframe) may load these, nothing from the network.
const LOCAL_SUBFRAME_URL = /^(about:blank|about:srcdoc|blob:)/

/**
 * The navigation rules for any web contents: no navigating away from our renderer, no new windows
 * (a safe link is handed to the system browser instead), no <webview>. Applied to every web contents the
 * app creates (index.ts, 'web-contents-created') and again to the main window with its external opener.
 */
export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  contents.on('will-navigate', (event) => {
    // A link or location change in the main frame would replace the app with a web page that could then
    // talk to our preload: only our own renderer (reload, dev-server HMR) may be loaded.
    if (!options.isOurRendererUrl(event.url)) event.preventDefault()
  })
  contents.on('will-frame-navigate', (event) => {
    // Sub-frames: the article iframe is filled from srcdoc; a link clicked inside it must not turn it into
    // a live web page. The renderer opens article links through api.openExternal instead.
    if (event.isMainFrame) return // handled by will-navigate above
    if (!LOCAL_SUBFRAME_URL.test(event.url) && !options.isOurRendererUrl(event.url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    const { openExternal } = options
    if (openExternal && isSafeExternalUrl(url)) {
      openExternal(url).catch((error: unknown) => console.error('lectern: could not open link', error))
    }
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** Lectern needs no camera, notifications, geolocation, ...: every permission is refused, asked or checked. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

/**
 * Creates the main window: isolated, sandboxed, no Node, web security on, our preload only. The
 * renderer's index.html carries its own CSP meta (file:// responses have no headers to put one in).
 */
export function createWindow(options: WindowOptions): BrowserWindow {
  const { location } = options
  // Electronegativity's AUXCLICK check asks for disableBlinkFeatures: 'Auxclick', because a middle click could
  // open a link in a new window. Here no new window can open (setWindowOpenHandler denies all; a safe link
  // goes to the system browser through the checked opener), and the reader cancels auxclick on article links
  // (reader/intercept-links.ts); switching the feature off would instead turn middle clicks into plain clicks.
  const win = /* eng-disable AUXCLICK_JS_CHECK */ new BrowserWindow({
    title: 'Lectern',
    width: 1200,
    height: 800,
    minWidth: 480,
    minHeight: 360,
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      // Electronegativity asks to review preloads: ours (src/preload) is sandboxed and exposes through
      // contextBridge only the contract's functions and `on`, never ipcRenderer or Node.
      preload: options.preloadPath ?? PRELOAD_PATH // eng-disable PRELOAD_JS_CHECK
    }
  })

  hardenSession(win.webContents.session)
  guardWebContents(win.webContents, {
    isOurRendererUrl: (url) => isOurRendererUrl(url, location),
    openExternal: options.openExternal
  })
  win.once('ready-to-show', () => win.show())

  const loaded = location.devUrl !== null ? win.loadURL(location.devUrl) : win.loadFile(location.indexHtml)
  loaded.catch((error: unknown) => console.error('lectern: the window could not load its page', error))
  return win
}
