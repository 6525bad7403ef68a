import { describe, expect, it, test, vi } from 'vitest'

const windows: Array<{
  isDestroyed: () => boolean
  webContents: { isDestroyed: () => boolean; send: ReturnType<typeof vi.fn> }
}> = []

// The real 'electron' package must never load here (its index.js tries to download the binary).
vi.mock('electron', () => ({
  BrowserWindow: { getAllWindows: () => windows }
}))

import type { IpcMainInvokeEvent } from 'electron'
import { EVENT_NAMES, METHOD_NAMES, ipcChannel, ipcEventChannel, type Handlers } from '../../src/shared/contract'
import { LecternError } from '../../src/shared/errors'
import { EventBus } from '../../src/core/event-bus'
import { registerIpc, trustedSenderCheck, type SenderCheck } from '../../src/main/ipc'
import { isOurRendererUrl, rendererLocation } from '../../src/main/renderer-location'

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown

/** Records what main registers, and refuses a channel twice like the real ipcMain. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>()
  return {
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      handlers.set(channel, handler)
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel)
    })
  }
}

function fakeCore() {
  const handlers = {
    listArticles: vi.fn(async () => [{ id: 'a1', title: 'One' }]),
    getArticle: vi.fn(async ({ id }: { id: string }) => ({ id, html: '<p>hi</p>' })),
    addUrl: vi.fn(async () => ({ id: 'new' })),
    deleteArticle: vi.fn(async ({ id }: { id: string }) => ({ id })),
    setArchived: vi.fn(async ({ id }: { id: string }) => ({ id })),
    setFavorite: vi.fn(async ({ id }: { id: string }) => ({ id })),
    openExternal: vi.fn(async () => ({ opened: true }))
  }
  return { handlers: handlers as unknown as Handlers & typeof handlers, events: new EventBus() }
}

const INDEX_HTML = '/opt/lectern/out/renderer/index.html'
const location = rendererLocation({}, false, INDEX_HTML)
const trusted = trustedSenderCheck((url) => isOurRendererUrl(url, location))

function eventFrom(url: string | null, parent: unknown = null): IpcMainInvokeEvent {
  return { senderFrame: url === null ? null : { url, parent } } as unknown as IpcMainInvokeEvent
}
const OUR_WINDOW = eventFrom('file:///opt/lectern/out/renderer/index.html#/library')

function setup(check: SenderCheck = trusted) {
  const ipcMain = fakeIpcMain()
  const core = fakeCore()
  const broadcast = vi.fn()
  const dispose = registerIpc(ipcMain, core, check, broadcast)
  const call = (name: string, input: unknown, event = OUR_WINDOW) => {
    const handler = ipcMain.handlers.get(`lectern:${name}`)
    if (!handler) throw new Error(`no handler for ${name}`)
    return handler(event, input) as Promise<unknown>
  }
  return { ipcMain, core, broadcast, dispose, call }
}

describe('registerIpc', () => {
  // One test per contract method: adding a method to the contract without it reaching ipcMain fails here.
  test.each(METHOD_NAMES)('registers %s on ipcMain.handle', (name) => {
    const { ipcMain } = setup()
    expect([...ipcMain.handlers.keys()]).toContain(ipcChannel(name))
  })

  it('registers exactly the contract channels, each once', () => {
    const { ipcMain } = setup()
    expect(ipcMain.handle).toHaveBeenCalledTimes(METHOD_NAMES.length)
    expect([...ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort())
  })

  it('passes a valid call to the core handler and returns its Result', async () => {
    const { core, call } = setup()
    await expect(call('listArticles', { view: 'inbox' })).resolves.toEqual({
      ok: true,
      value: [{ id: 'a1', title: 'One' }]
    })
    expect(core.handlers.listArticles).toHaveBeenCalledWith({ view: 'inbox' })
    await expect(call('getArticle', { id: 'abc-1' })).resolves.toEqual({
      ok: true,
      value: { id: 'abc-1', html: '<p>hi</p>' }
    })
  })

  it('answers INVALID_INPUT for input the schema refuses, without calling the core', async () => {
    const { core, call } = setup()
    const result = (await call('getArticle', { id: '../../etc' })) as { ok: boolean; error: { code: string } }
    expect(result.ok).toBe(false)
    expect(result.error.code).toBe('INVALID_INPUT')
    const missing = (await call('setArchived', { id: 'abc' })) as { ok: boolean; error: { code: string } }
    expect(missing.error.code).toBe('INVALID_INPUT')
    expect(core.handlers.getArticle).not.toHaveBeenCalled()
    expect(core.handlers.setArchived).not.toHaveBeenCalled()
  })

  it('turns a typed core failure into a Result, never a rejection', async () => {
    const { core, call } = setup()
    core.handlers.addUrl.mockRejectedValueOnce(new LecternError('NOT_AN_ARTICLE', 'No article found.'))
    await expect(call('addUrl', { url: 'https://example.com/' })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_AN_ARTICLE', message: 'No article found.' }
    })
  })

  it.each([
    ['a web page', eventFrom('https://evil.example/')],
    ['another local file', eventFrom('file:///tmp/evil.html')],
    ['a frame inside our window', eventFrom('file:///opt/lectern/out/renderer/index.html', { url: 'x' })],
    ['a destroyed frame', eventFrom(null)],
    ['a data: page', eventFrom('data:text/html,<script>1</script>')],
    ['about:blank', eventFrom('about:blank')]
  ])('refuses %s with FORBIDDEN and never reaches the core', async (_label, event) => {
    const { core, call } = setup()
    const result = (await call('deleteArticle', { id: 'abc' }, event)) as { ok: boolean; error: { code: string } }
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(core.handlers.deleteArticle).not.toHaveBeenCalled()
  })

  it('trusts the dev server origin only in dev', async () => {
    const dev = rendererLocation({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, false, INDEX_HTML)
    const check = trustedSenderCheck((url) => isOurRendererUrl(url, dev))
    expect(check(eventFrom('http://localhost:5173/index.html'))).toBe(true)
    expect(check(eventFrom('http://localhost:5174/'))).toBe(false)
    expect(check(eventFrom('file:///opt/lectern/out/renderer/index.html'))).toBe(false)
    // Packaged: the env var is ignored, only the built file counts.
    const packaged = rendererLocation({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, true, INDEX_HTML)
    expect(packaged.devUrl).toBeNull()
    // A non-loopback dev URL is ignored, with a warning.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const remote = rendererLocation({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, false, INDEX_HTML)
    expect(remote.devUrl).toBeNull()
    expect(warn).toHaveBeenCalledTimes(1)
    warn.mockRestore()
  })

  it('forwards every core event to the windows on its event channel', () => {
    const { core, broadcast } = setup()
    core.events.emit('libraryChanged', { ids: ['a1'] })
    expect(broadcast).toHaveBeenCalledWith(ipcEventChannel('libraryChanged'), { ids: ['a1'] })
    expect(EVENT_NAMES).toContain('libraryChanged')
  })

  it('by default sends events to every live window', () => {
    const live = { isDestroyed: () => false, webContents: { isDestroyed: () => false, send: vi.fn() } }
    const dead = { isDestroyed: () => true, webContents: { isDestroyed: () => true, send: vi.fn() } }
    windows.push(live, dead)
    try {
      const core = fakeCore()
      registerIpc(fakeIpcMain(), core, trusted)
      core.events.emit('libraryChanged', { ids: ['x'] })
      expect(live.webContents.send).toHaveBeenCalledWith('lectern:event:libraryChanged', { ids: ['x'] })
      expect(dead.webContents.send).not.toHaveBeenCalled()
    } finally {
      windows.length = 0
    }
  })

  it('unregisters handlers and event forwarding when disposed', () => {
    const { ipcMain, core, broadcast, dispose } = setup()
    dispose()
    expect(ipcMain.handlers.size).toBe(0)
    core.events.emit('libraryChanged', { ids: [] })
    expect(broadcast).not.toHaveBeenCalled()
  })
})
