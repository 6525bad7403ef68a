import type { Handlers } from '../../shared/contract'
import type { HandlerContext } from './context'

/** Reading settings; a change is announced to every window (settingsChanged). */
export function settingsHandlers({
  settings,
  events
}: Pick<HandlerContext, 'settings' | 'events'>): Pick<Handlers, 'getSettings' | 'updateSettings'> {
  return {
    async getSettings() {
      return settings.get()
    },
    async updateSettings(change) {
      const updated = await settings.update(change)
      events.emit('settingsChanged', updated)
      return updated
    }
  }
}
