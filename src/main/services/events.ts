import type { EventName, EventPayload } from '../../shared/api'

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

/** The services' one outgoing event stream; each shell forwards it to its page(s). */
export class EventHub {
  private readonly listeners = new Set<EventListener>()

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload)
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
