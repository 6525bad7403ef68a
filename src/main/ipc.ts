import { BrowserWindow, type IpcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { EVENT_NAMES, METHOD_NAMES, ipcChannel, ipcEventChannel } from '../shared/contract'
import { fail } from '../shared/result'
import { dispatch } from '../core/dispatch'
import type { LecternCore } from '../core/create-core'

/** Decides whether an IPC call comes from our own window (and not from some other frame or page). */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean

/** Sends one event to every window we own. */
export type Broadcast = (channel: string, payload: unknown) => void

/**
 * A sender is trusted only when it is a top-level frame showing our renderer. The check is on
 * `senderFrame` (not `sender`, the whole webContents) because a frame inside our window, e.g. the reading
 * view's iframe, must never count as the window itself.
 */
export function trustedSenderCheck(isOurRendererUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame
    if (!frame) return false // navigated away or destroyed since it sent: not ours any more
    if (frame.parent) return false
    return isOurRendererUrl(frame.url)
  }
}

/** Every live window's webContents. */
const broadcastToAllWindows: Broadcast = (channel, payload) => {
  for (const win of BrowserWindow.getAllWindows()) {
    const contents: WebContents = win.webContents
    if (!win.isDestroyed() && !contents.isDestroyed()) contents.send(channel, payload)
  }
}

/**
 * Registers every contract method on `ipcMain.handle` in one loop (so none can be forgotten), each
 * answering with a Result and never a rejection, and forwards every core event to all windows.
 * Returns a function that undoes both.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Pick<LecternCore, 'handlers' | 'events'>,
  isTrustedSender: SenderCheck,
  broadcast: Broadcast = broadcastToAllWindows
): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        return fail('FORBIDDEN', 'This request did not come from the Lectern window, so it was refused.')
      }
      // dispatch validates the input with the contract's schema and turns every outcome into a Result.
      return dispatch(core.handlers, name, input)
    })
  }

  const unsubscribers = EVENT_NAMES.map((name) =>
    core.events.on(name, (payload) => broadcast(ipcEventChannel(name), payload))
  )

  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(ipcChannel(name))
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}
