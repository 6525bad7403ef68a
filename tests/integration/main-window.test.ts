import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => void
/** What the tests read back from the BrowserWindow constructor options. */
interface WindowOptionsSeen {
  title?: string
  webPreferences: Record<string, unknown>
}

// vi.mock is hoisted above the imports, so the fakes it returns are built in vi.hoisted.
const { FakeBrowserWindow, created, fakeWebContents, shell } = vi.hoisted(() => {
  /** A webContents that records listeners and handlers instead of running Chromium. */
  function fakeWebContents() {
    const listeners = new Map<string, Listener[]>()
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn()
    }
    const contents = {
      session,
      windowOpenHandler: null as null | ((details: { url: string }) => unknown),
      on: vi.fn((event: string, listener: Listener) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener])
        return contents
      }),
      setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => unknown) => {
        contents.windowOpenHandler = handler
      }),
      emit(event: string, ...args: unknown[]) {
        for (const listener of listeners.get(event) ?? []) listener(...args)
      }
    }
    return contents
  }

  const created: Array<{ options: WindowOptionsSeen }> = []
  class FakeBrowserWindow {
    webContents = fakeWebContents()
    loadFile = vi.fn(async () => undefined)
    loadURL = vi.fn(async () => undefined)
    once = vi.fn()
    show = vi.fn()
    constructor(readonly options: WindowOptionsSeen) {
      created.push(this)
    }
  }

  const shell = { openExternal: vi.fn(async () => undefined) }
  return { FakeBrowserWindow, created, fakeWebContents, shell }
})
type FakeBrowserWindow = InstanceType<typeof FakeBrowserWindow>

// Never load the real 'electron' package here (its index.js would try to download the binary).
vi.mock('electron', () => ({ BrowserWindow: FakeBrowserWindow, shell }))

import { openExternalChecked } from '../../src/main/external-links'
import { rendererLocation } from '../../src/main/renderer-location'
import { createWindow, guardWebContents } from '../../src/main/window'

const INDEX_HTML = '/opt/lectern/out/renderer/index.html'
const OUR_URL = 'file:///opt/lectern/out/renderer/index.html'

function open(env: NodeJS.ProcessEnv = {}) {
  const win = createWindow({
    location: rendererLocation(env, false, INDEX_HTML),
    openExternal: openExternalChecked,
    preloadPath: '/opt/lectern/out/preload/index.cjs'
  }) as unknown as FakeBrowserWindow
  return win
}

function navigation(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() }
}

beforeEach(() => {
  created.length = 0
  shell.openExternal.mockClear()
})

describe('createWindow', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    const win = open()
    const prefs = win.options.webPreferences
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.preload).toBe('/opt/lectern/out/preload/index.cjs')
    expect(win.options.title).toBe('Lectern')
  })

  it('points at the built preload by default, next to out/main', () => {
    const win = createWindow({
      location: rendererLocation({}, false, INDEX_HTML),
      openExternal: openExternalChecked
    }) as unknown as FakeBrowserWindow
    expect(win.options.webPreferences.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/)
  })

  it('loads the built index.html, or the dev server in dev', () => {
    const built = open()
    expect(built.loadFile).toHaveBeenCalledWith(INDEX_HTML)
    expect(built.loadURL).not.toHaveBeenCalled()
    const dev = open({ ELECTRON_RENDERER_URL: 'http://localhost:5173' })
    expect(dev.loadURL).toHaveBeenCalledWith('http://localhost:5173/')
    expect(dev.loadFile).not.toHaveBeenCalled()
  })

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'file:///opt/lectern/out/renderer/other.html',
    'data:text/html,hi',
    'javascript:alert(1)',
    'lectern://articles/a/assets/x.png'
  ])('prevents will-navigate to %s', (url) => {
    const win = open()
    const event = navigation(url)
    win.webContents.emit('will-navigate', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('lets the window (re)load its own renderer', () => {
    const win = open()
    const event = navigation(`${OUR_URL}#/article/abc`)
    win.webContents.emit('will-navigate', event)
    expect(event.preventDefault).not.toHaveBeenCalled()
  })

  it('keeps sub-frames (the reading view) from loading web pages, but allows srcdoc', () => {
    const win = open()
    const web = navigation('https://example.com/', false)
    win.webContents.emit('will-frame-navigate', web)
    expect(web.preventDefault).toHaveBeenCalled()
    const srcdoc = navigation('about:srcdoc', false)
    win.webContents.emit('will-frame-navigate', srcdoc)
    expect(srcdoc.preventDefault).not.toHaveBeenCalled()
  })

  it('denies every new window and opens only safe links in the system browser', async () => {
    const win = open()
    const handler = win.webContents.windowOpenHandler!
    for (const url of ['https://example.com/a', 'http://example.org/', 'mailto:someone@example.com']) {
      expect(handler({ url })).toEqual({ action: 'deny' })
    }
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>1</script>',
      'lectern://articles/a/assets/x.png',
      'vbscript:x',
      'not a url',
      ''
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' })
    }
    await Promise.resolve()
    expect(shell.openExternal.mock.calls.map((call: unknown[]) => call[0])).toEqual([
      'https://example.com/a',
      'http://example.org/',
      'mailto:someone@example.com'
    ])
  })

  it('denies every permission request and check', () => {
    const win = open()
    const { session } = win.webContents
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void
    ) => void
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn()
      request(win.webContents, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean
    expect(check(win.webContents, 'media', 'file://', {})).toBe(false)
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean
    expect(device({})).toBe(false)
  })

  it('refuses to attach webviews', () => {
    const win = open()
    const event = { preventDefault: vi.fn() }
    win.webContents.emit('will-attach-webview', event, {}, {})
    expect(event.preventDefault).toHaveBeenCalled()
  })
})

describe('guardWebContents without an opener (any other web contents)', () => {
  it('denies window.open without opening anything', () => {
    const contents = fakeWebContents()
    guardWebContents(contents as never, { isOurRendererUrl: () => false })
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).not.toHaveBeenCalled()
  })
})

describe('openExternalChecked', () => {
  it.each(['https://example.com/', 'http://example.com/x?y=1', 'mailto:a@example.com'])('opens %s', async (url) => {
    await openExternalChecked(url)
    expect(shell.openExternal).toHaveBeenCalledWith(url)
  })

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,x',
    'smb://host/share',
    'lectern://articles/a',
    ''
  ])('refuses %s with FORBIDDEN', async (url) => {
    await expect(openExternalChecked(url)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(shell.openExternal).not.toHaveBeenCalled()
  })
})
