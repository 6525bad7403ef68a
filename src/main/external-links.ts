import { shell } from 'electron'
import { isSafeExternalUrl } from '../shared/external-url'
import { LecternError } from '../shared/errors'

/**
 * The only way Lectern hands a URL to the operating system: it must pass isSafeExternalUrl (http, https,
 * mailto). Anything else (javascript:, file:, data:, custom schemes that launch other apps) is refused
 * with a FORBIDDEN error. Given to the core as its `openExternal`, and used by the window-open handler.
 */
export async function openExternalChecked(url: string): Promise<void> {
  if (!isSafeExternalUrl(url)) {
    throw new LecternError('FORBIDDEN', 'Only web (http, https) and mailto links can be opened from Lectern.')
  }
  // Reviewed for Electronegativity's OPEN_EXTERNAL check: only a URL that passed isSafeExternalUrl gets here.
  await shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK
}
