import type { Handlers } from '../../shared/contract'
import { LecternError } from '../../shared/errors'
import { isSafeExternalUrl } from '../../shared/external-url'
import type { HandlerContext } from './context'

/** Links from an article opened outside the app, after the one http/https/mailto check. */
export function linkHandlers({ openExternal }: Pick<HandlerContext, 'openExternal'>): Pick<Handlers, 'openExternal'> {
  return {
    async openExternal({ url }) {
      if (!isSafeExternalUrl(url)) {
        throw new LecternError('UNSUPPORTED_SCHEME', 'Only http, https and mailto links can be opened.')
      }
      if (!openExternal)
        throw new LecternError('NOT_SUPPORTED', 'Opening links is done by the browser in browser mode.')
      await openExternal(url)
      return { opened: true }
    }
  }
}
