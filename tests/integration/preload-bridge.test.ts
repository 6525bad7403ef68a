import { describe, expect, it, vi } from 'vitest'

const exposed: Record<string, unknown> = {}
const fakeIpcRenderer = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() }

// Never load the real 'electron' package here (its index.js would try to download the binary).
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      exposed[key] = api
    })
  },
  ipcRenderer: fakeIpcRenderer
}))

import type { IpcRendererEvent } from 'electron'
import * as contract from '../../src/shared/contract'
import { METHOD_NAMES, ipcChannel, ipcEventChannel } from '../../src/shared/contract-names'
import { buildBridge } from '../../src/preload/bridge'

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void

function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>()
  return {
    listeners,
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    on: vi.fn((channel: string, listener: Listener) => {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener)
    }),
    emit(channel: string, payload: unknown) {
      const event = { sender: 'ipcRenderer itself' } as unknown as IpcRendererEvent
      for (const listener of listeners.get(channel) ?? []) listener(event, payload)
    }
  }
}

function setup() {
  const ipc = fakeIpc()
  // The fake is a structural subset of IpcRenderer; cast once at the boundary.
  const api = buildBridge(ipc as unknown as Parameters<typeof buildBridge>[0])
  return { ipc, api }
}

describe('contract names', () => {
  // The preload and renderer import the zod-free name list; the schemas must cover exactly those names.
  it('has a schema for every method name and no other', () => {
    expect(Object.keys(contract.contract).sort()).toEqual([...METHOD_NAMES].sort())
  })
})

describe('buildBridge', () => {
  it('exposes exactly the contract methods plus on', () => {
    const { api } = setup()
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort())
    for (const key of Object.keys(api)) expect(typeof (api as Record<string, unknown>)[key]).toBe('function')
  })

  it.each(METHOD_NAMES)('%s invokes its own channel with the input', async (name) => {
    const { ipc, api } = setup()
    const input = { probe: name }
    const call = (api as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name]
    await expect(call!(input)).resolves.toEqual({ ok: true, value: { channel: ipcChannel(name), input } })
    expect(ipc.invoke).toHaveBeenCalledTimes(1)
    expect(ipc.invoke).toHaveBeenCalledWith(ipcChannel(name), input)
  })

  it('turns a transport failure into an INTERNAL Result instead of a rejection', async () => {
    const { ipc, api } = setup()
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'lectern:listArticles'"))
    await expect(api.listArticles({})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('on subscribes to the event channel and passes only the payload', () => {
    const { ipc, api } = setup()
    const listener = vi.fn()
    api.on('libraryChanged', listener)
    expect(ipc.on).toHaveBeenCalledWith(ipcEventChannel('libraryChanged'), expect.any(Function))
    ipc.emit(ipcEventChannel('libraryChanged'), { ids: ['a'] })
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listener.mock.calls[0]).toEqual([{ ids: ['a'] }])
  })

  it('on returns a function that unsubscribes (once)', () => {
    const { ipc, api } = setup()
    const listener = vi.fn()
    const off = api.on('libraryChanged', listener)
    off()
    off()
    ipc.emit(ipcEventChannel('libraryChanged'), { ids: ['a'] })
    expect(listener).not.toHaveBeenCalled()
    expect(ipc.removeListener).toHaveBeenCalledTimes(1)
    expect(ipc.listeners.get(ipcEventChannel('libraryChanged'))?.size).toBe(0)
  })

  it('on refuses events that are not in the contract', () => {
    const { ipc, api } = setup()
    const on = api.on as unknown as (event: string, listener: () => void) => () => void
    expect(() => on('lectern:listArticles', () => {})).toThrow(/unknown event/)
    expect(() => on('__proto__', () => {})).toThrow(/unknown event/)
    expect(() => on('toString', () => {})).toThrow(/unknown event/)
    expect(ipc.on).not.toHaveBeenCalled()
  })
})

describe('preload entry', () => {
  it('exposes window.lectern built from the contract and nothing of ipcRenderer', async () => {
    await import('../../src/preload/index')
    const api = exposed.lectern as Record<string, unknown>
    expect(Object.keys(exposed)).toEqual(['lectern'])
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort())
    expect(Object.values(api)).not.toContain(fakeIpcRenderer)
    expect(Object.values(api)).not.toContain(fakeIpcRenderer.invoke)
  })
})
