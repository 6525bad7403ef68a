import type { IpcRenderer, IpcRendererEvent } from 'electron'
import type { EventName, EventPayloads, LecternApi } from '../shared/contract'
import { fail } from '../shared/result'
import { EVENT_NAMES, METHOD_NAMES, ipcChannel, ipcEventChannel } from '../shared/contract-names'

/** The part of ipcRenderer the bridge uses; it is never handed to the page itself. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>

const KNOWN_EVENTS: ReadonlySet<string> = new Set(EVENT_NAMES)

/**
 * Builds `window.lectern` from the contract: one function per method, all made in one loop, plus `on`
 * for the contract's events. Pure (no contextBridge) so it can be tested with a fake ipcRenderer.
 */
export function buildBridge(ipc: BridgeIpc): LecternApi {
  const api: Record<string, unknown> = {}

  for (const name of METHOD_NAMES) {
    const channel = ipcChannel(name)
    api[name] = (input: unknown) =>
      // Main answers with a Result and never rejects; a rejection here is the transport failing (no
      // handler yet, a value that cannot be cloned), which the renderer still receives as a Result.
      ipc
        .invoke(channel, input)
        .catch(() => fail('INTERNAL', `Lectern could not reach its library for ${name}; try again or restart the app.`))
  }

  api.on = <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): (() => void) => {
    if (typeof event !== 'string' || !KNOWN_EVENTS.has(event)) {
      throw new TypeError(`lectern.on: unknown event "${String(event)}"`)
    }
    if (typeof listener !== 'function') throw new TypeError('lectern.on: the listener must be a function')
    const channel = ipcEventChannel(event)
    // Only the payload crosses over: the IpcRendererEvent (whose .sender is ipcRenderer) never does.
    const forward = (_event: IpcRendererEvent, payload: EventPayloads[E]): void => listener(payload)
    ipc.on(channel, forward)
    let subscribed = true
    return () => {
      if (!subscribed) return
      subscribed = false
      ipc.removeListener(channel, forward)
    }
  }

  return api as LecternApi
}
