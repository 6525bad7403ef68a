import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'

// Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), item by item,
// read from what the real main process does at start-up with electron mocked: the window's webPreferences,
// the session's handlers, the navigation and window-open rules, the IPC sender check, the protocols, the
// preload's bridge, the renderer's CSP. A regression of any item fails here. An item not met today is
// `it.fails` (it turns red the day it is met, to be flipped to `it`) or `it.todo`, so it stays visible.

type Listener = (...args: never[]) => unknown
type Call = { name: string; args: unknown[] }

const fx = vi.hoisted(() => {
  const log: string[] = []

  /**
   * An object with the given members that also records a call to any other method, so main can start using
   * a new session or protocol API (webRequest filters, a spellchecker URL, ...) without this file crashing,
   * and the checklist can see it.
   */
  function recorder<T extends object>(known: T, calls: Call[]): T & Record<string, (...args: unknown[]) => unknown> {
    return new Proxy(known, {
      get(target, prop, receiver) {
        if (prop in target || typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON')
          return Reflect.get(target, prop, receiver)
        return (...args: unknown[]) => {
          calls.push({ name: String(prop), args })
        }
      }
    }) as T & Record<string, (...args: unknown[]) => unknown>
  }

  function emitter() {
    const listeners = new Map<string, Listener[]>()
    return {
      listeners,
      on(event: string, listener: Listener) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener])
      },
      emit(event: string, ...args: unknown[]) {
        for (const listener of listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args)
      }
    }
  }

  const sessionCalls: Call[] = []
  const webRequestCalls: Call[] = []
  const session = recorder(
    {
      webRequest: recorder({}, webRequestCalls),
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn()
    },
    sessionCalls
  )

  function fakeWebContents() {
    const events = emitter()
    const calls: Call[] = []
    const known = {
      events,
      calls,
      session,
      windowOpenHandler: null as null | ((details: { url: string }) => unknown),
      on: vi.fn((event: string, listener: Listener) => events.on(event, listener)),
      setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => unknown) => {
        known.windowOpenHandler = handler
      })
    }
    return recorder(known, calls)
  }
  const contentsList: Array<ReturnType<typeof fakeWebContents>> = []
  const newContents = () => {
    const contents = fakeWebContents()
    contentsList.push(contents)
    return contents
  }

  const windows: Array<{
    options: { webPreferences: Record<string, unknown> }
    loadFile: ReturnType<typeof vi.fn>
    loadURL: ReturnType<typeof vi.fn>
  }> = []
  class FakeBrowserWindow {
    static getAllWindows = () => windows
    webContents = newContents()
    loadFile = vi.fn(async () => undefined)
    loadURL = vi.fn(async () => undefined)
    once = vi.fn()
    on = vi.fn()
    show = vi.fn()
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      windows.push(this as never)
    }
  }

  const appEvents = emitter()
  let becomeReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (becomeReady = resolve))
  const app = {
    isPackaged: false,
    on: vi.fn((event: string, listener: Listener) => appEvents.on(event, listener)),
    emit: (event: string, ...args: unknown[]) => appEvents.emit(event, ...args),
    whenReady: vi.fn(() => ready),
    requestSingleInstanceLock: vi.fn(() => true),
    enableSandbox: vi.fn(() => log.push('enableSandbox')),
    getPath: vi.fn(() => '/tmp/lectern-checklist-user-data'),
    quit: vi.fn(),
    exit: vi.fn()
  }

  const protocolCalls: Call[] = []
  const protocol = recorder(
    {
      registerSchemesAsPrivileged: vi.fn((_schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) =>
        log.push('registerSchemesAsPrivileged')
      ),
      handle: vi.fn((_scheme: string, _handler: unknown) => undefined)
    },
    protocolCalls
  )

  const core = { dataDir: '', handlers: {}, events: { on: vi.fn(() => () => undefined) }, close: vi.fn() }
  const exposed = new Map<string, unknown>()

  return {
    log,
    app,
    windows,
    contentsList,
    newContents,
    FakeBrowserWindow,
    session,
    sessionCalls,
    webRequestCalls,
    protocol,
    protocolCalls,
    becomeReady,
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    shell: { openExternal: vi.fn(async () => undefined) },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
    exposed,
    core,
    createCore: vi.fn(async (options: { dataDir: string }) => {
      core.dataDir = options.dataDir
      return core
    })
  }
})

// Never load the real 'electron' package here (its index.js would try to download the binary).
vi.mock('electron', () => ({
  app: fx.app,
  BrowserWindow: fx.FakeBrowserWindow,
  protocol: fx.protocol,
  session: { defaultSession: fx.session },
  ipcMain: fx.ipcMain,
  dialog: fx.dialog,
  shell: fx.shell,
  contextBridge: fx.contextBridge,
  ipcRenderer: fx.ipcRenderer
}))
vi.mock('../../src/core/create-core', () => ({ createCore: fx.createCore }))

import { METHOD_NAMES, ipcChannel } from '../../src/shared/contract-names'
import { openExternalChecked } from '../../src/main/external-links'
import { RENDERER_INDEX_HTML } from '../../src/main/renderer-location'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..')
/** The window's own page, as main computes it (next to the main bundle; under vitest, next to src/main). */
const ourUrl = () => pathToFileURL(RENDERER_INDEX_HTML).href

let prefs: Record<string, unknown>
let main: ReturnType<typeof fx.newContents>
let readyLog: string[]

beforeAll(async () => {
  delete process.env.ELECTRON_RENDERER_URL
  process.env.LECTERN_DATA_DIR = '/tmp/lectern-checklist-data'
  await import('../../src/main/index')
  readyLog = [...fx.log] // what happened before the app was ready
  fx.becomeReady()
  await vi.waitFor(() => expect(fx.windows).toHaveLength(1))
  prefs = fx.windows[0]!.options.webPreferences
  main = fx.contentsList[0]!
  await import('../../src/preload/index')
})

const navigation = (url: string, isMainFrame = true) => ({ url, isMainFrame, preventDefault: vi.fn() })
const FOREIGN = [
  'https://example.com/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'data:text/html,x',
  'javascript:alert(1)'
]

/** The renderer's CSP, from the <meta> in its index.html (file:// responses carry no headers). */
function rendererCsp(): Map<string, string[]> {
  const html = readFileSync(join(ROOT, 'src/renderer/index.html'), 'utf8')
  const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values])
  )
}

describe("Electron's security checklist", () => {
  it('1. only secure content: the window loads the app from disk, a dev server only on loopback', async () => {
    const { rendererLocation } = await import('../../src/main/renderer-location')
    expect(fx.windows[0]!.loadURL).not.toHaveBeenCalled()
    expect(fx.windows[0]!.loadFile).toHaveBeenCalledTimes(1)
    expect(rendererLocation({ ELECTRON_RENDERER_URL: 'http://evil.example/' }).devUrl).toBeNull()
    expect(rendererLocation({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true).devUrl).toBeNull()
  })

  it('2. no Node.js integration, in the window, its frames or workers', () => {
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.nodeIntegrationInWorker).not.toBe(true)
  })

  it('3. context isolation', () => {
    expect(prefs.contextIsolation).toBe(true)
  })

  it('4. process sandboxing: the window and every renderer (app.enableSandbox before ready)', () => {
    expect(prefs.sandbox).toBe(true)
    expect(readyLog).toContain('enableSandbox')
  })

  it('5. permission requests denied: requests, checks and devices', () => {
    const request = fx.session.setPermissionRequestHandler.mock.calls[0]![0] as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void
    ) => void
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fileSystem'
    ]) {
      const callback = vi.fn()
      request(main, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
    }
    const check = fx.session.setPermissionCheckHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean
    expect(check(main, 'media', 'file://', {})).toBe(false)
    const device = fx.session.setDevicePermissionHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean
    expect(device({ deviceType: 'usb' })).toBe(false)
  })

  it('6. webSecurity stays on', () => {
    expect(prefs.webSecurity).not.toBe(false)
  })

  it('7. a Content Security Policy: no inline or eval script, no plugins, base and forms pinned', () => {
    const csp = rendererCsp()
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
    expect(csp.get('base-uri')?.every((s) => ["'self'", 'lectern:'].includes(s))).toBe(true)
    for (const [, values] of csp)
      for (const v of values) expect(["'unsafe-eval'", '*', 'http:', 'https:']).not.toContain(v)
  })

  it('8. no insecure content over https pages', () => {
    expect(prefs.allowRunningInsecureContent).not.toBe(true)
  })

  it('9. no experimental features', () => {
    expect(prefs.experimentalFeatures).not.toBe(true)
  })

  it('10. no enableBlinkFeatures', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined()
  })

  it('11. no <webview>: the tag is off and any attach is refused, in every web contents', () => {
    expect(prefs.webviewTag).toBe(false)
    const other = fx.newContents()
    fx.app.emit('web-contents-created', {}, other)
    for (const contents of [main, other]) {
      const event = { preventDefault: vi.fn() }
      contents.events.emit('will-attach-webview', event, {}, {})
      expect(event.preventDefault).toHaveBeenCalled()
    }
  })

  it('12. navigation limited to our own renderer, in the window and its frames, in every web contents', () => {
    const other = fx.newContents()
    fx.app.emit('web-contents-created', {}, other)
    for (const contents of [main, other]) {
      for (const url of FOREIGN) {
        const top = navigation(url)
        contents.events.emit('will-navigate', top)
        expect(top.preventDefault, url).toHaveBeenCalled()
        const frame = navigation(url, false)
        contents.events.emit('will-frame-navigate', frame)
        expect(frame.preventDefault, url).toHaveBeenCalled()
      }
    }
    const own = navigation(`${ourUrl()}#/x`)
    main.events.emit('will-navigate', own)
    expect(own.preventDefault).not.toHaveBeenCalled()
    const srcdoc = navigation('about:srcdoc', false)
    main.events.emit('will-frame-navigate', srcdoc)
    expect(srcdoc.preventDefault).not.toHaveBeenCalled()
  })

  it('13. no new windows: every window.open is denied; a web link goes to the system browser instead', async () => {
    fx.shell.openExternal.mockClear()
    for (const url of ['https://example.com/a', 'javascript:alert(1)', 'file:///etc/passwd', 'lectern://articles/a/x'])
      expect(main.windowOpenHandler!({ url })).toEqual({ action: 'deny' })
    await Promise.resolve()
    expect(fx.shell.openExternal.mock.calls.map((c: unknown[]) => c[0])).toEqual(['https://example.com/a'])
  })

  it('14. shell.openExternal only through the checked opener, also for the core', async () => {
    expect(fx.createCore.mock.calls[0]![0]).toMatchObject({ openExternal: openExternalChecked })
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'ms-msdt:/id', 'vscode://x'])
      await expect(openExternalChecked(url)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('15. a current Electron: not older than the major this checklist was reviewed against (45)', () => {
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version
    const declared = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies.electron
    expect(Number(installed.split('.')[0])).toBeGreaterThanOrEqual(45)
    expect(Number(/\d+/.exec(declared)![0])).toBeGreaterThanOrEqual(45)
  })

  it('16. the sender of every IPC call is validated: a sub-frame or a foreign page is refused', async () => {
    const calls = fx.ipcMain.handle.mock.calls as Array<[string, (event: unknown, input: unknown) => Promise<unknown>]>
    expect(calls.map(([channel]) => channel).sort()).toEqual(METHOD_NAMES.map((n) => ipcChannel(n)).sort())
    const handler = calls.find(([channel]) => channel === ipcChannel('getSettings'))![1]
    const refused = { ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) }
    expect(await handler({ senderFrame: null }, {})).toEqual(refused)
    expect(await handler({ senderFrame: { url: ourUrl(), parent: {} } }, {})).toEqual(refused)
    expect(await handler({ senderFrame: { url: 'https://example.com/', parent: null } }, {})).toEqual(refused)
  })

  // Not met: the window loads out/renderer/index.html with loadFile, so the app runs on file://, where 'self'
  // in its CSP is every local file and a renderer bug would get file privileges (issue #14, item 7). Met when
  // the renderer comes from a privileged custom scheme (app:// or lectern://app/) that main handles, with
  // its CSP as a response header; then flip to `it` and check that header too.
  it.fails('17. a custom protocol, not file://, for the app itself', () => {
    expect(fx.windows[0]!.loadFile).not.toHaveBeenCalled()
    const url = new URL(String(fx.windows[0]!.loadURL.mock.calls[0]?.[0]))
    const privileged = fx.protocol.registerSchemesAsPrivileged.mock.calls[0]![0]
    expect(privileged.map((p) => `${p.scheme}:`)).toContain(url.protocol)
    expect(fx.protocol.handle.mock.calls.map((c: unknown[]) => `${c[0]}:`)).toContain(url.protocol)
  })

  it('17b. the asset scheme is privileged only as far as needed and served by one checked handler', () => {
    expect(readyLog).toContain('registerSchemesAsPrivileged')
    const [schemes] = fx.protocol.registerSchemesAsPrivileged.mock.calls[0]!
    for (const { privileges } of schemes) {
      expect(privileges.bypassCSP).not.toBe(true)
      expect(privileges.allowServiceWorkers).not.toBe(true)
      expect(privileges.corsEnabled).not.toBe(true)
    }
    expect(fx.protocol.handle.mock.calls.map((c: unknown[]) => c[0])).toEqual(['lectern'])
    // No file/http/buffer protocol registration or interception besides protocol.handle.
    expect(fx.protocolCalls).toEqual([])
  })

  it.todo(
    '18. fuses: RunAsNode, NodeOptions and NodeCliInspect off, cookie encryption and ASAR integrity on, app only from ASAR (packaging; see docs/security.md)'
  )

  it('19. no Electron API exposed to the page: the preload gives the contract functions and `on`, nothing else', () => {
    expect([...fx.exposed.keys()]).toEqual(['lectern'])
    const api = fx.exposed.get('lectern') as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort())
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true)
  })

  // Not met: webPreferences.spellcheck is on and no dictionary URL is set, so on Windows and Linux Chromium
  // downloads Hunspell dictionaries from Google's CDN, from an offline app (issue #14, item 7). Met when
  // spellcheck is off or session.setSpellCheckerDictionaryDownloadURL points somewhere that is not the network.
  it.fails('20. the spellchecker never downloads dictionaries', () => {
    const url = fx.sessionCalls.find((c) => c.name === 'setSpellCheckerDictionaryDownloadURL')?.args[0]
    const offline = typeof url === 'string' && !/^https?:\/\/(?!127\.0\.0\.1|localhost)/.test(url)
    expect(prefs.spellcheck === false || offline).toBe(true)
  })

  // Not met (defence in depth, not in Electron's list but in its CSP advice): nothing in the session stops a
  // request to the network if a renderer bug made one; an offline app can refuse every http(s) request that
  // is not the dev server with session.webRequest.onBeforeRequest. Flip to `it` when main installs a filter.
  it.fails('21. the session refuses requests to the network (webRequest filter)', () => {
    expect(fx.webRequestCalls.map((c) => c.name)).toContain('onBeforeRequest')
  })

  // issue #14, item 7: the dev server URL should count only under `npm run dev`, not in any unpackaged run.
  it.todo('22. ELECTRON_RENDERER_URL is honoured only in `npm run dev`')
})
