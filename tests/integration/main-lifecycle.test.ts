import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fakes stand in for many Electron listener shapes
type Listener = (...args: any[]) => unknown

// vi.mock is hoisted above the imports, so everything the mocks hand out is built here.
const fx = vi.hoisted(() => {
  const log: string[] = []

  function emitter() {
    const listeners = new Map<string, Listener[]>()
    return {
      listeners,
      on(event: string, listener: Listener) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener])
      },
      emit(event: string, ...args: unknown[]) {
        for (const listener of listeners.get(event) ?? []) listener(...args)
      }
    }
  }

  function fakeWebContents() {
    const events = emitter()
    return {
      events,
      session: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn()
      },
      on: vi.fn((event: string, listener: Listener) => events.on(event, listener)),
      setWindowOpenHandler: vi.fn()
    }
  }

  const windows: Array<InstanceType<typeof FakeBrowserWindow>> = []
  class FakeBrowserWindow {
    static getAllWindows = () => windows
    webContents = fakeWebContents()
    events = emitter()
    loadFile = vi.fn(async () => undefined)
    loadURL = vi.fn(async () => undefined)
    once = vi.fn()
    on = vi.fn((event: string, listener: Listener) => this.events.on(event, listener))
    isMinimized = vi.fn(() => true)
    restore = vi.fn()
    show = vi.fn()
    focus = vi.fn()
    constructor(readonly options: unknown) {
      log.push('window')
      windows.push(this)
    }
  }

  const appEvents = emitter()
  let resolveReady: () => void = () => {}
  const app = {
    isPackaged: false,
    gotLock: true,
    ready: Promise.resolve(),
    on: vi.fn((event: string, listener: Listener) => appEvents.on(event, listener)),
    emit: (event: string, ...args: unknown[]) => appEvents.emit(event, ...args),
    whenReady: vi.fn(() => app.ready),
    requestSingleInstanceLock: vi.fn(() => app.gotLock),
    enableSandbox: vi.fn(() => log.push('enableSandbox')),
    getPath: vi.fn(() => '/home/someone/.config/Lectern'),
    quit: vi.fn(),
    exit: vi.fn()
  }

  const core = {
    dataDir: '',
    handlers: {},
    events: { on: vi.fn(() => () => undefined) },
    close: vi.fn(async () => undefined)
  }

  const fx = {
    log,
    windows,
    appEvents,
    app,
    core,
    FakeBrowserWindow,
    fakeWebContents,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => log.push('registerSchemesAsPrivileged')),
      handle: vi.fn(() => log.push('protocol.handle'))
    },
    ipcMain: { handle: vi.fn(() => log.push('ipcMain.handle')), removeHandler: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    shell: { openExternal: vi.fn() },
    createCore: vi.fn(async (options: { dataDir: string }) => {
      log.push('createCore')
      core.dataDir = options.dataDir
      return core
    }),
    holdReady() {
      app.ready = new Promise<void>((resolve) => (resolveReady = resolve))
    },
    becomeReady: () => resolveReady(),
    reset() {
      log.length = 0
      windows.length = 0
      appEvents.listeners.clear()
      app.gotLock = true
      app.ready = Promise.resolve()
      core.close.mockReset().mockResolvedValue(undefined)
      for (const fn of [
        app.on,
        app.whenReady,
        app.requestSingleInstanceLock,
        app.enableSandbox,
        app.getPath,
        app.quit,
        app.exit
      ])
        fn.mockClear()
    }
  }
  return fx
})

// Never load the real 'electron' package here (its index.js would try to download the binary).
vi.mock('electron', () => ({
  app: fx.app,
  BrowserWindow: fx.FakeBrowserWindow,
  protocol: fx.protocol,
  ipcMain: fx.ipcMain,
  dialog: fx.dialog,
  shell: fx.shell
}))
vi.mock('../../src/core/create-core', () => ({ createCore: fx.createCore }))

import { METHOD_NAMES } from '../../src/shared/contract'
import { openExternalChecked } from '../../src/main/external-links'

async function loadMain(): Promise<void> {
  vi.resetModules()
  await import('../../src/main/index')
}

const savedDataDir = process.env.LECTERN_DATA_DIR

beforeEach(() => {
  fx.reset()
  for (const fn of [
    fx.protocol.registerSchemesAsPrivileged,
    fx.protocol.handle,
    fx.ipcMain.handle,
    fx.dialog.showErrorBox,
    fx.createCore
  ])
    fn.mockClear()
  process.env.LECTERN_DATA_DIR = '/tmp/lectern-lifecycle-test'
})

afterEach(() => {
  if (savedDataDir === undefined) delete process.env.LECTERN_DATA_DIR
  else process.env.LECTERN_DATA_DIR = savedDataDir
})

describe('main entry', () => {
  it('declares the lectern: scheme and the sandbox before the app is ready', async () => {
    fx.holdReady()
    await loadMain()
    expect(fx.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1)
    expect(fx.app.enableSandbox).toHaveBeenCalled()
    expect(fx.createCore).not.toHaveBeenCalled()
    expect(fx.protocol.handle).not.toHaveBeenCalled()
    fx.becomeReady()
    await vi.waitFor(() => expect(fx.windows).toHaveLength(1))
    expect(fx.log.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fx.log.indexOf('createCore'))
  })

  it('quits at once when another instance holds the lock', async () => {
    fx.app.gotLock = false
    await loadMain()
    expect(fx.app.quit).toHaveBeenCalled()
    expect(fx.app.whenReady).not.toHaveBeenCalled()
    expect(fx.createCore).not.toHaveBeenCalled()
  })

  it('on ready opens the core on the data dir, then protocol and IPC, then the window', async () => {
    await loadMain()
    await vi.waitFor(() => expect(fx.windows).toHaveLength(1))
    expect(fx.createCore).toHaveBeenCalledWith({
      dataDir: '/tmp/lectern-lifecycle-test',
      openExternal: expect.any(Function),
      openSearchAfterMs: expect.any(Number)
    })
    // The core's opener is the checked one (modules were reset, so compare by behaviour, not identity).
    const { openExternal } = fx.createCore.mock.calls[0]![0] as unknown as { openExternal: typeof openExternalChecked }
    await expect(openExternal('javascript:alert(1)')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(fx.shell.openExternal).not.toHaveBeenCalled()
    expect(fx.protocol.handle).toHaveBeenCalledWith('lectern', expect.any(Function))
    expect(fx.ipcMain.handle).toHaveBeenCalledTimes(METHOD_NAMES.length)
    const firstWindow = fx.log.indexOf('window')
    expect(fx.log.indexOf('protocol.handle')).toBeLessThan(firstWindow)
    expect(fx.log.lastIndexOf('ipcMain.handle')).toBeLessThan(firstWindow)
  })

  it('falls back to userData when LECTERN_DATA_DIR is not set', async () => {
    delete process.env.LECTERN_DATA_DIR
    await loadMain()
    await vi.waitFor(() => expect(fx.createCore).toHaveBeenCalled())
    expect(fx.app.getPath).toHaveBeenCalledWith('userData')
    expect(fx.createCore.mock.calls[0]![0].dataDir).toBe('/home/someone/.config/Lectern')
  })

  it('closes the core exactly once before quitting', async () => {
    await loadMain()
    await vi.waitFor(() => expect(fx.windows).toHaveLength(1))
    let finishClose: () => void = () => {}
    fx.core.close.mockImplementation(
      () => new Promise<undefined>((resolve) => (finishClose = () => resolve(undefined)))
    )

    const first = { preventDefault: vi.fn() }
    fx.app.emit('before-quit', first)
    expect(first.preventDefault).toHaveBeenCalled()
    const second = { preventDefault: vi.fn() }
    fx.app.emit('before-quit', second)
    expect(second.preventDefault).toHaveBeenCalled()
    await vi.waitFor(() => expect(fx.core.close).toHaveBeenCalledTimes(1))
    expect(fx.app.quit).not.toHaveBeenCalled()

    finishClose()
    await vi.waitFor(() => expect(fx.app.quit).toHaveBeenCalledTimes(1))
    // The real quit now goes through.
    const last = { preventDefault: vi.fn() }
    fx.app.emit('before-quit', last)
    expect(last.preventDefault).not.toHaveBeenCalled()
    expect(fx.core.close).toHaveBeenCalledTimes(1)
  })

  it('still quits when closing the core fails', async () => {
    await loadMain()
    await vi.waitFor(() => expect(fx.windows).toHaveLength(1))
    fx.core.close.mockRejectedValueOnce(new Error('disk gone'))
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    fx.app.emit('before-quit', { preventDefault: vi.fn() })
    await vi.waitFor(() => expect(fx.app.quit).toHaveBeenCalled())
    spy.mockRestore()
  })

  it('tells the user and exits when the library cannot be opened', async () => {
    fx.createCore.mockRejectedValueOnce(new Error('The library is in use by another Lectern process.'))
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    await loadMain()
    await vi.waitFor(() => expect(fx.app.exit).toHaveBeenCalledWith(1))
    expect(fx.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringContaining('in use'))
    expect(fx.windows).toHaveLength(0)
    spy.mockRestore()
  })

  it('guards every web contents the app creates', async () => {
    await loadMain()
    const contents = fx.fakeWebContents()
    fx.app.emit('web-contents-created', {}, contents)
    const attach = { preventDefault: vi.fn() }
    contents.events.emit('will-attach-webview', attach, {}, {})
    expect(attach.preventDefault).toHaveBeenCalled()
    const navigate = { url: 'https://example.com/', isMainFrame: true, preventDefault: vi.fn() }
    contents.events.emit('will-navigate', navigate)
    expect(navigate.preventDefault).toHaveBeenCalled()
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => unknown
    expect(openHandler({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(fx.shell.openExternal).not.toHaveBeenCalled()
  })

  it('brings the existing window forward on a second launch', async () => {
    await loadMain()
    await vi.waitFor(() => expect(fx.windows).toHaveLength(1))
    fx.app.emit('second-instance', {}, [], '/')
    const win = fx.windows[0]!
    expect(win.restore).toHaveBeenCalled()
    expect(win.focus).toHaveBeenCalled()
  })

  it('quits when the last window closes, except on macOS', async () => {
    await loadMain()
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!
    try {
      Object.defineProperty(process, 'platform', { value: 'darwin' })
      fx.app.emit('window-all-closed')
      expect(fx.app.quit).not.toHaveBeenCalled()
      Object.defineProperty(process, 'platform', { value: 'linux' })
      fx.app.emit('window-all-closed')
      expect(fx.app.quit).toHaveBeenCalledTimes(1)
    } finally {
      Object.defineProperty(process, 'platform', platform)
    }
  })
})
