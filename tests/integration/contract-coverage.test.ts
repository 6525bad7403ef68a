import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

// The real 'electron' package must never load here (its index.js tries to download the binary).
vi.mock('electron', () => ({ BrowserWindow: { getAllWindows: () => [] } }))

import type { IpcMainInvokeEvent } from 'electron'
import { EventBus } from '../../src/core/event-bus'
import { createLocalApi } from '../../src/core/local-api'
import { registerIpc } from '../../src/main/ipc'
import { buildBridge } from '../../src/preload/bridge'
import { startServer } from '../../src/server/start-server'
import {
  contract,
  EVENT_NAMES,
  EVENTS,
  ipcChannel,
  ipcEventChannel,
  METHOD_NAMES,
  type EventPayloads,
  type Handlers
} from '../../src/shared/contract'
import type { LecternCore } from '../../src/core/create-core'
import { tempDir } from '../support/temp-dir'

/** A core whose every handler answers with its own name: what matters here is that each is reached. */
function echoCore(): Pick<LecternCore, 'handlers' | 'events' | 'dataDir'> {
  const handlers = Object.fromEntries(METHOD_NAMES.map((name) => [name, async () => ({ method: name })]))
  return { handlers: handlers as unknown as Handlers, events: new EventBus(), dataDir: '/nonexistent' }
}

/** Some valid input for every method (the schemas reject {} for most). */
function validInput(name: (typeof METHOD_NAMES)[number]): unknown {
  const samples: unknown[] = [
    {},
    { id: 'a1' },
    { url: 'https://example.test/' },
    { urls: ['https://example.test/'] },
    { batchId: 'b' },
    { base64: '', fileName: 'x.html' },
    { id: 'a1', archived: true },
    { id: 'a1', favorite: true },
    { id: 'a1', progress: 0.5 },
    { ids: ['a1'], archived: true },
    { ids: ['a1'], favorite: true },
    { ids: ['a1'], tags: ['t'] },
    { from: 'a', to: 'b' },
    { tags: ['a'], into: 'b' },
    { ids: ['a1'] },
    { token: 'ab' },
    { query: 'x' },
    { name: 'n', query: 'x' }
  ]
  const found = samples.find((sample) => contract[name].input.safeParse(sample).success)
  if (found === undefined) throw new Error(`no sample input for ${name}`)
  return found
}

const payload = { ids: [] } as unknown as EventPayloads[keyof EventPayloads]

describe('every transport covers the whole contract', () => {
  it('names every method and event once, and gives each method a schema', () => {
    expect(Object.keys(contract).sort()).toEqual([...METHOD_NAMES].sort())
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length)
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(EVENTS).sort())
  })

  it('main registers every method on IPC and forwards every event to the windows', async () => {
    const core = echoCore()
    const registered = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => unknown>()
    const sent: string[] = []
    registerIpc(
      { handle: (channel, handler) => void registered.set(channel, handler), removeHandler: () => undefined },
      core,
      () => true,
      (channel) => sent.push(channel)
    )
    for (const name of METHOD_NAMES) {
      const answer = await registered.get(ipcChannel(name))?.({} as IpcMainInvokeEvent, validInput(name))
      expect({ name, answer }).toEqual({ name, answer: { ok: true, value: { method: name } } })
    }
    for (const name of EVENT_NAMES) core.events.emit(name, payload)
    expect(sent).toEqual(EVENT_NAMES.map(ipcEventChannel))
  })

  it('the preload bridge exposes every method and accepts every event', () => {
    const ipc = { invoke: vi.fn(async () => ({ ok: true })), on: vi.fn(), removeListener: vi.fn() }
    const api = buildBridge(ipc)
    expect(METHOD_NAMES.filter((name) => typeof api[name] !== 'function')).toEqual([])
    for (const name of EVENT_NAMES) api.on(name, () => undefined)
    expect(ipc.on.mock.calls.map(([channel]) => channel)).toEqual(EVENT_NAMES.map(ipcEventChannel))
  })

  it('the server answers every method at POST /api/<name> (the HTTP client is built from the same list)', async () => {
    const dir = tempDir()
    const rendererDir = join(dir.path, 'renderer')
    mkdirSync(rendererDir)
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lectern</title>')
    const server = await startServer({ core: echoCore() as LecternCore, rendererDir, token: 't'.repeat(32) })
    try {
      for (const name of METHOD_NAMES) {
        const response = await fetch(`${server.origin}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
          body: JSON.stringify(validInput(name))
        })
        expect({ name, answer: await response.json() }).toEqual({ name, answer: { ok: true, value: { method: name } } })
      }
    } finally {
      await server.close()
      dir.remove()
    }
  })

  it('the in-process API has every method and delivers every event', async () => {
    const core = echoCore()
    const api = createLocalApi(core)
    for (const name of METHOD_NAMES) {
      const call = api[name] as (input: unknown) => Promise<unknown>
      expect(await call(validInput(name))).toEqual({ ok: true, value: { method: name } })
    }
    const heard: string[] = []
    for (const name of EVENT_NAMES) api.on(name, () => heard.push(name))
    for (const name of EVENT_NAMES) core.events.emit(name, payload)
    expect(heard).toEqual([...EVENT_NAMES])
  })
})
