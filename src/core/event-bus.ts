import type { EventName, EventPayloads } from '../shared/contract'

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void

/** Typed events from the core; each transport (IPC, SSE) subscribes once and forwards. */
export class EventBus {
  private listeners = new Map<EventName, Set<Listener<EventName>>>()

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set()
    set.add(listener as Listener<EventName>)
    this.listeners.set(event, set)
    return () => set.delete(listener as Listener<EventName>)
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload)
  }
}
